import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumFound, chromiumMissing, launchChromium } from '../support/chromium.js';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { okResult } from '../support/model-result-fixture.js';

describe.skipIf(!chromiumFound && !process.env.CI)('HTML report with remote images in a draft, in headless Chromium', () => {
  it('loads nothing from the network (images become links, the CSP blocks the rest) and still renders the drafts', async () => {
    if (!chromiumFound) throw new Error(chromiumMissing);
    // A local "remote" host: any request reaching it is a load the report promised not to make.
    const hits: string[] = [];
    const server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const remote = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-browser-csp-'));
    const file = path.join(cwd, 'report.html');
    const draft = [
      '# 远程图片的草稿',
      '',
      `![封面](${remote}/cover.png) 正文第一段。`,
      '',
      '![点](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=)',
      '',
      `[原文](${remote}/article)`,
    ].join('\n');
    writeFileSync(
      file,
      renderHtmlReport(
        {
          version: 1,
          runId: 1,
          startedAt: '2026-01-02T03:04:05.000Z',
          prompt: { source: 'brief.md', chars: 4 },
          results: [okResult('openai:a', draft), okResult('anthropic:b', '# 第二篇\n\n没有图片。')],
        },
        { text: '远程图片', title: '远程图片' },
        '0.0.0',
      ),
    );

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const columns = page.locator('article.output');
      expect(await columns.count()).toBe(2);
      expect(await columns.first().locator('.rendered h1').textContent()).toBe('远程图片的草稿');
      expect(await columns.nth(1).locator('.rendered h1').textContent()).toBe('第二篇');
      const imageLink = columns.first().locator('a.image-link');
      expect(await imageLink.textContent()).toBe('[图片: 封面]');
      expect(await imageLink.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await columns.first().locator('img').count()).toBe(1);
      expect(await page.locator('figure.chart svg').first().isVisible()).toBe(true);
      // The report's own stylesheet still applies under the policy.
      expect(await page.locator('pre.raw').first().isVisible()).toBe(false);

      // Nothing but the file itself (and inline data: images) was requested.
      expect(requested.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);

      // Even an image that got into the page some other way is blocked by the Content-Security-Policy
      // (Chromium refuses it before it leaves: the local server below never sees it).
      const outcome = await page.evaluate(`new Promise((resolve) => {
        const image = document.createElement('img');
        image.onload = () => resolve('loaded');
        image.onerror = () => resolve('blocked');
        image.src = ${JSON.stringify(`${remote}/injected.png`)};
        document.body.append(image);
      })`);
      expect(outcome).toBe('blocked');
      expect(hits).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
