import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH: the browser the view's tests drive (as the HTML report's do). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFound = existsSync(chromiumPath);
export const chromiumMissing = `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH; see the README's contributor section`;

/** Launches headless Chromium with the flags of test/browser/html-report.browser.test.ts. */
export function launchChromium(): Promise<Browser> {
  if (!chromiumFound) throw new Error(chromiumMissing);
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page said on its console and threw, kept for the assertions (CSP violations are console errors). */
export interface PageProblems {
  errors: string[];
  cspViolations(): string[];
}

/** Starts collecting a page's console errors and uncaught exceptions. */
export function watchProblems(page: Page): PageProblems {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { errors, cspViolations: () => errors.filter((text) => /Content Security Policy|Refused to/i.test(text)) };
}
