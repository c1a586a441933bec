import type { Page } from 'playwright-core';

export { chromiumFound, chromiumMissing, chromiumPath, launchChromium } from '../../support/chromium.js';

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
