import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import { startFakeWechatServer, type FakeWechatServer } from '../support/fake-wechat-server.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const appid = 'wx0123456789abcdef';
const secret = 'S3cr3t-AppSecret-0f9e8d7c6b5a4321';
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let cwd: string;
let fake: FakeWechatServer;
beforeEach(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-publish-'));
  fake = await startFakeWechatServer({ appid, secret });
});
afterEach(async () => {
  await fake.close();
});
const home = () => path.join(cwd, 'home');
const wechatEnv = () => ({ WECHAT_WRITER_HOME: home(), WECHAT_APPID: appid, WECHAT_APPSECRET: secret, WECHAT_API_BASE: fake.url });
const cli = (args: string[], env: Record<string, string> = wechatEnv()) => runCliInProcess(args, { cwd, env });
const calls = (endpoint: string) => fake.requests.filter((request) => request.path === endpoint);

/** A stored run whose one draft (saved in out/) refers to out/img/cup.png, and the image itself. */
async function runWithImage(markdown: string): Promise<number> {
  mkdirSync(path.join(cwd, 'out', 'img'), { recursive: true });
  writeFileSync(path.join(cwd, 'out', 'img', 'cup.png'), tinyPng);
  writeFileSync(path.join(cwd, 'out', 'draft.md'), markdown);
  const store = await openHistoryStore(home());
  const runId = store.startRun({
    startedAt: '2026-12-02T06:00:00.000Z',
    kind: 'compare',
    parentRunId: null,
    prompt: '冬日咖啡',
    promptSource: 'topic',
    topic: '冬日咖啡',
    systemPrompt: null,
    options: {},
    toolVersion: 'test',
  });
  store.recordResult(runId, 0, okResult('mock:alpha', markdown, { outputFile: path.join('out', 'draft.md') }));
  store.close();
  return runId;
}

const article = '# 冬日里的一杯咖啡\n\n清晨的第一口咖啡，是一天里最安静的时刻。\n\n![杯子](img/cup.png)\n\n第二段。\n';

describe('publish', () => {
  it('creates a draft from a mock run with a generated cover, records it, and history show lists it', async () => {
    expect((await cli(['-m', 'mock:alpha', '冬季咖啡', '-o', 'out'])).code).toBe(0);
    const published = await cli(['publish', '1']);
    expect(published.stderr).not.toContain('wechat-writer:');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Draft created in the WeChat draft box: media_id FAKE_DRAFT_1');
    const [draft] = fake.drafts.get('FAKE_DRAFT_1') ?? [];
    expect(fake.materials.get(String(draft?.thumb_media_id))).toMatchObject({ type: 'image' });
    const cover = calls('/cgi-bin/material/add_material')[0];
    expect(cover?.parts?.[0]).toMatchObject({ name: 'media', fileName: 'cover.png', contentType: 'image/png' });
    expect(String(draft?.content)).not.toContain('<script');
    expect(String(draft?.digest).length).toBeGreaterThan(0);

    const shown = await cli(['history', 'show', '1']);
    expect(shown.stdout).toContain('Published to the WeChat draft box:');
    expect(shown.stdout).toContain('media_id FAKE_DRAFT_1');
    expect(await cli(['publish', '1'])).toMatchObject({ code: 0 });
    const json = JSON.parse((await cli(['history', 'show', '1', '--json'])).stdout) as { publications: { mediaId: string }[] };
    expect(json.publications.map((publication) => publication.mediaId)).toEqual(['FAKE_DRAFT_1', 'FAKE_DRAFT_2']);
  });

  it('uploads a local body image (relative to the draft file) and puts its WeChat URL in the content', async () => {
    const runId = await runWithImage(article);
    const published = await cli(['publish', String(runId), '--author', '小编', '--source-url', 'https://example.com/a']);
    expect(published.code).toBe(0);
    expect(published.stderr).toContain('Uploaded image 1/1: img/cup.png');
    const upload = calls('/cgi-bin/media/uploadimg')[0];
    expect(upload?.parts).toEqual([{ name: 'media', fileName: 'image-1.png', contentType: 'image/png', size: tinyPng.length }]);
    const [draft] = fake.drafts.get('FAKE_DRAFT_1') ?? [];
    expect(draft).toMatchObject({ title: '冬日里的一杯咖啡', author: '小编', content_source_url: 'https://example.com/a' });
    expect(draft?.digest).toBe('清晨的第一口咖啡，是一天里最安静的时刻。');
    expect(String(draft?.content)).toContain(`src="${fake.imageUrls[0]?.replace(/&/g, '&amp;')}"`);
    expect(String(draft?.content)).not.toContain('img/cup.png');

    writeFileSync(path.join(cwd, 'my-cover.jpg'), Buffer.from('ffd8ffe000104a464946', 'hex'));
    const withCover = await cli(['publish', String(runId), '--cover', 'my-cover.jpg', '--digest', '自己写的摘要', '--lang', 'zh']);
    expect(withCover.code).toBe(0);
    expect(withCover.stdout).toContain('已在微信草稿箱新建草稿：media_id FAKE_DRAFT_2');
    expect(withCover.stderr).toContain('已上传封面（my-cover.jpg）');
    expect(calls('/cgi-bin/material/add_material').at(-1)?.parts?.[0]).toMatchObject({ fileName: 'cover.jpg', contentType: 'image/jpeg' });
    expect(fake.drafts.get('FAKE_DRAFT_2')?.[0]?.digest).toBe('自己写的摘要');
    const shown = await cli(['history', 'show', String(runId), '--lang', 'zh']);
    expect(shown.stdout).toContain('已发布到微信草稿箱：');
    expect(shown.stdout).toContain('media_id FAKE_DRAFT_2 · 冬日里的一杯咖啡');
  });

  it('caches the token (mode 600) and refreshes it once when WeChat answers 40001', async () => {
    const runId = await runWithImage(article);
    expect((await cli(['publish', String(runId)])).code).toBe(0);
    expect((await cli(['publish', String(runId)])).code).toBe(0);
    expect(calls('/cgi-bin/stable_token')).toHaveLength(1);
    const cacheFile = path.join(home(), 'wechat-token.json');
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')) as object)).toEqual([appid]);

    fake.invalidateTokens();
    const refreshed = await cli(['publish', String(runId)]);
    expect(refreshed.code).toBe(0);
    const tokenCalls = calls('/cgi-bin/stable_token');
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[1]?.json?.force_refresh).toBe(true);
    expect(calls('/cgi-bin/media/uploadimg').filter((call) => call.query.access_token === fake.tokensIssued[0])).toHaveLength(3);
  });

  it('dry run prints the requests with the secret and token redacted and calls nothing', async () => {
    const runId = await runWithImage(article);
    const dry = await cli(['publish', String(runId), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(dry.stdout).toContain('/cgi-bin/stable_token');
    expect(dry.stdout).toContain('"secret": "[redacted]"');
    expect(dry.stdout).toContain('/cgi-bin/media/uploadimg?access_token=[redacted]');
    expect(dry.stdout).toMatch(/media = image-1\.png \(image\/png, \d+ B\) ← img\/cup\.png/);
    expect(dry.stdout).toContain('/cgi-bin/draft/add?access_token=[redacted]');
    expect(dry.stdout).not.toContain(secret);
    expect(dry.stdout).not.toContain(appid);
  });

  it('without credentials exits 2 with the fix, and calls nothing', async () => {
    const runId = await runWithImage(article);
    const missing = await cli(['publish', String(runId)], { WECHAT_WRITER_HOME: home(), WECHAT_API_BASE: fake.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('WECHAT_APPID, WECHAT_APPSECRET not set');
    expect(missing.stderr).toContain('设置与开发 → 基本配置');
    expect(fake.requests).toHaveLength(0);
  });

  it('checks the limits before any call', async () => {
    const runId = await runWithImage(`# ${'标'.repeat(70)}\n\n正文。\n`);
    const long = await cli(['publish', String(runId)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('the title is 70 characters; WeChat takes at most 64');
    const fine = await runWithImage(article);
    const author = await cli(['publish', String(fine), '--author', '作'.repeat(17)]);
    expect(author.stderr).toContain('--author is 17 characters; WeChat takes at most 16');
    const digest = await cli(['publish', String(fine), '--digest', '摘'.repeat(129)]);
    expect(digest.stderr).toContain('--digest is 129 characters; WeChat takes at most 128');
    const source = await cli(['publish', String(fine), '--source-url', 'javascript:alert(1)']);
    expect(source.stderr).toContain('--source-url must be an http(s) URL');
    writeFileSync(path.join(cwd, 'cover.webp'), Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'));
    const cover = await cli(['publish', String(fine), '--cover', 'cover.webp']);
    expect(cover.stderr).toContain('the cover cover.webp is WebP; WeChat takes JPEG, PNG, GIF or BMP');
    writeFileSync(path.join(cwd, 'out', 'img', 'cup.png'), Buffer.from('GIF89a', 'latin1'));
    const gif = await cli(['publish', String(fine)]);
    expect(gif.stderr).toContain('image img/cup.png is GIF; WeChat takes only JPEG or PNG in the body');
    const lost = await runWithImage('# 标题\n\n![](img/lost.png)\n');
    const notFound = await cli(['publish', String(lost), '--lang', 'zh']);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toContain('找不到图片 img/lost.png');
    for (const run of [author, digest, source, cover, gif]) expect(run.code).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('publish: WeChat refusals, one line each', () => {
  const cases: [string, number, string, RegExp][] = [
    ['/cgi-bin/stable_token', 40125, 'invalid appsecret', /rejected the AppSecret \(errcode 40125\)/],
    [
      '/cgi-bin/stable_token',
      40164,
      'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist',
      /IP 203\.0\.113\.7 is not on the account’s IP whitelist.*Settings & Development → Basic configuration → IP whitelist/,
    ],
    ['/cgi-bin/media/uploadimg', 45009, 'reach max api daily quota limit', /call limit was reached \(errcode 45009/],
    ['/cgi-bin/stable_token', 45011, 'api minute-quota reach limit', /call limit was reached \(errcode 45011/],
    ['/cgi-bin/draft/add', 40007, 'invalid media_id', /does not accept the cover’s media_id \(errcode 40007/],
    ['/cgi-bin/draft/add', 45003, 'title size out of limit', /title is too long \(errcode 45003\)/],
    ['/cgi-bin/draft/add', 45002, 'content size out of limit', /article is too long \(errcode 45002\)/],
    ['/cgi-bin/draft/add', 88888, 'something new {token}', /refused \/cgi-bin\/draft\/add with errcode 88888: “something new \[redacted\]/],
  ];
  for (const [endpoint, errcode, errmsg, line] of cases) {
    it(`${endpoint} errcode ${errcode}`, async () => {
      const runId = await runWithImage(article);
      fake.fail({ endpoint, errcode, errmsg });
      const failed = await cli(['publish', String(runId)]);
      expect(failed.code).toBe(1);
      const errorLines = failed.stderr.split('\n').filter((text) => text.startsWith('wechat-writer:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(line);
      const partial =
        endpoint === '/cgi-bin/draft/add'
          ? 'Already uploaded: 1 image and the cover; no draft was created.'
          : 'Nothing was uploaded; no draft was created.';
      expect(failed.stderr).toContain(partial);
      for (const token of fake.tokensIssued) expect(failed.stderr + failed.stdout).not.toContain(token);
    });
  }

  it('says it in Chinese with --lang zh', async () => {
    const runId = await runWithImage(article);
    fake.fail({ endpoint: '/cgi-bin/stable_token', errcode: 40164, errmsg: 'invalid ip 203.0.113.7, not in whitelist' });
    const failed = await cli(['publish', String(runId), '--lang', 'zh']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('本机 IP 203.0.113.7 不在公众号的 IP 白名单里');
    expect(failed.stderr).toContain('设置与开发 → 基本配置 → IP 白名单');
    expect(failed.stderr).toContain('什么都没有上传，也没有新建草稿。');
  });

  it('keeps the secret and tokens out of every output and of the history database', async () => {
    const runId = await runWithImage(article);
    const outputs: string[] = [];
    for (const args of [
      ['publish', String(runId)],
      ['publish', String(runId), '--dry-run'],
      ['history', 'show', String(runId)],
    ]) {
      const run = await cli(args);
      outputs.push(run.stdout, run.stderr);
    }
    fake.fail({ endpoint: '/cgi-bin/draft/add', errcode: 40001, errmsg: 'token {token} rejected', times: 2 });
    const failed = await cli(['publish', String(runId)]);
    expect(failed.code).toBe(1);
    outputs.push(failed.stdout, failed.stderr);
    const database = ['history.db', 'history.db-wal']
      .map((file) => path.join(home(), file))
      .flatMap((file) => {
        try {
          return [readFileSync(file).toString('latin1')];
        } catch {
          return [];
        }
      })
      .join('');
    for (const secretText of [secret, ...fake.tokensIssued]) {
      for (const output of outputs) expect(output).not.toContain(secretText);
      expect(database).not.toContain(secretText);
    }
    expect(failed.stderr).toContain('rejected the access token even after a refresh');
  });
});
