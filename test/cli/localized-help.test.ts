import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { handleError } from '../../src/cli/handle-error.js';
import { InterruptedError } from '../../src/errors/interrupted-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-help-'));
const run = (args: string[], env: Record<string, string> = {}) => runCliInProcess(args, { cwd, env });
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));
const subcommands = ['models', 'doctor', 'write', 'history', 'rerun', 'stats', 'init', 'completion'];

describe('the help in the chosen language', () => {
  it('is Chinese with LANG=zh_CN.UTF-8: headings, descriptions, commander’s own words, examples, exit codes; within 80 columns', async () => {
    const help = await run(['--help'], { LANG: 'zh_CN.UTF-8' });
    expect(help.code).toBe(0);
    for (const text of ['用法：', '参数：', '选项：', '命令：', '示例：', '退出码：', '显示版本号', '显示命令帮助', '界面语言', '[选项]']) {
      expect(help.stdout).toContain(text);
    }
    for (const english of ['Usage:', 'Options:', 'Commands:', 'Examples:', 'display help', 'output the version', 'Exit codes']) {
      expect(help.stdout).not.toContain(english);
    }
    expect(widest(help.stdout)).toBeLessThanOrEqual(80);
  });

  it('lists --lang on the program and every subcommand, and --lang zh-CN works on a subcommand', async () => {
    for (const command of subcommands) {
      const english = await run([command, '--help']);
      expect(english.stdout, command).toContain('--lang <language>');
      const chinese = await run([command, '--lang', 'zh-CN', '--help']);
      expect(chinese.code, command).toBe(0);
      expect(chinese.stdout, command).toContain('用法：');
      expect(widest(chinese.stdout), command).toBeLessThanOrEqual(80);
    }
    const historyShow = await run(['history', 'show', '--lang', 'zh', '--help']);
    expect(historyShow.stdout).toContain('重新显示一次记录过的运行');
  });

  it('keeps the English help without a Chinese locale, and WECHAT_WRITER_LANG beats the locale', async () => {
    const english = await run(['--help'], { LANG: 'en_US.UTF-8' });
    expect(english.stdout).toContain('Usage: wechat-writer [options] [command] [topic...]');
    expect(english.stdout).toContain('Examples:');
    expect(english.stdout).toContain('--lang <language>');
    const chosen = await run(['--help'], { LANG: 'en_US.UTF-8', WECHAT_WRITER_LANG: 'zh-CN' });
    expect(chosen.stdout).toContain('用法：');
  });

  it('translates commander’s error lines', async () => {
    const unknown = await run(['--lang', 'zh-CN', '-m', 'mock:a', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("错误：未知选项 '--colour'");
    const missing = await run(['rerun', '--lang', 'zh-CN']);
    expect(missing.stderr).toContain("错误：缺少必需的参数 'runId'");
    const noValue = await run(['--lang', 'zh-CN', '-m']);
    expect(noValue.stderr).toContain("错误：选项 '-m, --models <ids>' 缺少取值");
    const english = await run(['-m', 'mock:a', '--colour']);
    expect(english.stderr).toContain("error: unknown option '--colour'");
  });
});

describe('handleError in both languages', () => {
  const stderrOf = (error: unknown) => {
    let text = '';
    handleError(error, { env: {}, stderr: { write: (chunk: string) => ((text += chunk), true) } } as never);
    return text;
  };
  const diskFull = Object.assign(new Error('no space'), { code: 'ENOSPC', path: '/tmp/out.md' });

  it('keeps the English lines', () => {
    expect(stderrOf(new InterruptedError())).toBe('wechat-writer: interrupted\n');
    expect(stderrOf(diskFull)).toContain('could not write /tmp/out.md (ENOSPC: the disk is full)');
    expect(stderrOf(new Error('boom'))).toContain('unexpected error: boom (rerun with --debug');
  });

  it('writes them in Chinese in a zh-CN run', () => {
    runInLanguage('zh-CN', () => {
      expect(stderrOf(new InterruptedError())).toBe('wechat-writer: 已中断\n');
      expect(stderrOf(diskFull)).toContain('无法写入 /tmp/out.md（ENOSPC：磁盘已满）');
      expect(stderrOf(new Error('boom'))).toContain('意外错误：boom');
    });
  });
});
