import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromiumFound, chromiumMissing, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { okResult } from '../support/model-result-fixture.js';

/** Starting Chromium on a busy 2-core machine can take longer than vitest's 10 s hook bound (a bound, not a measurement). */
const browserStartTimeoutMs = 60_000;

const screenshotDirectory = process.env.SCREENSHOT_DIR ?? path.resolve('test-output');

/** A draft with everything that pushes a page sideways: a long URL, a long code line, a wide table, a long word. */
const wideDraft = (title: string) =>
  [
    `# ${title}`,
    '',
    `原文链接：https://mp.weixin.qq.com/s?__biz=${'MzA5NjM0MjY2Mg'.repeat(8)}&mid=2650000000&idx=1&sn=${'abcdef0123456789'.repeat(4)}`,
    '',
    '```js',
    `const recipe = { tea: 'oolong', milk: 'whole', sugar: 'thirty percent', toppings: ['pearls', 'pudding', 'grass jelly'], note: '${'x'.repeat(120)}' };`,
    '```',
    '',
    `| 品牌 | 招牌 | 价格 | 甜度 | 冰度 | 门店数 | 评分 | 备注 | ${'列'.repeat(3)} |`,
    '|---|---|---|---|---|---|---|---|---|',
    `| 某某茶饮 | 秋天的第一杯奶茶 | 18 元 | 三分糖 | 少冰 | 1200 | 4.8 | ${'很长的备注'.repeat(10)} | x |`,
    '',
    `Supercalifragilistic${'expialidocious'.repeat(8)}`,
    '',
    '正文第一段，写给在写字楼里加班的每一个人。',
  ].join('\n');

const single: JsonReport = {
  version: 1,
  runId: 1,
  startedAt: '2026-12-02T05:05:00.000Z',
  prompt: { source: 'brief.md', chars: 9 },
  results: ['openai:gpt-4.1-mini', 'anthropic:claude-sonnet-4-5', 'deepseek:deepseek-chat'].map((model) =>
    okResult(model, wideDraft(`秋天的第一杯奶茶：${model}`), { costUsd: 0.0123 }),
  ),
};
const batch: JsonReport = {
  ...single,
  prompts: ['秋天的第一杯奶茶', '🚀 火箭发射'].map((id, index) => ({ id, source: `week.jsonl:${index + 1}`, chars: 8, system: false })),
  results: ['秋天的第一杯奶茶', '🚀 火箭发射'].flatMap((promptId) =>
    ['openai:gpt-4.1-mini', 'mock:beta'].map((model) => ({ ...okResult(model, wideDraft(`${promptId} · ${model}`)), promptId })),
  ),
};

describe.skipIf(!chromiumFound && !process.env.CI)('HTML report on a phone (375 px), in headless Chromium', () => {
  let browser: Browser;
  let directory: string;
  beforeAll(async () => {
    if (!chromiumFound) throw new Error(chromiumMissing);
    directory = mkdtempSync(path.join(os.tmpdir(), 'ww-browser-phone-'));
    browser = await launchChromium();
  }, browserStartTimeoutMs);
  afterAll(async () => {
    await browser?.close();
  });

  const cases: [string, () => string][] = [
    ['a single run', () => renderHtmlReport(single, { text: '秋天的第一杯奶茶', title: '秋天的第一杯奶茶' }, '1.0.0')],
    ['a batch in zh-CN', () => runInLanguage('zh-CN', () => renderHtmlReport(batch, { text: 'x', title: 'x' }, '1.0.0'))],
  ];
  it.each(cases)('%s does not scroll sideways, with long URLs, code lines and wide tables in the drafts', async (label, render) => {
    const name = label.replace(/\W+/g, '-');
    const file = path.join(directory, `${name}.html`);
    writeFileSync(file, render());
    const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
    try {
      await page.goto(pathToFileURL(file).href);
      // a string, evaluated in the page (the tests compile without the DOM library)
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth })',
      )) as { scroll: number; body: number; inner: number };
      expect(widths.inner).toBe(375);
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      expect(widths.body).toBeLessThanOrEqual(widths.inner);
      // the drafts stack: each as wide as the screen allows, none cut off to the right
      const articles = page.locator('article.output');
      const boxes = await Promise.all(Array.from({ length: await articles.count() }, (_, index) => articles.nth(index).boundingBox()));
      expect(boxes.length).toBeGreaterThan(1);
      for (const box of boxes) expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
      mkdirSync(screenshotDirectory, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDirectory, `html-report-phone-${name}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
