import type { BatchCell } from './batch-api.js';

/**
 * The cells of one provider cut into batches: one model per batch (every batch format's rule, and
 * results then read per model), at most `maxRequests` cells each (null: no documented limit), in
 * the order given.
 */
export function planBatches(cells: readonly BatchCell[], maxRequests: number | null): BatchCell[][] {
  const byModel = new Map<string, BatchCell[]>();
  for (const cell of cells) byModel.set(cell.modelId, [...(byModel.get(cell.modelId) ?? []), cell]);
  const size = maxRequests ?? Number.POSITIVE_INFINITY;
  return [...byModel.values()].flatMap((group) => {
    const batches: BatchCell[][] = [];
    for (let start = 0; start < group.length; start += size) batches.push(group.slice(start, start + size));
    return batches;
  });
}
