import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { createNodeHttpFetch } from '../../src/providers/node-http-fetch.js';
import { createTokenSource, tokenCacheFile } from '../../src/wechat/api/access-token.js';
import { describeWechatError } from '../../src/wechat/api/describe-wechat-error.js';
import { multipartBody } from '../../src/wechat/api/multipart-body.js';
import { WechatApiError, WechatTransportError } from '../../src/wechat/api/wechat-api-error.js';
import { createWechatClient } from '../../src/wechat/api/wechat-client.js';
import { startFakeWechatServer, type FakeWechatServer } from '../support/fake-wechat-server.js';

const credentials = { appid: 'wxA', secret: 'the-app-secret-value' };
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let fake: FakeWechatServer;
let home: string;
let now: Date;
beforeEach(async () => {
  fake = await startFakeWechatServer(credentials);
  home = mkdtempSync(path.join(os.tmpdir(), 'ww-wechat-api-'));
  now = new Date('2026-12-02T06:00:00.000Z');
});
afterEach(async () => {
  await fake.close();
});
const options = () => ({ fetch: createNodeHttpFetch({ env: {} }), baseUrl: fake.url, credentials, home, currentDate: () => now });

describe('access token', () => {
  it('is fetched from stable_token, cached (mode 600) per AppID until five minutes before expiry', async () => {
    const tokens = createTokenSource(options());
    const first = await tokens.get(false);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/cgi-bin/stable_token',
      json: { grant_type: 'client_credential', appid: 'wxA', secret: credentials.secret, force_refresh: false },
    });
    expect(await createTokenSource(options()).get(false)).toBe(first);
    expect(fake.requests).toHaveLength(1);
    const file = path.join(home, tokenCacheFile);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { expiresAt: string }>;
    expect(cached.wxA?.expiresAt).toBe('2026-12-02T07:55:00.000Z');
    expect(readFileSync(file, 'utf8')).not.toContain(credentials.secret);
    now = new Date('2026-12-02T07:55:00.001Z');
    await createTokenSource(options()).get(false);
    expect(fake.requests).toHaveLength(2);
    await tokens.get(true);
    expect(fake.requests.at(-1)?.json?.force_refresh).toBe(true);
  });

  it('a wrong AppSecret is a WechatApiError whose text never holds the secret', async () => {
    const tokens = createTokenSource({ ...options(), credentials: { appid: 'wxA', secret: 'wrong-secret-value' } });
    const error = await tokens.get(false).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(40125);
    expect(describeWechatError(error as WechatApiError)).toContain('rejected the AppSecret (errcode 40125)');
  });
});

describe('client', () => {
  it('sends the token on every call, multipart field media, and retries once after refreshing on 40001', async () => {
    const client = createWechatClient(options());
    const url = await client.uploadArticleImage({ fileName: 'a.png', contentType: 'image/png', bytes: png });
    expect(url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    fake.invalidateTokens();
    const mediaId = await client.addMaterial('image', { fileName: 'cover.png', contentType: 'image/png', bytes: png });
    expect(mediaId).toBe('FAKE_MEDIA_1');
    const paths = fake.requests.map((request) => `${request.path}${request.json?.force_refresh === true ? ' (force)' : ''}`);
    expect(paths).toEqual([
      '/cgi-bin/stable_token',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/material/add_material',
      '/cgi-bin/stable_token (force)',
      '/cgi-bin/material/add_material',
    ]);
    expect(fake.requests.at(-1)?.query).toMatchObject({ type: 'image', access_token: fake.tokensIssued[1] });
  });

  it('the fake refuses what WeChat refuses: a missing token, a wrong field, a thumb that is not JPEG, <script>', async () => {
    const post = (url: string, init: RequestInit) => fetch(url, init).then((response) => response.json() as Promise<{ errcode?: number }>);
    expect(await post(`${fake.url}/cgi-bin/draft/add`, { method: 'POST', body: '{}' })).toMatchObject({ errcode: 41001 });
    const token = await createTokenSource(options()).get(false);
    const wrongField = multipartBody('file', { fileName: 'a.png', contentType: 'image/png', bytes: png });
    const upload = await post(`${fake.url}/cgi-bin/media/uploadimg?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': wrongField.contentType },
      body: wrongField.body,
    });
    expect(upload).toMatchObject({ errcode: 41005 });
    const client = createWechatClient(options());
    const thumb = await client
      .addMaterial('thumb', { fileName: 'a.png', contentType: 'image/png', bytes: png })
      .catch((error: unknown) => error);
    expect(thumb).toMatchObject({ errcode: 40005 });
    const cover = await client.addMaterial('image', { fileName: 'a.png', contentType: 'image/png', bytes: png });
    const article = {
      title: 'T',
      author: '',
      digest: '',
      content_source_url: '',
      thumb_media_id: cover,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    } as const;
    const script = await client.addDraft([{ ...article, content: '<p>x</p><script>alert(1)</script>' }]).catch((error: unknown) => error);
    expect(script).toMatchObject({ errcode: 45166 });
    const mediaId = await client.addDraft([{ ...article, content: '<p>x</p>' }]);
    const got = await post(`${fake.url}/cgi-bin/draft/get?access_token=${fake.tokensIssued.at(-1)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ media_id: mediaId }),
    });
    expect(got).toMatchObject({ news_item: [{ title: 'T', content: '<p>x</p>', thumb_media_id: cover }] });
  });

  it('redacts a token WeChat echoes, and an unreachable server is a transport error without the token', async () => {
    const client = createWechatClient(options());
    fake.fail({ endpoint: '/cgi-bin/media/uploadimg', errcode: 40099, errmsg: 'bad token {token} here' });
    const echoed = (await client
      .uploadArticleImage({ fileName: 'a.png', contentType: 'image/png', bytes: png })
      .catch((error: unknown) => error)) as WechatApiError;
    expect(echoed.errmsg).toBe(`bad token [redacted] here rid: fake-1`);
    await fake.close();
    const down = await client
      .uploadArticleImage({ fileName: 'a.png', contentType: 'image/png', bytes: png })
      .catch((error: unknown) => error);
    expect(down).toBeInstanceOf(WechatTransportError);
    expect(describeWechatError(down as WechatTransportError)).toContain('could not reach the WeChat API (/cgi-bin/media/uploadimg');
    fake = await startFakeWechatServer(credentials); // afterEach closes it
  });
});

describe('describeWechatError', () => {
  const line = (errcode: number, endpoint = '/cgi-bin/draft/add', errmsg = 'x') =>
    describeWechatError(new WechatApiError(errcode, errmsg, endpoint));
  it('gives one line with the fix for each mapped errcode, in both languages', () => {
    expect(line(40001, '/cgi-bin/stable_token')).toContain('rejected the AppSecret');
    expect(line(40001)).toContain('rejected the access token even after a refresh');
    expect(line(40013, '/cgi-bin/stable_token')).toContain('does not know this AppID');
    expect(line(40164, '/cgi-bin/stable_token', 'invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist')).toContain(
      'IP 1.2.3.4 is not on the account’s IP whitelist',
    );
    expect(line(40164)).toContain('Settings & Development → Basic configuration → IP whitelist');
    expect(line(45009)).toContain('call limit was reached');
    expect(line(40007)).toContain('media_id');
    expect(line(45003)).toContain('title is too long');
    expect(line(45110)).toContain('author is too long');
    expect(line(45004)).toContain('digest is too long');
    expect(line(40009, '/cgi-bin/media/uploadimg')).toContain('body images must be JPEG or PNG under 1 MB');
    expect(line(48001)).toContain('api unauthorized');
    expect(line(12345, '/cgi-bin/draft/add', 'new\nthing')).toBe('WeChat refused /cgi-bin/draft/add with errcode 12345: “new thing”');
    for (const text of [line(40164), line(45009), line(45003), line(12345)]) expect(text.split('\n')).toHaveLength(1);
    runInLanguage('zh-CN', () => {
      expect(line(40164)).toContain('设置与开发 → 基本配置 → IP 白名单');
      expect(line(45002)).toContain('微信提示正文过长');
    });
  });
});
