import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH: the browser the view's tests drive (as the HTML report's do). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumFound = existsSync(chromiumPath);
export const chromiumMissing = `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH; see the README's contributor section`;

/**
 * Launches headless Chromium with the flags every browser test uses (without the background-networking
 * ones, Chromium's connections are refused by the closed network, many at a time).
 */
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
