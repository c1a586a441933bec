import type { BatchCellOutcome } from '../../batch-api/batch-api.js';
import { computeBatchCost } from '../../batch-api/batch-cost.js';
import type { ProviderError } from '../../errors/provider-error.js';
import { emptyUsage } from '../../providers/language-model.js';
import type { ModelPrice } from '../../providers/provider-preset.js';
import { batchApiServer, type ModelResult } from '../../run/model-result.js';
import { toResultError } from '../../run/result-error.js';
import { countWriting } from '../../text/count-writing.js';

/** The cell a result answers: the model as the run names it (`provider:model`) and its batch prompt. */
export interface ResultCell {
  model: string;
  provider: string;
  promptId: string;
}

/** A cell without a result: the batch could not be sent, or the provider reports it failed, expired, was cancelled or left it out. */
export function batchFailure(cell: ResultCell, error: ProviderError, batchId: string | null): ModelResult {
  return {
    model: cell.model,
    provider: cell.provider,
    status: 'error',
    servedBy: null,
    text: null,
    reasoning: null,
    chars: 0,
    readingMinutes: 0,
    finishReason: null,
    usage: emptyUsage(),
    latencyMs: 0,
    ttftMs: null,
    costUsd: null,
    responseModel: null,
    requestId: error.requestId ?? null,
    attempts: batchId === null ? 0 : 1,
    incomplete: false,
    fallback: null,
    warnings: [],
    promptId: cell.promptId,
    outputFile: null,
    error: toResultError(error),
    ...(batchId === null ? {} : { batchId }),
  };
}

/**
 * One cell of a batch as a result of the run: `servedBy: 'batch-api'`, the batch's id, the cost at the
 * batch price (computeBatchCost: the known batch price, else half the ordinary one), and latency 0 (a batch has no
 * per-call latency; the hours between sending and collecting are not one).
 */
export function batchCellResult(
  cell: ResultCell,
  outcome: BatchCellOutcome,
  prices: { prices: ModelPrice | null; batchPrices: ModelPrice | null },
  batchId: string,
): ModelResult {
  if (!outcome.ok) return batchFailure(cell, outcome.error, batchId);
  const { result } = outcome;
  return {
    model: cell.model,
    provider: cell.provider,
    status: 'ok',
    servedBy: batchApiServer,
    text: result.text,
    ...countWriting(result.text),
    reasoning: result.reasoning,
    finishReason: result.finishReason,
    usage: result.usage,
    latencyMs: 0,
    ttftMs: null,
    costUsd: computeBatchCost(result.usage, prices.prices, prices.batchPrices),
    responseModel: result.responseModel,
    requestId: result.requestId,
    attempts: 1,
    incomplete: false,
    fallback: null,
    warnings: [],
    promptId: cell.promptId,
    outputFile: null,
    error: null,
    batchId,
  };
}
