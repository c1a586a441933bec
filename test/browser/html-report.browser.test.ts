import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumFound, chromiumMissing, launchChromium } from '../support/chromium.js';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

const screenshotDirectory = path.resolve('test-output');

if (!chromiumFound && !process.env.CI) process.stderr.write(`\n⚠ SKIPPING the browser test of the HTML report. ${chromiumMissing}\n\n`);

describe.skipIf(!chromiumFound && !process.env.CI)('HTML report in headless Chromium', () => {
  it('shows the outputs side by side with charts, renders Chinese, toggles raw Markdown, and loads nothing from the network', async () => {
    if (!chromiumFound) throw new Error(chromiumMissing);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-browser-'));
    const run = await runCliInProcess(
      ['-m', 'mock:alpha,mock:beta,mock:gamma?fail=1', '周末咖啡的三种喝法', '--retries', '0', '--report', 'report.html'],
      { cwd, env: { WECHAT_WRITER_MOCK_DELAY_MS: '60' } },
    );
    expect(run.code).toBe(1);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(path.join(cwd, 'report.html')).href);

      expect(await page.locator('h1').first().textContent()).toBe('周末咖啡的三种喝法');
      const columns = page.locator('article.output');
      expect(await columns.count()).toBe(3);
      const boxes = await Promise.all([0, 1, 2].map((index) => columns.nth(index).boundingBox()));
      expect(boxes.every((box) => box !== null && box.width >= 300 && box.width <= 420)).toBe(true);
      expect(new Set(boxes.map((box) => box?.y)).size).toBe(1);
      expect((boxes[0]?.x ?? 0) < (boxes[1]?.x ?? 0) && (boxes[1]?.x ?? 0) < (boxes[2]?.x ?? 0)).toBe(true);

      const charts = page.locator('figure.chart');
      expect(await charts.count()).toBe(3);
      expect(await page.locator('figure.chart[data-metric="latency"] rect.bar').count()).toBe(3);
      expect(await page.locator('figure.chart[data-metric="output-tokens"] svg').isVisible()).toBe(true);
      expect(await page.locator('article.output').first().locator('.rendered h1').textContent()).toContain('周末咖啡的三种喝法');

      const rendered = columns.first().locator('.rendered');
      const raw = columns.first().locator('pre.raw');
      expect(await rendered.isVisible()).toBe(true);
      expect(await raw.isVisible()).toBe(false);
      await page.getByText('Show raw Markdown').click();
      expect(await raw.isVisible()).toBe(true);
      expect(await raw.textContent()).toMatch(/^# 周末咖啡的三种喝法/);
      await page.getByText('Show raw Markdown').click();

      mkdirSync(screenshotDirectory, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDirectory, 'html-report.png'), fullPage: true });
      expect(requested.every((url) => url.startsWith('file://'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
