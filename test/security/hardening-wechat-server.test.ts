import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../../src/providers/node-http-fetch.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { usableLifetimeSeconds } from '../../src/wechat/api/access-token.js';
import { WechatTransportError } from '../../src/wechat/api/wechat-api-error.js';
import { createWechatClient, fieldIsUsable } from '../../src/wechat/api/wechat-client.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const appid = 'wx0123456789abcdef';
const secret = 'S3cr3t-AppSecret-0f9e8d7c6b5a4321';
const token = 'TOKEN-abcdef-1234567890';
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// eslint-disable-next-line no-control-regex
const escapes = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

type Handler = (response: ServerResponse, url: URL, request: IncomingMessage) => void;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A raw server on 127.0.0.1 answering every call with `handler` (the request body read first). */
async function hostile(handler: Handler): Promise<string> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handler(response, new URL(request.url ?? '/', 'http://127.0.0.1'), request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Answers the stable token well, and every other call with `other`. */
const afterToken =
  (other: Handler, tokenAnswer: Record<string, unknown> = { access_token: token, expires_in: 7200 }): Handler =>
  (response, url, request) => {
    if (url.pathname === '/cgi-bin/stable_token') response.end(JSON.stringify(tokenAnswer));
    else other(response, url, request);
  };

async function storedRun(markdown = '# 冬日咖啡\n\n清晨的第一口咖啡。\n'): Promise<{ cwd: string; home: string }> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-hardening-'));
  const home = path.join(cwd, 'home');
  mkdirSync(path.join(cwd, 'out'), { recursive: true });
  writeFileSync(path.join(cwd, 'out', 'draft.md'), markdown);
  const store = await openHistoryStore(home);
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
  return { cwd, home };
}

async function publishAgainst(url: string, extraArgs: string[] = [], env: Record<string, string> = {}) {
  const { cwd, home } = await storedRun();
  const run = await runCliInProcess(['--debug', 'publish', '1', ...extraArgs], {
    cwd,
    env: { WECHAT_WRITER_HOME: home, WECHAT_APPID: appid, WECHAT_APPSECRET: secret, WECHAT_API_BASE: url, ...env },
  });
  const files = readdirSync(home);
  const cacheFile = files.includes('wechat-token.json') ? readFileSync(path.join(home, 'wechat-token.json'), 'utf8') : null;
  const otherBytes = files
    .filter((file) => file !== 'wechat-token.json')
    .map((file) => readFileSync(path.join(home, file)).toString('latin1'))
    .join('');
  return { ...run, cacheFile, otherBytes };
}

describe('publish against a hostile WeChat server', () => {
  it('an HTML error page or a body that is not JSON: one line saying the answer was not WeChat’s, the secret redacted, exit 1', async () => {
    const html = await publishAgainst(
      await hostile((response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`<html><body><h1>502 Bad Gateway</h1>\n<p>${secret}</p></body></html>`);
      }),
    );
    expect(html.code).toBe(1);
    expect(html.stderr).toContain("answered /cgi-bin/stable_token with something that is not WeChat's JSON (HTTP 502: <html>");
    expect(html.stderr).toContain('Nothing was uploaded; no draft was created.');
    expect(html.stderr + html.stdout).not.toContain(secret);

    const garbage = await publishAgainst(await hostile((response) => response.end('hello \x1b]52;c;ZXZpbA==\x07 world \x1b[2J\u202e')));
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/HTTP 200: hello +world/);
    expect(garbage.stderr).not.toMatch(escapes);
  });

  it('a gzip bomb and a 50 MB body stop at the 1 MiB cap', async () => {
    const bomb = await publishAgainst(
      await hostile((response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
      }),
    );
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('the reply exceeded 1 MiB');
    const huge = await publishAgainst(
      await hostile((response) => {
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 50 && !response.destroyed && response.write(chunk)) sent += 1;
          if (sent < 50 && !response.destroyed) response.once('drain', pump);
          else response.end();
        };
        pump();
      }),
    );
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('the reply exceeded 1 MiB');
  }, 30_000);

  it('an answer that never ends is given up after the call timeout', async () => {
    const url = await hostile((response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"access_token":'); // and nothing more
    });
    const client = createWechatClient({
      fetch: createNodeHttpFetch({ env: {}, maxReplyBytes: 1024 * 1024 }),
      baseUrl: url,
      credentials: { appid, secret },
      home: mkdtempSync(path.join(os.tmpdir(), 'ww-hardening-home-')),
      currentDate: () => new Date(),
      timeoutMs: 300,
    });
    const error = await client
      .uploadArticleImage({ fileName: 'a.png', contentType: 'image/png', bytes: png })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WechatTransportError);
    expect((error as WechatTransportError).reason).toBe('no complete answer within 0.3 s');
  });

  it('a token and the AppSecret echoed in errmsg (with escapes and bidi controls) are redacted everywhere; the cache holds only the token', async () => {
    const result = await publishAgainst(
      await hostile(
        afterToken((response, url) =>
          response.end(
            JSON.stringify({
              errcode: 99999,
              errmsg: `weird ${url.searchParams.get('access_token')} ${secret} \x1b[31mred\x1b]0;title\x07 \u202eevil`,
            }),
          ),
        ),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('errcode 99999: “weird [redacted] [redacted] red evil”');
    for (const text of [result.stdout, result.stderr, result.otherBytes]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }
    expect(result.stderr).not.toMatch(escapes);
    expect(JSON.parse(result.cacheFile ?? '{}')).toEqual({ [appid]: { accessToken: token, expiresAt: expect.any(String) } });
    expect(result.cacheFile).not.toContain(secret);
  });

  it('a redirect to another host is not followed', async () => {
    let elsewhere = 0;
    const other = await hostile((response) => {
      elsewhere += 1;
      response.end('{}');
    });
    const result = await publishAgainst(
      await hostile((response) => {
        response.writeHead(307, { location: `${other.replace('127.0.0.1', 'localhost')}/steal` });
        response.end();
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('redirected the call to another origin');
    expect(elsewhere).toBe(0);
  });

  it('an access_token that is missing, empty or carries control characters is refused, never cached or sent', async () => {
    for (const answer of [
      { expires_in: 7200 },
      { access_token: '', expires_in: 7200 },
      { access_token: 'ab\x1b[2Jcd\r\nX: 1', expires_in: 7200 },
    ]) {
      let calls = 0;
      const result = await publishAgainst(
        await hostile(
          afterToken((response) => {
            calls += 1;
            response.end('{"errcode":0,"media_id":"M1"}');
          }, answer),
        ),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('answered /cgi-bin/stable_token');
      expect(result.stderr).toContain('no usable access_token in the answer');
      expect(result.cacheFile).toBeNull();
      expect(calls).toBe(0);
    }
  });

  it('an absurd expires_in (a word, negative, 1e300) neither crashes nor keeps the token past two hours', async () => {
    for (const expiresIn of ['soon', -5, 1e300, '7200']) {
      const result = await publishAgainst(
        await hostile(
          afterToken((response) => response.end('{"errcode":0,"media_id":"M1"}'), { access_token: token, expires_in: expiresIn }),
        ),
      );
      expect(result.code).toBe(0);
      const cached = JSON.parse(result.cacheFile ?? '{}') as Record<string, { expiresAt: string }>;
      expect(Date.parse(cached[appid]?.expiresAt ?? '')).toBeLessThanOrEqual(Date.now() + 7200 * 1000);
    }
    expect([usableLifetimeSeconds('soon'), usableLifetimeSeconds(-5), usableLifetimeSeconds(1e300), usableLifetimeSeconds(NaN)]).toEqual([
      0, 0, 7200, 0,
    ]);
    expect([usableLifetimeSeconds(7200), usableLifetimeSeconds('600'), usableLifetimeSeconds(undefined)]).toEqual([7200, 600, 0]);
  });

  it('a media_id or image URL with escapes, bidi controls, a token or a javascript: scheme is refused, not printed or stored', async () => {
    const result = await publishAgainst(
      await hostile(
        afterToken((response) => response.end(JSON.stringify({ errcode: 0, media_id: `M1\x1b]52;c;ZXZpbA==\x07\u202e${token}` }))),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the answer's media_id is not one WeChat gives");
    expect(result.stdout).toBe('');
    expect(result.stderr + result.otherBytes).not.toContain(token);
    expect(fieldIsUsable('url', 'javascript:alert(1)')).toBe(false);
    expect(fieldIsUsable('url', 'http://mmbiz.qpic.cn/a b')).toBe(false);
    expect(fieldIsUsable('url', 'http://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png')).toBe(true);
    expect(fieldIsUsable('media_id', 'Aa_-09xyz')).toBe(true);
  });

  it('zh-CN: the not-WeChat answer line is Chinese', async () => {
    const result = await publishAgainst(await hostile((response) => response.end('<html>oops</html>')), [], {
      WECHAT_WRITER_LANG: 'zh-CN',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('的回复不是微信的 JSON');
  });
});
