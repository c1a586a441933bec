#!/usr/bin/env node
// Screenshots of every page of `wechat-writer view`, at desktop (1280×900) and phone (375×812) width,
// in zh-CN and en, over a seeded history (test/support/seed-history.ts: compare, batch, write, judged
// and voted runs, mock models only, no network).
//
//   node scripts/view-screenshots.mjs <output-directory> [--bin <path to bin/wechat-writer.js>]
//
// Without --bin it builds this checkout's src/ privately into a temp directory (as the e2e tests do,
// never touching ./dist) and removes that build at the end. Chromium is Debian's (/usr/bin/chromium)
// or CHROMIUM_PATH.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const repository = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const binFlag = argv.indexOf('--bin');
const givenBin = binFlag >= 0 ? path.resolve(argv.splice(binFlag, 2)[1]) : undefined;
const output = argv[0];
if (!output) {
  process.stderr.write('usage: node scripts/view-screenshots.mjs <output-directory> [--bin <bin/wechat-writer.js>]\n');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  process.stderr.write(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH\n`);
  process.exit(2);
}
if (givenBin && !existsSync(path.join(path.dirname(givenBin), '..', 'dist'))) {
  process.stderr.write(`no build next to ${givenBin}: run npm run build first, or leave out --bin\n`);
  process.exit(2);
}

/** The seed helper, bundled from TypeScript for this plain-Node script (packages stay external). */
async function loadSeedHelper(scratch) {
  const outfile = path.join(scratch, 'seed-history.mjs');
  symlinkSync(path.join(repository, 'node_modules'), path.join(scratch, 'node_modules'), 'dir'); // its packages resolve from here
  await build({
    stdin: {
      contents: "export * from './seed-history.ts'; export { builtBin, removeBuiltBin } from './run-built-cli.ts';",
      resolveDir: path.join(repository, 'test', 'support'),
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    // the helpers find the checkout (bin/, scripts/build.mjs) from where their source lives
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(repository, 'test', 'support', 'seed-history.ts')).href) },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

const devices = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ww-view-shots-'));
const home = path.join(scratch, 'home');
const { seedHistory, startView, builtBin, removeBuiltBin } = await loadSeedHelper(scratch);
const bin = givenBin ?? (await builtBin());
// replies that take a little time, so the latency columns and charts show something
const { runIds } = await seedHistory(home, { bin, env: { WECHAT_WRITER_MOCK_DELAY_MS: '400' } });
process.stderr.write(`seeded ${JSON.stringify(runIds)} in ${home}\n`);
const pages = {
  runs: '/',
  run: `/runs/${runIds.judged}`,
  batch: `/runs/${runIds.batch}`,
  write: `/runs/${runIds.write}`,
  vote: `/runs/${runIds.compare}/vote`,
  leaderboard: '/leaderboard',
  stats: '/stats',
  providers: '/providers',
};

const view = await startView(home, { bin });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const written = [];
try {
  mkdirSync(output, { recursive: true });
  for (const language of ['zh-CN', 'en']) {
    for (const [device, options] of Object.entries(devices)) {
      const context = await browser.newContext({ ...options, locale: language });
      const page = await context.newPage();
      await page.goto(`${view.url}&lang=${language}`);
      for (const [name, route] of Object.entries(pages)) {
        const response = await page.goto(`${view.origin}${route}`);
        if (response?.status() !== 200) throw new Error(`${route} answered ${response?.status()}`);
        const file = path.join(output, `${language}-${device}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      // the duel once voted: the names revealed
      await page.goto(`${view.origin}${pages.vote}`);
      const voteButton = page.locator('button[data-vote="a"]').first();
      if ((await voteButton.count()) > 0) {
        await voteButton.click();
        await page
          .locator('.reveal')
          .first()
          .waitFor({ timeout: 10_000 })
          .catch(() => {});
        const file = path.join(output, `${language}-${device}-vote-revealed.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await view.stop();
  if (!givenBin) await removeBuiltBin();
  unlinkSync(path.join(scratch, 'node_modules')); // the link first: removing the rest must never reach the real node_modules
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  `${written.length} screenshots in ${path.resolve(output)}\n${written.map((file) => `  ${path.basename(file)}`).join('\n')}\n`,
);
