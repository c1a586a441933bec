import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import type { LeaderboardDocument } from '../../src/view/api/view-documents.js';
import { seedHistory, startView, type RunningView, type SeededHistory } from '../support/seed-history.js';
import { chromiumFound, launchChromium, watchProblems, type PageProblems } from '../view/e2e/view-chromium.js';

let home: string;
let seeded: SeededHistory;
let view: RunningView;
let browser: Browser;
let page: Page;
let problems: PageProblems;

const api = async <T>(route: string): Promise<T> => {
  const response = await fetch(`${view.origin}${route}`, { headers: { authorization: `Bearer ${view.token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};
const rowOf = (board: LeaderboardDocument, model: string) => [...board.models, ...board.tooFewVotes].find((row) => row.model === model);

describe.skipIf(!chromiumFound && !process.env.CI)('wechat-writer view in headless Chromium: list, run, vote, leaderboard', () => {
  beforeAll(async () => {
    home = path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-view-flow-')), 'home');
    seeded = await seedHistory(home, { env: { WECHAT_WRITER_LANG: 'zh-CN' } });
    view = await startView(home, { env: { WECHAT_WRITER_LANG: 'zh-CN' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = watchProblems(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await view?.stop();
  }, 60_000);

  it('opens the printed URL: the token becomes a cookie, the URL loses it, and the runs list shows the seeded runs newest first', async () => {
    const response = await page.goto(view.url);
    expect(response?.status()).toBe(200);
    expect(page.url()).not.toContain(view.token);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const { compare, judged, write, batch } = seeded.runIds;
    const ids = await page.locator('tr[data-run-id]').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-run-id'))));
    expect(ids).toEqual([compare, judged, write, batch]);
    await expect.poll(() => page.locator(`tr[data-run-id="${compare}"]`).textContent()).toContain('周末咖啡的三种喝法');
    expect(await page.locator(`tr[data-run-id="${judged}"]`).textContent()).toContain('秋天的第一杯奶茶');
  }, 60_000);

  it('opens a judged run: three drafts side by side at phone width, judge scores, and the raw Markdown toggle', async () => {
    const { judged } = seeded.runIds;
    await page.locator(`a[href="/runs/${judged}"]`).first().click();
    await page.waitForURL(`**/runs/${judged}`);
    const drafts = page.locator('article.draft');
    expect(await drafts.count()).toBe(3);
    const boxes = await Promise.all([0, 1, 2].map((index) => drafts.nth(index).boundingBox()));
    expect(boxes.every((box) => box !== null && box.width >= 300 && box.width <= 440)).toBe(true);
    expect(new Set(boxes.map((box) => Math.round(box?.y ?? -1))).size).toBe(1);
    expect((boxes[0]?.x ?? 0) < (boxes[1]?.x ?? 0) && (boxes[1]?.x ?? 0) < (boxes[2]?.x ?? 0)).toBe(true);
    expect(await page.locator('body').textContent()).toMatch(/\d(\.\d)?\s*\/\s*10/);

    const first = drafts.first();
    expect(await first.locator('.rendered').isVisible()).toBe(true);
    expect(await first.locator('pre.raw').isVisible()).toBe(false);
    await page.locator('button[data-action="toggle-raw"]').first().click();
    await expect.poll(() => first.locator('pre.raw').isVisible()).toBe(true);
    expect(await first.locator('pre.raw').textContent()).toMatch(/^#/m);
    await page.locator('button[data-action="toggle-raw"]').first().click();
    await expect.poll(() => first.locator('.rendered').isVisible()).toBe(true);
  }, 60_000);

  it('shows a write run with its execution log: each stage, the model that served it and the fallback', async () => {
    await page.goto(`${view.origin}/runs/${seeded.runIds.write}`);
    const text = (await page.locator('body').textContent()) ?? '';
    for (const stage of ['planner', 'writer', 'reviewer']) expect(text).toContain(stage);
    expect(text).toContain('mock:writer-backup');
    expect(text).toContain('mock:writer?fail=1');
  }, 60_000);

  it('votes a blind duel (稿件 A / 稿件 B without names), reveals the names after, and the leaderboard changes', async () => {
    const { compare } = seeded.runIds;
    const before = await api<LeaderboardDocument>('/api/leaderboard');
    await page.goto(`${view.origin}/runs/${compare}/vote`);
    const duelText = (await page.locator('body').textContent()) ?? '';
    expect(duelText).toContain('稿件 A');
    expect(duelText).toContain('稿件 B');
    expect(await page.content()).not.toMatch(/mock:(alpha|beta)/);
    await page.locator('button[data-vote="a"]').first().click();
    const reveal = page.locator('.reveal').first();
    await expect.poll(() => reveal.textContent()).toMatch(/mock:(alpha|beta)[\s\S]*mock:(alpha|beta)/);
    const store = await openHistoryStore(home);
    const votes = store.verdicts.votesOf(compare);
    store.close();
    expect(votes.map((vote) => [vote.outcome, vote.source])).toEqual([['a', 'human']]);
    const winner = votes[0]?.modelA as string;

    const after = await api<LeaderboardDocument>('/api/leaderboard');
    expect(after.comparisons).toBe(before.comparisons + 1);
    expect(rowOf(after, winner)?.wins).toBe((rowOf(before, winner)?.wins ?? 0) + 1);

    await page.goto(`${view.origin}/leaderboard`);
    const row = page.locator(`tr[data-model="${winner}"]`).first();
    expect(await row.locator('[data-field="wins"]').textContent()).toBe(String(rowOf(after, winner)?.wins));
    expect(await row.locator('[data-field="votes"]').textContent()).toBe(String(rowOf(after, winner)?.votes));
  }, 60_000);

  it('picks the revealed draft from the vote page: stored as `pick` stores it, its reply shown', async () => {
    const { compare } = seeded.runIds;
    await page.goto(`${view.origin}/runs/${compare}/vote`);
    await page.locator('button[data-vote="tie"]').first().click();
    const pick = page.locator('article[data-side="b"] button[data-pick]').first();
    await expect.poll(() => pick.isVisible()).toBe(true);
    const model = (await pick.getAttribute('data-model')) as string;
    expect(['mock:alpha', 'mock:beta']).toContain(model);
    await pick.click();
    const status = page.locator('article[data-side="b"] .action-status').first();
    await expect.poll(async () => (await status.textContent()) ?? '').toContain(model);
    const store = await openHistoryStore(home);
    const picks = store.verdicts.picksOf(compare);
    store.close();
    expect(picks.map((each) => each.model)).toEqual([model]);
  }, 60_000);

  it('switches to English with ?lang=en and keeps it on the next page', async () => {
    await page.goto(`${view.origin}/leaderboard?lang=en`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${view.origin}/runs/${seeded.runIds.compare}/vote`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('body').textContent()).toContain('Draft A');
  }, 60_000);

  it('loaded its script and stylesheet under the CSP without a single violation or error', () => {
    expect(problems.cspViolations()).toEqual([]);
    expect(problems.errors).toEqual([]);
  }, 60_000);
});
