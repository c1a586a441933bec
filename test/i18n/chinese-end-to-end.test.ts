import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { englishLeaks } from './english-leaks.js';

let cwd: string;
const zh = { LANG: 'zh_CN.UTF-8', COLUMNS: '80' };
const run = (args: string[], env: Record<string, string> = zh) =>
  runCliInProcess(args, { cwd, env: { ...env, WECHAT_WRITER_HOME: path.join(cwd, 'home') } });

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-zh-'));
  writeFileSync(path.join(cwd, 'week.jsonl'), '{"id":"t1","prompt":"秋天的第一杯奶茶"}\n{"id":"t2","prompt":"🚀 火箭发射"}\n');
  await run(['--models', 'mock:alpha,mock:beta', '咖啡店的冬季新品', '--judge', 'mock:judge']);
});

/** Table lines (those drawn with box characters) wider than the terminal. */
const overWide = (text: string, columns: number) => text.split('\n').filter((line) => /[│─┌└├┼]/.test(line) && stringWidth(line) > columns);

describe('LANG=zh_CN.UTF-8: a Chinese interface end to end, every table within 80 columns', () => {
  const commands: [string, string[]][] = [
    ['help', ['--help']],
    ['help of a subcommand', ['help', 'write']],
    ['a comparison with a judge', ['--models', 'mock:alpha,mock:beta', '秋天的第一杯奶茶', '--judge', 'mock:judge']],
    ['a batch', ['--prompts', 'week.jsonl', '--models', 'mock:alpha,mock:beta']],
    ['the write pipeline', ['write', '-m', 'mock:a', '周末咖啡']],
    ['models', ['models']],
    ['history', ['history']],
    ['history show', ['history', 'show', '1']],
    ['stats', ['stats']],
    ['doctor', ['doctor']],
    ['a typo', ['histroy']],
    ['an unknown model', ['--models', 'nosuch:x', '主题']],
    ['a missing prompt file', ['--models', 'mock:a', '--prompt', 'missing.md']],
    ['batch help', ['batch', '--help']],
    ['resume help', ['resume', '--help']],
    ['write --explain', ['write', '-m', 'mock:a', '--explain', '周末咖啡']],
    ['resume of a finished batch', ['resume', '2']],
    ['--reuse', ['--models', 'mock:alpha', '--reuse', '秋天的第一杯奶茶']],
    ['view help', ['view', '--help']],
  ];
  it.each(commands)('%s', async (_label, args) => {
    const result = await run(args);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output.trim()).not.toBe('');
    expect(output).toMatch(/\p{Script=Han}/u);
    expect(englishLeaks(output)).toEqual([]);
    expect(overWide(output, 80)).toEqual([]);
  });

  it('view --help: every line within 80 columns', async () => {
    const result = await run(['view', '--help']);
    expect(result.stdout).toMatch(/--no-open/);
    expect(result.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
  });

  it('keeps the same commands English without a Chinese locale', async () => {
    const result = await run(['--help'], { LANG: 'en_US.UTF-8' });
    expect(result.stdout).toMatch(/Usage:/);
  });
});
