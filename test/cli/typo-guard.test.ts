import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editDistance, mistypedCommand } from '../../src/cli/typo-guard.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const commands = ['models', 'doctor', 'write', 'history', 'rerun', 'stats', 'init', 'completion', 'help'];

describe('the typo guard', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('histroy', 'history')).toBe(1);
    expect(editDistance('modles', 'models')).toBe(1);
    expect(editDistance('doctr', 'doctor')).toBe(1);
    expect(editDistance('wirte', 'write')).toBe(1);
    expect(editDistance('stat', 'stats')).toBe(1);
    expect(editDistance('hsitroy', 'history')).toBe(2);
  });

  it('catches a lone mistyped command, never a real topic', () => {
    for (const [word, command] of [
      ['histroy', 'history'],
      ['modles', 'models'],
      ['doctr', 'doctor'],
      ['wirte', 'write'],
      ['stat', 'stats'],
      ['Hitsory', 'history'],
      ['complteion', 'completion'],
    ] as const) {
      expect(mistypedCommand([word], commands), word).toBe(command);
    }
    for (const words of [['咖啡'], ['AI'], ['wine'], ['coffee'], ['histroy', 'of', 'tea'], ['history'], ['秋天的咖啡']]) {
      expect(mistypedCommand(words, commands), words.join(' ')).toBeNull();
    }
  });
});

describe('no accidental paid runs', () => {
  const cwd = () => mkdtempSync(path.join(os.tmpdir(), 'ww-typo-'));

  it('refuses `histroy` with exit 2 and one line: the command meant, and how to compare on the word anyway', async () => {
    const dir = cwd();
    const run = await runCliInProcess(['-m', 'mock:alpha', 'histroy'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('did you mean `history`?');
    expect(run.stderr).toContain('wechat-writer -- histroy');
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  });

  it('compares on the word after `--`', async () => {
    const run = await runCliInProcess(['-m', 'mock:alpha', '--json', '--', 'histroy'], { cwd: cwd() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ prompt: { source: 'topic' }, results: [{ status: 'ok' }] });
    expect(run.stdout).toContain('histroy：');
  });

  it('says it in Chinese with --lang zh-CN', async () => {
    const run = await runCliInProcess(['--lang', 'zh-CN', 'modles'], { cwd: cwd() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('你是不是想用 `models`');
    expect(run.stderr).toContain('wechat-writer -- modles');
  });

  it('`help <command>` shows that command’s help, `help` the program’s, and nothing runs', async () => {
    const dir = cwd();
    const write = await runCliInProcess(['help', 'write'], { cwd: dir });
    expect(write.code).toBe(0);
    expect(write.stdout).toContain('Usage: wechat-writer write [options] [topic...]');
    expect(write.stdout).toContain('--revise');
    const program = await runCliInProcess(['help'], { cwd: dir });
    expect(program.code).toBe(0);
    expect(program.stdout).toContain('Usage: wechat-writer [options] [command] [topic...]');
    expect(program.stdout).toContain('Examples:');
    expect(existsSync(path.join(dir, 'output'))).toBe(false);
  });
});
