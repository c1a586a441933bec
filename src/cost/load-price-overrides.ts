import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import type { Env } from '../io/env.js';
import { t } from '../i18n/translate.js';
import { parsePriceOverrides, type PriceOverrides } from './price-overrides.js';

/**
 * User prices: `WECHAT_WRITER_PRICES` (inline JSON, or the path of a JSON file), else
 * `prices.json` in the tool's home directory when it exists.
 */
export async function loadPriceOverrides(
  env: Env,
  homeDirectory: string,
  readTextFile: (filePath: string) => Promise<string>,
): Promise<PriceOverrides> {
  const setting = env.WECHAT_WRITER_PRICES?.trim();
  if (setting?.startsWith('{')) return parsePriceOverrides(setting, 'WECHAT_WRITER_PRICES');
  if (setting) {
    let text: string;
    try {
      text = await readTextFile(path.resolve(setting));
    } catch {
      throw new UsageError(t('config.prices.unreadable', { setting }));
    }
    return parsePriceOverrides(text, setting);
  }
  const homeFile = path.join(homeDirectory, 'prices.json');
  let text: string;
  try {
    text = await readTextFile(homeFile);
  } catch {
    return {};
  }
  return parsePriceOverrides(text, homeFile);
}
