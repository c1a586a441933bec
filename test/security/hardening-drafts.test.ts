import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import { renderWechatArticle } from '../../src/wechat/render-wechat-article.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A stored run whose one draft is saved as <cwd>/work/out/draft.md; the CLI runs in <cwd>/work. */
async function draftRun(markdown: string): Promise<{ cwd: string; root: string; home: string }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ww-hostile-draft-'));
  const cwd = path.join(root, 'work');
  const home = path.join(root, 'home');
  mkdirSync(path.join(cwd, 'out'), { recursive: true });
  writeFileSync(path.join(cwd, 'out', 'draft.md'), markdown);
  const store = await openHistoryStore(home);
  const runId = store.startRun({
    startedAt: '2026-12-02T06:00:00.000Z',
    kind: 'compare',
    parentRunId: null,
    prompt: 't',
    promptSource: 'topic',
    topic: 't',
    systemPrompt: null,
    options: {},
    toolVersion: 'test',
  });
  store.recordResult(runId, 0, okResult('mock:alpha', markdown, { outputFile: path.join('out', 'draft.md') }));
  store.close();
  return { cwd, root, home };
}

const cli = (args: string[], where: { cwd: string; home: string }, env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd: where.cwd, env: { WECHAT_WRITER_HOME: where.home, ...env } });

const hostile = [
  '# Title <script>alert(1)</script>',
  '',
  "<script>alert('x')</script>",
  '<img src=x onerror="alert(1)">',
  '<style>p{color:red}</style>',
  '<!-- a comment -->',
  '',
  '[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](VBScript:msgbox) <a href="javascript:x">raw</a>',
  '',
  '![pw](file:///etc/passwd) ![d](data:text/html,<b>)',
  '',
  'Body \x1b[2J\x1b]0;pwn\x07 \u202e reversed \x9b31m',
].join('\n');

describe('export and publish with hostile drafts', () => {
  it('raw HTML, scripts, handlers, styles, comments, javascript:/data: links and controls never reach the article', () => {
    const article = renderWechatArticle(hostile, { theme: 'default' });
    expect(article.html).not.toMatch(/<script|<style|<img|<!--/i);
    expect(article.html).not.toMatch(/<[^>]*(onerror|javascript:|vbscript:|data:)/i);
    expect(article.html).toContain('&lt;script&gt;');
    expect(article.html).not.toMatch(controls);
    expect(article.title).not.toMatch(controls);
    expect(article.images).toEqual([]);
  });

  it('export -o - of a draft with terminal escapes writes none; the file keeps none either', async () => {
    const where = await draftRun(hostile);
    const shown = await cli(['export', '1', '-o', '-'], where);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Body');
    expect(shown.stdout).not.toMatch(controls);
    expect(await cli(['export', '1', '--format', 'html', '-o', 'page.html'], where)).toMatchObject({ code: 0 });
    expect(readFileSync(path.join(where.cwd, 'page.html'), 'utf8')).not.toMatch(controls);
  });

  it('a draft over 1 MB is refused at once with the fix (exit 2), by export and by publish', async () => {
    const where = await draftRun(`# Big\n\n${'这是一个很长的段落。'.repeat(40_000)}\n`);
    for (const command of ['export', 'publish']) {
      const result = await cli([command, '1', ...(command === 'publish' ? ['--dry-run'] : [])], where);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('the draft is 1.1 MB; a WeChat article holds fewer than 20,000 characters');
    }
    const zh = await cli(['export', '1'], where, { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(zh.stderr).toContain('超过 1.0 MB 的稿件不做排版');
  });

  it('titles: 500 characters and an empty heading are refused by publish with the fix; emoji only is a title', async () => {
    const long = await draftRun(`# ${'长'.repeat(500)}\n\nbody\n`);
    expect(await cli(['publish', '1', '--dry-run'], long)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the title is 500 characters; WeChat takes at most 64'),
    });
    const empty = await draftRun('#\n\nbody only\n');
    expect(await cli(['export', '1', '-o', '-'], empty)).toMatchObject({ code: 0 });
    expect(await cli(['publish', '1', '--dry-run'], empty)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the draft has no title: start it with a heading (# Title)'),
    });
    const emoji = await draftRun('# 😀🎉🚀\n\nbody\n');
    expect((await cli(['publish', '1', '--dry-run'], emoji)).stdout).toContain('"title": "😀🎉🚀"');
  });

  it('images: outside the draft and current directories refused; a symlink beside the draft followed; a huge download capped', async () => {
    for (const src of ['/etc/passwd', '../../secret.png', '../../../../../../etc/hosts']) {
      const where = await draftRun(`# T\n\n![x](${src})\n`);
      writeFileSync(path.join(where.root, 'secret.png'), tinyPng);
      const result = await cli(['publish', '1', '--dry-run'], where);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`image ${src} is outside the draft's directory and the current directory: copy it beside the draft`);
    }
    const inCwd = await draftRun('# T\n\n![x](../pic.png)\n'); // work/out/../pic.png = work/pic.png: inside the current directory
    writeFileSync(path.join(inCwd.cwd, 'pic.png'), tinyPng);
    expect((await cli(['publish', '1', '--dry-run'], inCwd)).stdout).toContain('media = image-1.png (image/png, 70 B) ← ../pic.png');

    const linked = await draftRun('# T\n\n![x](link.png)\n');
    writeFileSync(path.join(linked.root, 'elsewhere.png'), tinyPng);
    symlinkSync(path.join(linked.root, 'elsewhere.png'), path.join(linked.cwd, 'out', 'link.png'));
    expect((await cli(['publish', '1', '--dry-run'], linked)).stdout).toContain('← link.png');

    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(Buffer.concat([tinyPng, Buffer.alloc(12 * 1024 * 1024)]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const huge = await draftRun(`# T\n\n![x](http://127.0.0.1:${(server.address() as AddressInfo).port}/huge.png)\n`);
      const result = await cli(['publish', '1', '--dry-run'], huge);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/image http:\/\/127\.0\.0\.1:\d+\/huge\.png is > 1\.0 MB; WeChat takes body images under 1\.0 MB/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30_000);
});
