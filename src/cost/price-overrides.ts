import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { ModelPrice } from '../providers/provider-preset.js';

/** User prices per `provider:model` id, USD per 1M tokens. */
export type PriceOverrides = Record<string, ModelPrice>;

const priceKeys = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;

/** Validates a price override document (`{"deepseek:deepseek-flash": {"input": 0.3, "output": 1.2}}`). */
export function parsePriceOverrides(text: string, source: string): PriceOverrides {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(t('config.prices.notJson', { source, reason: (error as Error).message }));
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(t('config.prices.notObject', { source }));
  }
  const overrides: PriceOverrides = {};
  for (const [model, price] of Object.entries(parsed as Record<string, unknown>)) {
    const record = (price && typeof price === 'object' ? price : {}) as Record<string, unknown>;
    const bad = priceKeys.filter((key) => record[key] !== undefined && (typeof record[key] !== 'number' || (record[key] as number) < 0));
    const unknownKeys = Object.keys(record).filter((key) => !(priceKeys as readonly string[]).includes(key));
    if (
      !model.includes(':') ||
      typeof record.input !== 'number' ||
      typeof record.output !== 'number' ||
      bad.length > 0 ||
      unknownKeys.length > 0
    ) {
      throw new UsageError(t('config.prices.badEntry', { model, source }));
    }
    overrides[model] = record as unknown as ModelPrice;
  }
  return overrides;
}
