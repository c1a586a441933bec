import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { okResult } from '../../support/model-result-fixture.js';
import { chromiumFound, launchChromium, watchProblems, type PageProblems } from '../e2e/view-chromium.js';
import { startClientTestServer, type ClientTestServer } from './client-test-server.js';

let server: ClientTestServer;
let browser: Browser;
let page: Page;
let problems: PageProblems;
const within = { timeout: 10_000, interval: 50 };

describe.skipIf(!chromiumFound && !process.env.CI)('the view’s browser script in headless Chromium, under the CSP', () => {
  beforeAll(async () => {
    server = await startClientTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = watchProblems(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('toggles every draft between rendered and raw Markdown, and the button says which', async () => {
    await page.goto(`${server.origin}/runs/21`);
    const first = page.locator('article.draft').first();
    const toggle = page.locator('button[data-action="toggle-raw"]').first();
    expect(await first.locator('.rendered').isVisible()).toBe(true);
    expect(await first.locator('pre.raw').isVisible()).toBe(false);
    await toggle.click();
    await expect.poll(() => first.locator('pre.raw').isVisible(), within).toBe(true);
    expect(await first.locator('.rendered').isVisible()).toBe(false);
    expect(await toggle.textContent()).toBe('显示排版效果');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await expect.poll(() => first.locator('.rendered').isVisible(), within).toBe(true);
  });

  it('picks a draft with a JSON POST and shows what the server said', async () => {
    await page.goto(`${server.origin}/runs/21`);
    await page.locator('article.draft[data-position="1"] button[data-pick]').click();
    await expect.poll(() => server.posts.length, within).toBe(1);
    expect(server.posts[0]).toEqual({ path: '/api/picks', body: { runId: 21, model: 'mock:beta' } });
    await expect
      .poll(() => page.locator('article.draft[data-position="1"] .action-status').textContent(), within)
      .toBe('已记录：选用 mock:beta');
  });

  it('shows one prompt of a batch at a time, chosen from the selector, and keeps the choice in the URL', async () => {
    await page.goto(`${server.origin}/runs/22`);
    const coffee = page.locator('section.prompt-group[data-prompt-id="coffee"]');
    const titles = page.locator('section.prompt-group[data-prompt-id="titles"]');
    expect(await coffee.isVisible()).toBe(true);
    expect(await titles.isVisible()).toBe(false);
    expect(await page.locator('.prompt-selector button[type="submit"]').isVisible()).toBe(false);
    await page.locator('.prompt-selector select').selectOption('titles');
    await expect.poll(() => titles.isVisible(), within).toBe(true);
    expect(await coffee.isVisible()).toBe(false);
    expect(new URL(page.url()).searchParams.get('prompt')).toBe('titles');
    expect(await page.locator('.prompt-selector .position').textContent()).toBe('2/2');
  });

  it('loads the page of the prompt chosen when a large batch’s page holds only one prompt', async () => {
    await page.goto(`${server.origin}/runs/24`);
    expect(await page.locator('section.prompt-group').count()).toBe(1);
    await page.locator('.prompt-selector select').selectOption('p12');
    await page.waitForURL(`${server.origin}/runs/24?prompt=p12`);
    expect(await page.locator('section.prompt-group').getAttribute('data-prompt-id')).toBe('p12');
    expect(await page.locator('article.draft').evaluateAll((drafts) => drafts.map((draft) => draft.getAttribute('data-position')))).toEqual(
      ['24', '25'],
    );
  });

  it('votes the duels one after the other: posts each vote, reveals the names, then offers the leaderboard', async () => {
    server.posts.length = 0;
    await page.goto(`${server.origin}/runs/21/vote`);
    const duels = page.locator('section.duel');
    expect(await duels.nth(1).isVisible()).toBe(false);
    await duels.nth(0).locator('button[data-vote="a"]').click();
    const reveal = duels.nth(0).locator('.reveal');
    await expect.poll(() => reveal.textContent(), within).toBe('稿件 A 是 mock:beta，稿件 B 是 mock:alpha。');
    expect(server.posts).toEqual([{ path: '/api/votes', body: { runId: 21, a: 1, b: 0, winner: 'a' } }]);
    expect(await duels.nth(0).locator('article[data-side="a"] .revealed-model').textContent()).toBe('mock:beta');
    const pickB = duels.nth(0).locator('article[data-side="b"] button[data-pick]');
    expect(await pickB.isVisible()).toBe(true);
    await pickB.click();
    await expect
      .poll(() => duels.nth(0).locator('article[data-side="b"] .action-status').textContent(), within)
      .toBe('已记录：选用 mock:alpha');
    expect(server.posts[1]).toEqual({ path: '/api/picks', body: { runId: 21, model: 'mock:alpha' } });
    server.posts.splice(1, 1);
    await duels.nth(0).locator('button[data-action="next-duel"]').click();
    await expect.poll(() => duels.nth(1).isVisible(), within).toBe(true);
    expect(await duels.nth(0).isVisible()).toBe(false);
    await duels.nth(1).locator('button[data-vote="both-bad"]').click();
    await expect.poll(() => page.locator('section.duels-done').isVisible(), within).toBe(true);
    expect(server.posts[1]).toEqual({ path: '/api/votes', body: { runId: 21, a: 0, b: 2, winner: 'both-bad' } });
    expect(await page.locator('section.duels-done a[href="/leaderboard"]').count()).toBe(1);
  });

  it('adds a run that appears in the history to the open list, marked live, without a reload', async () => {
    await page.goto(`${server.origin}/`);
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await expect.poll(() => server.streams(), within).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#live-indicator').isVisible(), within).toBe(true);
    const [newest] = server.documents.runs.runs;
    server.documents.runs.runs.unshift({ ...newest!, id: 15, topic: '新来的一次运行', ok: 1, failed: 0 });
    server.send('run', { runId: 15, kind: 'batch', topic: '新来的一次运行', ok: 1, failed: 0 });
    const row = page.locator('tr[data-run-id="15"]');
    await expect.poll(() => row.count(), within).toBe(1);
    expect(await row.locator('.live-badge').isVisible()).toBe(true);
    expect(await page.locator('tr[data-run-id]').first().getAttribute('data-run-id')).toBe('15');
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('fills in the open run’s page as its results arrive, keeping the raw toggle, without a reload', async () => {
    await page.goto(`${server.origin}/runs/21`);
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await expect.poll(() => server.streams(), within).toBeGreaterThan(0);
    await page.locator('button[data-action="toggle-raw"]').first().click();
    server.documents.runs21.results.push({ ...okResult('mock:delta', '# 新到的稿件\n\n正文。'), position: 3 });
    server.send('result', { runId: 99, position: 0, model: 'mock:other', status: 'ok' });
    server.send('result', { runId: 21, position: 3, model: 'mock:delta', status: 'ok' });
    const added = page.locator('article.draft[data-position="3"]');
    await expect.poll(() => added.count(), within).toBe(1);
    expect(await added.locator('pre.raw').isVisible()).toBe(true);
    expect(await page.locator('table.metrics tr[data-model="mock:delta"]').count()).toBe(1);
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('ran without a CSP violation or a script error', () => {
    expect(problems.cspViolations()).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
