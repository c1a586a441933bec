import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());

describe('export in the built bundle (markdown-it and juice bundled into dist/)', () => {
  it('renders a mock run’s draft with inline styles, in English and in Chinese', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-export-built-'));
    const env = { WECHAT_WRITER_HOME: path.join(cwd, 'home') };
    expect((await runBuiltCli(['-m', 'mock:alpha', '冬季咖啡', '-o', 'out'], { cwd, env })).code).toBe(0);
    const printed = await runBuiltCli(['export', '1', '--theme', 'tech', '-o', '-'], { cwd, env });
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^<section style="[^"]*font-size: 16px; line-height: 1.75/);
    expect(printed.stdout).toMatch(/<h2 style="[^"]*background: #1e6bb8/);
    expect(printed.stdout).toMatch(/<blockquote style="[^"]*border-left: 4px solid #1e6bb8/);
    expect(printed.stdout).not.toMatch(/<style|\sclass=|<script/);
    expect(printed.stderr).toContain('Draft: mock:alpha (the only successful draft) · theme tech (Tech)');
    const chinese = await runBuiltCli(['export', '1', '--format', 'html', '-o', 'preview.html'], {
      cwd,
      env: { ...env, WECHAT_WRITER_LANG: 'zh-CN' },
    });
    expect(chinese.code, chinese.stderr).toBe(0);
    expect(chinese.stdout).toContain('稿件：mock:alpha（唯一成功的稿件）· 主题 default（默认）');
    expect(readFileSync(path.join(cwd, 'preview.html'), 'utf8')).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  }, 60_000);
});
