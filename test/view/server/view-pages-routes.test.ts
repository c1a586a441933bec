import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pages from '../../../src/view/pages/index.js';
import { call, fakeKey, startTestView, type TestView } from './view-test-server.js';

let view: TestView;
beforeAll(async () => {
  view = await startTestView({ pages });
});
afterAll(async () => {
  await view.close();
});

const pageTargets = (runs: TestView['runs']) => [
  '/',
  '/?kind=batch',
  `/runs/${runs.compare}`,
  `/runs/${runs.batch}`,
  `/runs/${runs.write}`,
  `/runs/${runs.failedOnly}`,
  `/runs/${runs.compare}/vote`,
  `/runs/${runs.write}/vote`,
  '/leaderboard?source=all',
  '/stats?by=provider',
  '/providers',
];

describe('the pages through the router', () => {
  it('render every page as HTML with the hashed assets, no inline script or style, and no secret', async () => {
    for (const target of pageTargets(view.runs)) {
      const response = await call(view.server, target);
      expect(response.status, `${target}: ${response.body.slice(0, 300)}`).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body, target).toMatch(/<html lang="en">/);
      expect(response.body, target).toMatch(/\/assets\/view\.js\?v=[0-9a-f]{12}/);
      expect(response.body, target).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(response.body, target).not.toMatch(/<style|\sstyle="/);
      expect(response.body, target).not.toContain(fakeKey);
    }
    expect(view.errors).toEqual([]);
  });

  it('switches the language with ?lang= (kept in a cookie) and shows errors as pages', async () => {
    const chinese = await call(view.server, '/?lang=zh-CN');
    expect(chinese.body).toMatch(/<html lang="zh-CN">/);
    const cookie = (chinese.headers['set-cookie'] as string[]).find((value) => value.startsWith('wechat_writer_lang='))!;
    expect(cookie).toBe('wechat_writer_lang=zh-CN; SameSite=Strict; Path=/');
    const kept = await call(view.server, '/stats', { headers: { cookie: cookie.split(';')[0]! } });
    expect(kept.body).toMatch(/<html lang="zh-CN">/);
    const missing = await call(view.server, '/runs/9999');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(/<html lang="en">/);
    const unauthorised = await call(view.server, '/', { auth: false });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.body).toContain('令牌');
    expect(unauthorised.body).toContain('token');
  });
});
