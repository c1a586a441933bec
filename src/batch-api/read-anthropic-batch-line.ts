import { ProviderError } from '../errors/provider-error.js';
import { withinCharLimit } from '../providers/reply-limits.js';
import { mapAnthropicFinishReason } from '../providers/wire-formats/anthropic/map-anthropic-finish-reason.js';
import { mapAnthropicUsage, type AnthropicUsage } from '../providers/wire-formats/anthropic/map-anthropic-usage.js';
import type { BatchCellOutcome, BatchCellResult } from './batch-api.js';
import { cellError, cellNotRun, failed, type BatchWhere } from './batch-cell-errors.js';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A Messages reply, as an ordinary (non-streamed) call reads it. */
function readMessage(message: Record<string, unknown>, batchId: string): BatchCellResult {
  const blocks = (Array.isArray(message.content) ? message.content : []).filter(isRecord);
  const pieces = (type: string, field: string) => blocks.filter((block) => block.type === type).map((block) => text(block[field]) ?? '');
  const thinking = pieces('thinking', 'thinking');
  return {
    text: pieces('text', 'text').join(''),
    reasoning: thinking.length > 0 ? thinking.join('\n') : null,
    finishReason: mapAnthropicFinishReason(text(message.stop_reason)),
    usage: mapAnthropicUsage(isRecord(message.usage) ? (message.usage as AnthropicUsage) : null),
    responseModel: text(message.model),
    requestId: text(message.id),
    batchId,
  };
}

/**
 * The outcome a parsed Message Batches result line gives (`{custom_id, result: {type, …}}`), or null
 * when it names no cell: `succeeded` (within the character limit), `errored` (the error response's
 * type and message), `canceled`, `expired`.
 */
export function readAnthropicBatchLine(parsed: unknown, where: BatchWhere, maxReplyChars: number): BatchCellOutcome | null {
  if (!isRecord(parsed)) return null;
  const customId = text(parsed.custom_id);
  if (customId === null) return null;
  const result = isRecord(parsed.result) ? parsed.result : {};
  switch (result.type) {
    case 'succeeded': {
      if (!isRecord(result.message)) return failed(customId, 'errored', cellError(where, result, undefined, null));
      try {
        return { customId, ok: true, result: withinCharLimit(readMessage(result.message, where.batchId), maxReplyChars, where) };
      } catch (error) {
        if (error instanceof ProviderError) return failed(customId, 'errored', error);
        throw error;
      }
    }
    case 'canceled':
      return failed(customId, 'cancelled', cellNotRun(where, 'cancelled'));
    case 'expired':
      return failed(customId, 'expired', cellNotRun(where, 'expired'));
    default:
      return failed(customId, 'errored', cellError(where, result.error ?? result, undefined, null));
  }
}
