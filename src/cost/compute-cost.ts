import type { Usage } from '../providers/language-model.js';
import type { ModelPrice } from '../providers/provider-preset.js';

const perToken = (pricePerMillion: number) => pricePerMillion / 1_000_000;

/**
 * Cost in USD of one call from per-1M-token prices, or null when the price or the counts are unknown
 * (never a made-up 0). Uncached input, cache reads and cache writes are priced apart.
 */
export function computeCost(usage: Usage, prices: ModelPrice | null): number | null {
  if (!prices || usage.inputTokens === null || usage.outputTokens === null) return null;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const freshInput = usage.noCacheInputTokens ?? Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const cost =
    freshInput * perToken(prices.input) +
    cacheRead * perToken(prices.cacheRead ?? prices.input) +
    cacheWrite * perToken(prices.cacheWrite ?? prices.input) +
    usage.outputTokens * perToken(prices.output);
  return Math.round(cost * 1e8) / 1e8;
}

/** `$0.0123`, or an em dash when unknown. */
export function formatCost(costUsd: number | null): string {
  if (costUsd === null) return '—';
  if (costUsd === 0) return '$0';
  return costUsd < 0.01 ? `$${costUsd.toFixed(5)}` : `$${costUsd.toFixed(4)}`;
}
