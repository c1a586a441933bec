import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory, startView, type RunningView, type SeededHistory } from '../support/seed-history.js';
import { chromiumFound, launchChromium, watchProblems } from '../view/e2e/view-chromium.js';

let seeded: SeededHistory;
let view: RunningView;
let browser: Browser;

const pagesOf = (runIds: SeededHistory['runIds']) => [
  '/',
  `/runs/${runIds.batch}`,
  `/runs/${runIds.judged}`,
  `/runs/${runIds.write}`,
  `/runs/${runIds.compare}/vote`,
  '/leaderboard',
  '/stats',
  '/providers',
];

async function signedInPhone(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(view.url);
  await page.close();
  return context;
}

describe.skipIf(!chromiumFound && !process.env.CI)('wechat-writer view at phone width, under its CSP, and without the token', () => {
  beforeAll(async () => {
    const home = path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-view-phone-')), 'home');
    seeded = await seedHistory(home);
    view = await startView(home);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await view?.stop();
  }, 60_000);

  it('sets the token cookie HttpOnly and SameSite=Strict', async () => {
    const context = await signedInPhone();
    const cookie = (await context.cookies()).find((each) => each.name === 'wechat_writer_token');
    expect(cookie).toMatchObject({ value: view.token, httpOnly: true, sameSite: 'Strict', path: '/' });
    await context.close();
  }, 60_000);

  it('has no horizontal page overflow at 375 px on any page: only the drafts scroll sideways', async () => {
    const context = await signedInPhone();
    const page = await context.newPage();
    for (const route of pagesOf(seeded.runIds)) {
      const response = await page.goto(`${view.origin}${route}`);
      expect(response?.status(), route).toBe(200);
      // strings, evaluated in the page (the tests compile without the DOM library)
      const widths = (await page.evaluate('({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as {
        page: number;
        viewport: number;
      };
      expect(widths.page, route).toBeLessThanOrEqual(widths.viewport);
    }
    await page.goto(`${view.origin}/runs/${seeded.runIds.judged}`);
    const scroller = (await page.evaluate(
      `(() => { const element = document.querySelector('.drafts'); return { scrolls: element.scrollWidth > element.clientWidth, overflowX: getComputedStyle(element).overflowX }; })()`,
    )) as { scrolls: boolean; overflowX: string };
    expect(scroller.scrolls).toBe(true);
    expect(['auto', 'scroll']).toContain(scroller.overflowX);
    await context.close();
  }, 60_000);

  it('loads only its own script and stylesheet on every page, with the CSP header and no violation', async () => {
    const context = await signedInPhone();
    const page = await context.newPage();
    const problems = watchProblems(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    for (const route of pagesOf(seeded.runIds)) {
      const response = await page.goto(`${view.origin}${route}`);
      const headers = response?.headers() ?? {};
      expect(headers['content-security-policy'], route).toContain("default-src 'none'");
      expect(headers['content-security-policy'], route).toContain("script-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      const loaded = (await page.evaluate(`({
        rules: [...document.styleSheets].reduce((count, sheet) => count + sheet.cssRules.length, 0),
        scripts: [...document.scripts].map((script) => script.src),
        inline: [...document.scripts].filter((script) => !script.src).length + document.querySelectorAll('[style]').length,
      })`)) as { rules: number; scripts: string[]; inline: number };
      expect(loaded.rules, route).toBeGreaterThan(0);
      expect(
        loaded.scripts.some((source) => /\/assets\/view\.js/.test(source)),
        route,
      ).toBe(true);
      expect(loaded.inline, route).toBe(0);
    }
    expect(requested.every((url) => url.startsWith(view.origin))).toBe(true);
    expect(problems.cspViolations()).toEqual([]);
    expect(problems.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the 401 page (both languages) without the token or with a wrong one, and the API answers 401 JSON', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    for (const address of [`${view.origin}/`, `${view.origin}/?token=not-the-token`, `${view.origin}/runs/${seeded.runIds.judged}`]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(401);
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text, address).toMatch(/\p{Script=Han}/u);
      expect(text, address).toMatch(/token/i);
      expect(await page.content()).not.toContain('周末咖啡的三种喝法');
    }
    const api = await fetch(`${view.origin}/api/runs`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: expect.any(String) });
    await context.close();
  }, 60_000);
});
