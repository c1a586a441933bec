import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDraftLimits, defaultDigest, draftLimits } from '../../src/commands/publish/draft-limits.js';
import { imageKind, uploadFile } from '../../src/commands/publish/image-file.js';
import { loadArticleImages } from '../../src/commands/publish/load-article-images.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { createNodeHttpFetch } from '../../src/providers/node-http-fetch.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(routes: Record<string, Buffer>): Promise<string> {
  server = createServer((request, response) => {
    const body = routes[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    response.end(body ?? 'missing');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('body images', () => {
  it('reads files beside the draft, then in the cwd, downloads http(s) ones within the byte cap, and skips WeChat ones', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-publish-images-'));
    mkdirSync(path.join(cwd, 'out', 'img'), { recursive: true });
    writeFileSync(path.join(cwd, 'out', 'img', '杯子.png'), png);
    writeFileSync(path.join(cwd, 'cwd.jpg'), jpeg);
    const base = await serve({ '/remote.jpg': jpeg, '/huge.png': Buffer.concat([png, Buffer.alloc(5000)]) });
    const fetch = createNodeHttpFetch({ env: {}, maxReplyBytes: 4096 });
    const where = { draftDirectory: path.join(cwd, 'out'), cwd };
    const images = await loadArticleImages(
      ['img/%E6%9D%AF%E5%AD%90.png', 'cwd.jpg', `${base}/remote.jpg`, 'http://mmbiz.qpic.cn/mmbiz_png/x/0', 'cwd.jpg'],
      where,
      fetch,
    );
    expect(images.map((image) => [image.src, imageKind(image.bytes)])).toEqual([
      ['img/%E6%9D%AF%E5%AD%90.png', 'png'],
      ['cwd.jpg', 'jpeg'],
      [`${base}/remote.jpg`, 'jpeg'],
    ]);
    await expect(loadArticleImages([`${base}/huge.png`], where, fetch)).rejects.toThrow(/huge\.png is > 1\.0 MB/);
    await expect(loadArticleImages([`${base}/gone.png`], where, fetch)).rejects.toThrow(/could not be downloaded \(HTTP 404\)/);
    await expect(loadArticleImages(['data:image/png;base64,AAAA'], where, fetch)).rejects.toThrow(
      /neither a file nor an http\(s\) address/,
    );
    writeFileSync(path.join(cwd, 'big.png'), Buffer.concat([png, Buffer.alloc(draftLimits.bodyImageBytes)]));
    await expect(loadArticleImages(['big.png'], where, fetch)).rejects.toThrow(
      /big\.png is 1\.0 MB; WeChat takes body images under 1\.0 MB/,
    );
  });

  it('names an upload after its real format', () => {
    expect(uploadFile('image-1', jpeg)).toMatchObject({ fileName: 'image-1.jpg', contentType: 'image/jpeg' });
    expect(uploadFile('cover', png)).toMatchObject({ fileName: 'cover.png', contentType: 'image/png' });
  });
});

describe('draft limits', () => {
  const fine = { title: '冬日咖啡', author: '', digest: '', html: '<p>正文</p>', sourceUrl: '' };
  it('cuts the default digest at a sentence end within 128 characters, else with an ellipsis', () => {
    expect(defaultDigest('短摘要。')).toBe('短摘要。');
    const sentences = `${'甲'.repeat(100)}。${'乙'.repeat(100)}。`;
    expect(defaultDigest(sentences)).toBe(`${'甲'.repeat(100)}。`);
    const digest = defaultDigest('字'.repeat(300));
    expect([...digest]).toHaveLength(128);
    expect(digest.endsWith('…')).toBe(true);
  });

  it('refuses, before any call, content of 20,000 characters or 1 MB and a bad source URL', () => {
    expect(() => checkDraftLimits(fine)).not.toThrow();
    expect(() => checkDraftLimits({ ...fine, html: `<p>${'字'.repeat(20_000)}</p>` })).toThrow(/20,000/);
    expect(() => checkDraftLimits({ ...fine, html: `<p style="${'x'.repeat(1024 * 1024)}">字</p>` })).toThrow(/HTML is 1\.0 MB/);
    expect(() => checkDraftLimits({ ...fine, sourceUrl: `https://e.com/${'a'.repeat(1100)}` })).toThrow(UsageError);
    expect(() => checkDraftLimits({ ...fine, title: '  ' })).toThrow(/no title/);
  });
});
