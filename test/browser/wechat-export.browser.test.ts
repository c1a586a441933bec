import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromiumFound, chromiumMissing, launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import { wechatThemes } from '../../src/wechat/html/wechat-themes.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

/** Starting Chromium on a busy 2-core machine can take longer than vitest's 10 s hook bound (a bound, not a measurement). */
const browserStartTimeoutMs = 60_000;

const screenshotDirectory = process.env.SCREENSHOT_DIR ?? path.resolve('test-output');

/** A draft with every element a theme styles, and what pushes a phone page sideways (a long URL, code line and table). */
const richDraft = (image: string) =>
  [
    '# 周末在家做一杯好咖啡：写给忙碌的你',
    '',
    '周末的早晨，给自己做一杯手冲咖啡，是**最便宜的仪式感**。这篇文章从器具讲到冲煮，*看完就能上手*。',
    '',
    '## 1. 需要哪些器具',
    '',
    '> 好咖啡从新鲜的豆子开始：烘焙后两到四周内喝完，风味最好。',
    '',
    '- 手冲壶：细嘴，好控制水流',
    '- 磨豆机：**刀盘**比刀片磨得均匀',
    '- 滤杯和滤纸',
    '',
    '![一杯手冲咖啡](' + image + ')',
    '',
    '## 2. 冲煮的参数',
    '',
    '| 参数 | 建议值 | 说明 |',
    '|---|---|---|',
    '| 粉水比 | 1:15 | 15 克豆子配 225 毫升水，想浓一点就用 1:14 |',
    '| 水温 | 90–93 ℃ | 深烘用低一点的温度 |',
    '| 时间 | 2 分 30 秒 | 从第一次注水开始算 |',
    '',
    '### 一个小计时器',
    '',
    '1. 先用 30 克水闷蒸 30 秒',
    '2. 分三次注水，每次绕圈',
    '3. 在 `2:30` 左右结束',
    '',
    '```js',
    "const recipe = { beans: 15, water: 225, temperature: 92, steps: ['bloom', 'pour', 'pour', 'pour'], note: 'keep the kettle moving in slow circles' };",
    'console.log(recipe);',
    '```',
    '',
    '#### 附：参考',
    '',
    '更多参数见 [SCA 冲煮指南](https://sca.coffee/research/coffee-standards?utm_source=wechat-writer&utm_medium=article&utm_campaign=weekend-coffee-brewing-guide) 和我们的[往期文章](https://mp.weixin.qq.com/s/abc)。',
    '',
    '---',
    '',
    '**你周末怎么喝咖啡？欢迎在评论区聊聊。**',
  ].join('\n');

/** The properties whose computed values tell a themed element from the browser's default one. */
const styleProbe = `(() => {
  const keys = ['font-size', 'color', 'background-color', 'margin-top', 'margin-bottom', 'padding-left', 'padding-top', 'border-left-width', 'border-bottom-width', 'border-top-width', 'line-height', 'font-family', 'max-width', 'white-space', 'border-collapse'];
  const root = document.querySelector('#article > section');
  const pick = (element) => Object.fromEntries(keys.map((key) => [key, getComputedStyle(element).getPropertyValue(key)]));
  const result = {};
  for (const selector of ['h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'pre', 'pre code', 'table', 'th', 'td', 'img', 'strong', 'p', 'sup']) {
    const themed = root.querySelector(selector);
    if (!themed) { result[selector] = null; continue; }
    const bare = document.createElement(themed.tagName);
    document.body.appendChild(bare);
    const a = pick(themed), b = pick(bare);
    bare.remove();
    result[selector] = keys.filter((key) => a[key] !== b[key]);
  }
  return {
    rootCount: document.querySelectorAll('#article > *').length,
    rootTag: root.tagName,
    unwanted: root.querySelectorAll('[class], [id], style, script, link').length + (root.hasAttribute('class') ? 1 : 0),
    unstyled: [...root.querySelectorAll('*')].filter((element) => !['BR', 'THEAD', 'TBODY', 'TR'].includes(element.tagName) && !element.getAttribute('style')).map((element) => element.tagName),
    bodyFontSize: getComputedStyle(root).fontSize,
    lineHeight: getComputedStyle(root).lineHeight,
    scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth,
    imageWidth: root.querySelector('img').getBoundingClientRect().width,
    columnWidth: root.getBoundingClientRect().width,
    result,
  };
})()`;

describe.skipIf(!chromiumFound && !process.env.CI)('export --format html of a mock run, each theme at 375 px in headless Chromium', () => {
  let browser: Browser;
  let cwd: string;
  beforeAll(async () => {
    if (!chromiumFound) throw new Error(chromiumMissing);
    cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-browser-export-'));
    browser = await launchChromium();
    // a picture for the draft, made by the browser itself (the page loads nothing from the network)
    const painter = await browser.newPage({ viewport: { width: 640, height: 360 } });
    await painter.setContent(
      '<div style="width:640px;height:360px;background:linear-gradient(135deg,#6f4e37,#c8a27a);color:#fff;font:bold 48px sans-serif;display:flex;align-items:center;justify-content:center">☕ Coffee</div>',
    );
    const picture = `data:image/png;base64,${(await painter.screenshot()).toString('base64')}`;
    await painter.close();
    const store = await openHistoryStore(path.join(cwd, 'home'));
    const runId = store.startRun({
      startedAt: '2026-12-02T06:00:00.000Z',
      kind: 'compare',
      parentRunId: null,
      prompt: '周末在家做咖啡',
      promptSource: 'topic',
      topic: '周末在家做咖啡',
      systemPrompt: null,
      options: {},
      toolVersion: '0.1.0',
    });
    store.recordResult(runId, 0, okResult('mock:alpha', richDraft(picture)));
    store.close();
  }, browserStartTimeoutMs);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(wechatThemes.map((theme) => theme.id))(
    'theme %s: styled elements, nothing sideways, no class or <style> in the fragment',
    async (theme) => {
      const file = path.join(cwd, `preview-${theme}.html`);
      const run = await runCliInProcess(['export', '1', '--format', 'html', '--theme', theme, '-o', file], {
        cwd,
        env: { WECHAT_WRITER_HOME: path.join(cwd, 'home') },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('<title>周末在家做一杯好咖啡：写给忙碌的你</title>');
      const page = await browser.newPage({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
      const blocked: string[] = [];
      page.on('request', (request) => {
        if (!/^(file|data):/.test(request.url())) blocked.push(request.url());
      });
      try {
        await page.goto(pathToFileURL(file).href);
        const probe = (await page.evaluate(styleProbe)) as {
          rootCount: number;
          rootTag: string;
          unwanted: number;
          unstyled: string[];
          bodyFontSize: string;
          lineHeight: string;
          scroll: number;
          body: number;
          inner: number;
          imageWidth: number;
          columnWidth: number;
          result: Record<string, string[] | null>;
        };
        expect(probe.rootCount).toBe(1);
        expect(probe.rootTag).toBe('SECTION');
        expect(probe.unwanted).toBe(0);
        expect(probe.unstyled).toEqual([]);
        expect(probe.bodyFontSize).toBe('16px');
        expect(probe.lineHeight).toBe('28px');
        expect(probe.inner).toBe(375);
        expect(probe.scroll).toBeLessThanOrEqual(probe.inner);
        expect(probe.body).toBeLessThanOrEqual(probe.inner);
        expect(probe.imageWidth).toBeLessThanOrEqual(probe.columnWidth);
        for (const [selector, differences] of Object.entries(probe.result)) {
          expect(differences, `${theme}: ${selector} is in the article`).not.toBeNull();
          expect(differences?.length, `${theme}: ${selector} differs from the browser default`).toBeGreaterThan(0);
        }
        expect(blocked).toEqual([]);
        mkdirSync(screenshotDirectory, { recursive: true });
        const shot = path.join(screenshotDirectory, `wechat-export-${theme}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        expect(existsSync(shot)).toBe(true);
      } finally {
        await page.close();
      }
    },
    browserStartTimeoutMs,
  );
});
