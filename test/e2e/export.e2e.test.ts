import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-export-'));
});
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), ...extraEnv } });
const threeModels = ['-m', 'mock:alpha,mock:beta,mock:gamma?fail=1', '--retries', '0'];
const outFiles = () => readdirSync(path.join(cwd, 'out'));

describe('export', () => {
  it('asks for --model or a pick when several drafts succeeded, then exports the pick beside the drafts', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    const ambiguous = await cli(['export', '1']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('run #1 has 2 successful drafts (mock:alpha, mock:beta) and no pick: pass --model <id>');
    expect((await cli(['pick', '1', 'beta'])).code).toBe(0);
    const exported = await cli(['export', '1']);
    expect(exported.code).toBe(0);
    const name = outFiles().find((file) => file.endsWith('_wechat.html')) ?? '';
    expect(name).toMatch(/^\d{8}-\d{6}_.+_wechat\.html$/);
    expect(exported.stdout).toContain('Draft: mock:beta (your pick) · theme default (Default)');
    expect(exported.stdout).toContain(`Wrote ${path.join('out', name)}: open it in a browser`);
    const fragment = readFileSync(path.join(cwd, 'out', name), 'utf8');
    expect(fragment.startsWith('\uFEFF<section style="')).toBe(true);
    expect(fragment.trim().endsWith('</section>')).toBe(true);
    expect(fragment).not.toMatch(/<style|<script|\sclass=|<!doctype/i);
  });

  it('writes a preview page with --format html, a theme and -o; prints the fragment with -o -', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    const preview = await cli(['export', '1', '--model', 'mock:alpha', '--format', 'html', '--theme', 'tech', '-o', 'preview.html']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('Draft: mock:alpha (as --model asked) · theme tech (Tech)');
    const page = readFileSync(path.join(cwd, 'preview.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'none'/);
    expect(page).toMatch(/<title>[^<]+<\/title>/);
    expect(page).toContain('max-width: 677px');
    const printed = await cli(['export', '1', '--model', 'alpha', '-o', '-']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.startsWith('<section style="')).toBe(true);
    expect(printed.stderr).toContain('Draft: mock:alpha (as --model asked)');
    expect(existsSync(path.join(cwd, '-'))).toBe(false);
  });

  it('exports the only successful draft; refuses a failed one, an unknown theme or format (exit 2)', async () => {
    await cli(['-m', 'mock:alpha,mock:gamma?fail=1', '--retries', '0', '冬季咖啡', '-o', 'out']);
    const only = await cli(['export', '1', '--format', 'html']);
    expect(only.code).toBe(0);
    expect(only.stdout).toContain('Draft: mock:alpha (the only successful draft)');
    expect(outFiles().some((file) => file.endsWith('_wechat-preview.html'))).toBe(true);
    const failed = await cli(['export', '1', '--model', 'mock:gamma?fail=1']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(
      'the draft of mock:gamma?fail=1 in run #1 failed; pass one of its successful models with --model: mock:alpha',
    );
    const theme = await cli(['export', '1', '--theme', 'neon']);
    expect(theme.code).toBe(2);
    expect(theme.stderr).toContain('unknown theme neon; themes: default, minimal, tech');
    const format = await cli(['export', '1', '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format pdf: use wechat or html');
  });

  it('speaks Chinese with --lang zh: the reason, the theme name and the references heading', async () => {
    await cli(['-m', 'mock:alpha', '冬季咖啡', '-o', 'out']);
    const run = await cli(['export', '1', '--theme', 'minimal', '--lang', 'zh']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('稿件：mock:alpha（唯一成功的稿件）· 主题 minimal（简约）');
    expect(run.stdout).toMatch(/已写入 .+_wechat\.html：在浏览器中打开/);
    const refused = await cli(['export', '1', '--theme', 'neon', '--lang', 'zh']);
    expect(refused.stderr).toContain('未知的主题 neon；可用主题：default, minimal, tech');
  });
});
