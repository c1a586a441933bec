import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { builtBin } from '../support/run-built-cli.js';
import { runSeedCommand, seedHistory, startView, type RunningView, type SeededHistory } from '../support/seed-history.js';
import { chromiumFound, launchChromium, watchProblems } from '../view/e2e/view-chromium.js';

let seeded: SeededHistory;
let view: RunningView;
let browser: Browser;
let server: FakeLlmServer;
let release: () => void = () => {};

const liveConfig = `providers:
  live:
    type: openai
    baseURL: \${LIVE_BASE}/v1
    apiKeyEnv: LIVE_KEY
retry:
  retries: 0
`;
const livePrompts = [
  { id: 'morning', prompt: '写一篇清晨菜市场的小品文' },
  { id: 'rain', prompt: '写一段关于梅雨季的朋友圈文案' },
  { id: 'tea', prompt: '给一篇讲乌龙茶的推文写开头' },
];
const liveKey = 'sk-live-view-key-5150';
const within = { timeout: 30_000, interval: 100 };

describe.skipIf(!chromiumFound && !process.env.CI)('wechat-writer view follows a batch run by another process, live', () => {
  beforeAll(async () => {
    const home = path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-view-live-')), 'home');
    seeded = await seedHistory(home);
    writeFileSync(path.join(seeded.cwd, 'live.config.yaml'), liveConfig);
    writeFileSync(path.join(seeded.cwd, 'live.jsonl'), `${livePrompts.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startFakeLlmServer({
      'm-quick': { chunks: ['# 快稿\n\n', '先到的一篇。'] },
      'm-held': { gate: () => held, chunks: ['# 慢稿\n\n', '后到的一篇。'] },
    });
    view = await startView(home);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    release();
    await browser?.close();
    await view?.stop();
    await server?.close();
  });

  it('shows the new run in the open runs list, then fills in the open run page as its results arrive, without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const listPage = await context.newPage();
    const problems = watchProblems(listPage);
    await listPage.goto(view.url);
    await listPage.evaluate('window.notReloaded = true');
    const seededIds = new Set(Object.values(seeded.runIds));

    const batch = runSeedCommand(
      await builtBin(),
      ['--config', 'live.config.yaml', '--prompts', 'live.jsonl', '--models', 'live:m-quick,live:m-held', '--concurrency', '6', '--json'],
      { cwd: seeded.cwd, env: { ...seeded.env, LIVE_BASE: server.url, LIVE_KEY: liveKey } },
    );
    const endedEarly = batch.then((result) => {
      throw new Error(`the batch ended before its held calls arrived:\n${result.stderr}`);
    });
    await Promise.race([server.until(() => server.requestCount('m-held') === 3), endedEarly]);
    endedEarly.catch(() => {});

    const newRow = listPage.locator('tr[data-run-id]').first();
    await expect.poll(async () => Number(await newRow.getAttribute('data-run-id')), within).not.toBeOneOf([...seededIds, 0]);
    const runId = Number(await newRow.getAttribute('data-run-id'));
    expect(await listPage.evaluate('window.notReloaded === true')).toBe(true);

    const runPage = await context.newPage(); // the same profile: the token cookie is there
    const runProblems = watchProblems(runPage);
    await runPage.goto(`${view.origin}/runs/${runId}`);
    await runPage.evaluate('window.notReloaded = true');
    const drafts = runPage.locator('article.draft');
    await expect.poll(() => runPage.locator('article.draft:has-text("先到的一篇")').count(), within).toBe(3);
    expect(await runPage.locator('article.draft:has-text("后到的一篇")').count()).toBe(0);

    release();
    await expect.poll(() => runPage.locator('article.draft:has-text("后到的一篇")').count(), within).toBe(3);
    expect(await drafts.count()).toBe(6);
    expect(await runPage.evaluate('window.notReloaded === true')).toBe(true);
    expect((await batch).code).toBe(0);

    // the list's row counts the six results too, still without a reload
    const row = listPage.locator(`tr[data-run-id="${runId}"]`);
    await expect.poll(() => row.getAttribute('data-ok'), within).toBe('6');
    expect(await listPage.evaluate('window.notReloaded === true')).toBe(true);
    expect([...problems.errors, ...runProblems.errors]).toEqual([]);
    const html = (await listPage.content()) + (await runPage.content());
    expect(html).not.toContain(liveKey);
    expect(html).not.toContain(server.url);
  }, 120_000);
});
