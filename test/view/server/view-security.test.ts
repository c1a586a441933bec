import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/view/server/security-headers.js';
import {
  call,
  configBaseUrl,
  configKey,
  fakeBaseUrl,
  fakeKey,
  postJson,
  startTestView,
  token,
  type TestResponse,
  type TestView,
} from './view-test-server.js';

let view: TestView;
beforeAll(async () => {
  view = await startTestView();
});
afterAll(async () => {
  await view.close();
});

const expectSecurityHeaders = (response: TestResponse, where: string) => {
  expect(response.headers['content-security-policy'], where).toBe(contentSecurityPolicy);
  expect(response.headers['x-content-type-options'], where).toBe('nosniff');
  expect(response.headers['referrer-policy'], where).toBe('no-referrer');
  expect(response.headers['x-frame-options'], where).toBe('DENY');
};

describe('the token', () => {
  it('is required on pages (401 HTML in both languages) and on the API (401 JSON)', async () => {
    const page = await call(view.server, '/', { auth: false });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('access token');
    expect(page.body).toContain('访问令牌');
    const api = await call(view.server, '/api/runs', { auth: false });
    expect(api.status).toBe(401);
    expect(api.json().error).toMatch(/token/);
    for (const target of ['/runs/1', '/api/events', '/assets/view.js', '/api/providers']) {
      expect((await call(view.server, target, { auth: false })).status, target).toBe(401);
    }
  });

  it('refuses a wrong token in the URL, a Bearer header or the cookie', async () => {
    expect((await call(view.server, '/api/runs?token=wrong', { auth: false })).status).toBe(401);
    expect((await call(view.server, '/?token=wrong', { auth: false })).status).toBe(401);
    expect((await call(view.server, '/api/runs', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await call(view.server, '/api/runs', { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
    expect((await call(view.server, '/api/runs', { auth: false, headers: { cookie: 'wechat_writer_token=wrong' } })).status).toBe(401);
    // a right token of another length, or a prefix of it, is still wrong
    expect((await call(view.server, '/api/runs', { headers: { authorization: `Bearer ${token.slice(0, -1)}` } })).status).toBe(401);
  });

  it('?token= on a page sets the HttpOnly SameSite=Strict cookie and redirects to the URL without it', async () => {
    const first = await call(view.server, `/stats?by=role&token=${token}&lang=zh-CN`, { auth: false });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/stats?by=role&lang=zh-CN');
    const cookies = first.headers['set-cookie'] as string[];
    const tokenCookie = cookies.find((cookie) => cookie.startsWith('wechat_writer_token='))!;
    expect(tokenCookie).toBe(`wechat_writer_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const next = await call(view.server, first.headers.location as string, {
      auth: false,
      headers: { cookie: tokenCookie.split(';')[0]! },
    });
    expect(next.status).toBe(200);
    expect(next.body).toContain('"by":"role"');
    const api = await call(view.server, '/api/runs', { auth: false, headers: { cookie: `other=1; ${tokenCookie.split(';')[0]!}` } });
    expect(api.status).toBe(200);
  });

  it('never redirects to another site', async () => {
    for (const target of [`//evil.example/x?token=${token}`, `/..//evil.example?token=${token}`]) {
      const response = await call(view.server, target, { auth: false });
      expect(response.status, target).toBe(303);
      expect(response.headers.location, target).toMatch(/^\/(?!\/)/);
    }
  });

  it('accepts the token in the URL of an API request and as a Bearer header', async () => {
    expect((await call(view.server, `/api/runs?token=${token}`, { auth: false })).status).toBe(200);
    expect((await call(view.server, '/api/runs', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});

describe('Host and CSRF checks', () => {
  it('refuses a Host header that is not this server (DNS rebinding) with 403, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${view.server.port}`, '127.0.0.1:1', `127.0.0.2:${view.server.port}`]) {
      const response = await call(view.server, '/api/runs', { headers: { host } });
      expect(response.status, host).toBe(403);
      expectSecurityHeaders(response, host);
    }
    for (const host of [`localhost:${view.server.port}`, `[::1]:${view.server.port}`, `LOCALHOST:${view.server.port}`]) {
      expect((await call(view.server, '/api/runs', { headers: { host } })).status, host).toBe(200);
    }
  });

  it('refuses a cross-origin POST, a cross-site fetch and a body that is not JSON (403), storing nothing', async () => {
    const vote = { runId: view.runs.compare, a: 0, b: 1, winner: 'b' };
    const evil = await postJson(view.server, '/api/votes', vote, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.json().error).toMatch(/evil\.example/);
    expect((await postJson(view.server, '/api/votes', vote, { origin: 'null' })).status).toBe(403);
    expect((await postJson(view.server, '/api/votes', vote, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await call(view.server, '/api/votes', {
        method: 'POST',
        body: JSON.stringify(vote),
        headers: { 'content-type': type },
      });
      expect(response.status, type).toBe(403);
    }
    const noType = await call(view.server, '/api/picks', { method: 'POST', body: '{}' });
    expect(noType.status).toBe(403);
    expect(view.store.verdicts.votesOf(view.runs.compare)).toEqual([]);
    expect(view.store.verdicts.picksOf(view.runs.compare)).toEqual([]);
  });

  it('answers 405 for a wrong method, 404 for an unknown path, 413 for a body over 64 KB', async () => {
    const wrongMethod = await call(view.server, '/api/votes');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    const deleteRuns = await call(view.server, '/api/runs', { method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(deleteRuns.status).toBe(405);
    expect((await call(view.server, '/api/nothing')).status).toBe(404);
    const page = await call(view.server, '/nothing/here');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const big = await postJson(view.server, '/api/votes', { runId: view.runs.compare, padding: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.json().error).toMatch(/64 KB/);
  });
});

describe('every response', () => {
  const targets = (runs: TestView['runs']) => [
    '/',
    '/?search=coffee&kind=compare',
    `/runs/${runs.compare}`,
    `/runs/${runs.failedOnly}`,
    `/runs/${runs.write}`,
    `/runs/${runs.compare}/vote`,
    '/leaderboard',
    '/stats',
    '/providers',
    '/api/runs',
    ...Object.values(runs)
      .filter((value): value is number => typeof value === 'number')
      .flatMap((id) => [`/api/runs/${id}`, `/api/runs/${id}/results`, `/api/runs/${id}/duels`]),
    '/api/stats',
    '/api/leaderboard',
    '/api/providers',
    '/api/runs/9999',
    '/nothing',
    '/assets/view.js',
    '/assets/view.css',
  ];

  it('carries the CSP and the other security headers, and never a key or a base URL', async () => {
    for (const target of targets(view.runs)) {
      const response = await call(view.server, target);
      expect([200, 404], target).toContain(response.status);
      expectSecurityHeaders(response, target);
      expect(response.body, target).not.toContain(fakeKey);
      expect(response.body, target).not.toContain(fakeBaseUrl);
      expect(response.body, target).not.toContain('secret-gateway');
      expect(response.body, target).not.toContain(configKey);
      expect(response.body, target).not.toContain(configBaseUrl);
      expect(response.body, target).not.toContain('house-gateway');
      if (!target.startsWith('/assets/')) expect(response.headers['cache-control'], target).toBe('no-store');
    }
    for (const response of [
      await postJson(view.server, '/api/votes', { runId: view.runs.compare, a: 0, b: 1, winner: 'tie' }),
      await postJson(view.server, '/api/picks', { runId: view.runs.compare, model: 'mock:alpha' }),
      await call(view.server, '/api/runs', { auth: false }),
    ]) {
      expectSecurityHeaders(response, 'POST');
      expect(response.body).not.toContain(fakeKey);
    }
  });

  it('redacts keys and base URLs that reached the history (a failed call quoting a key, a prompt quoting the config)', async () => {
    const response = await call(view.server, `/api/runs/${view.runs.failedOnly}`);
    expect(response.body).toContain('bad key [redacted]');
    const listed = await call(view.server, `/api/runs?search=${encodeURIComponent('写点什么')}`);
    expect(listed.json<{ runs: { promptStart: string }[] }>().runs[0]?.promptStart).toBe('写点什么 [redacted] [redacted]');
  });

  it('serves the assets with their types, cached only under their content hash', async () => {
    const script = await call(view.server, '/assets/view.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("view")');
    expect(script.headers['cache-control']).toBe('no-store');
    const css = await call(view.server, '/assets/view.css?v=stale');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('no-store');
    const version = createHash('sha256').update('console.log("view")').update('\0').update('body{margin:0}').digest('hex').slice(0, 12);
    const cached = await call(view.server, `/assets/view.js?v=${version}`);
    expect(cached.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(cached, 'cached asset');
  });
});
