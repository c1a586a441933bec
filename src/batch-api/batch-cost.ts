import { computeCost } from '../cost/compute-cost.js';
import type { Usage } from '../providers/language-model.js';
import type { ModelPrice } from '../providers/provider-preset.js';

/** What every provider with a batch API listed in batch-support.ts bills for a batch call: half. */
export const batchDiscount = 0.5;

const half = (price: number | undefined) => (price === undefined ? undefined : Math.round(price * batchDiscount * 1e9) / 1e9);

/**
 * The per-1M-token prices of a call made through a batch API: the catalogue's batch price when one is
 * known, else half of each ordinary price (input, output, cache read and write). Null when the
 * ordinary price is unknown too: never a made-up price.
 */
export function batchPrice(prices: ModelPrice | null, knownBatchPrices: ModelPrice | null = null): ModelPrice | null {
  if (knownBatchPrices) return knownBatchPrices;
  if (!prices) return null;
  const { input, output, cacheRead, cacheWrite } = prices;
  return {
    input: half(input)!,
    output: half(output)!,
    ...(cacheRead !== undefined ? { cacheRead: half(cacheRead)! } : {}),
    ...(cacheWrite !== undefined ? { cacheWrite: half(cacheWrite)! } : {}),
  };
}

/** Cost in USD of one batch cell (see {@link batchPrice}), or null when the price or counts are unknown. */
export function computeBatchCost(usage: Usage, prices: ModelPrice | null, knownBatchPrices: ModelPrice | null = null): number | null {
  return computeCost(usage, batchPrice(prices, knownBatchPrices));
}
