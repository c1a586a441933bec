import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { builtBin } from '../support/run-built-cli.js';
import { runSeedCommand, startView, type RunningView } from '../support/seed-history.js';
import { chromiumFound, launchChromium, watchProblems } from '../view/e2e/view-chromium.js';

let view: RunningView;
let browser: Browser;
let llm: FakeLlmServer;
let tracker: Server;
let trackerUrl: string;
const trackerHits: string[] = [];

const config = `providers:
  h:
    type: openai
    baseURL: \${H_BASE}/v1
    apiKeyEnv: H_KEY
retry:
  retries: 0
`;
const hostileDraft = (tracker: string) =>
  [
    '# 看似普通的稿件',
    '',
    '<script>window.pwned = "script"</script>',
    '',
    `<img src="${tracker}/raw.png" onerror="window.pwned = 'onerror'">`,
    '',
    `![封面](${tracker}/cover.png) 正文第一段，提到 h:m-hostile 自己。`,
    '',
    '[点我](javascript:window.pwned="link") 和 [原文](https://example.com/article)',
    '',
    `<iframe src="${tracker}/frame"></iframe><style>body{display:none}</style>`,
  ].join('\n');

describe.skipIf(!chromiumFound && !process.env.CI)('wechat-writer view renders a hostile draft inertly', () => {
  beforeAll(async () => {
    tracker = createServer((request, response) => {
      trackerHits.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    llm = await startFakeLlmServer({
      'm-hostile': { chunks: [hostileDraft(trackerUrl)] },
      'm-plain': { chunks: ['# 平常的稿件\n\n', '没有花样。'] },
    });
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-view-hostile-'));
    const home = path.join(cwd, 'home');
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config);
    await runSeedCommand(await builtBin(), ['--models', 'h:m-hostile,h:m-plain', '一篇带脚本的稿件', '--no-check'], {
      cwd,
      env: { WECHAT_WRITER_HOME: home, H_BASE: llm.url, H_KEY: 'sk-hostile-test-key' },
    });
    view = await startView(home);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await view?.stop();
    await llm?.close();
    await new Promise((resolve) => tracker?.close(resolve));
  }, 60_000);

  it('runs no script from a draft, loads nothing it names, keeps only http(s) links, on the run page and the blind duel', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(view.url);
    for (const route of ['/runs/1', '/runs/1/vote']) {
      const response = await page.goto(`${view.origin}${route}`);
      expect(response?.status(), route).toBe(200);
      // strings, evaluated in the page (the tests compile without the DOM library)
      expect(await page.evaluate('typeof window.pwned'), route).toBe('undefined');
      const inert = (await page.evaluate(`({
        handlers: [...document.querySelectorAll('*')].filter((element) => [...element.attributes].some((attribute) => attribute.name.startsWith('on'))).length,
        scripts: [...document.scripts].map((script) => script.src),
        frames: document.querySelectorAll('iframe, object, embed').length,
        images: [...document.images].map((image) => image.src).filter((source) => !source.startsWith('data:')),
        links: [...document.querySelectorAll('article a[href]')].map((link) => [link.getAttribute('href'), link.getAttribute('rel')]),
        bodyShown: getComputedStyle(document.body).display !== 'none',
      })`)) as {
        handlers: number;
        scripts: string[];
        frames: number;
        images: string[];
        links: [string, string | null][];
        bodyShown: boolean;
      };
      expect(inert.handlers, route).toBe(0);
      expect(
        inert.scripts.every((source) => source.startsWith(`${view.origin}/assets/view.js`)),
        route,
      ).toBe(true);
      expect(inert.frames, route).toBe(0);
      expect(inert.images, route).toEqual([]);
      expect(inert.bodyShown, route).toBe(true);
      expect(
        inert.links.some(([href]) => /^\s*javascript:/i.test(href)),
        route,
      ).toBe(false);
      for (const [href, rel] of inert.links.filter(([href]) => /^https?:/.test(href))) expect(rel, href).toBe('noopener noreferrer');
      expect(inert.links.map(([href]) => href)).toContain('https://example.com/article');
      const text = (await page.locator('article').allTextContents()).join('\n');
      expect(text, route).toContain('<script>'); // shown as text, never run
    }
    expect(await page.content()).not.toContain('h:m-hostile'); // the duel masks the model's own id
    expect(trackerHits).toEqual([]);
    expect(problems.cspViolations()).toEqual([]);
    await context.close();
  }, 60_000);
});
