import { ProviderError } from '../errors/provider-error.js';
import { replyError } from '../providers/read-error-details.js';
import { withinCharLimit } from '../providers/reply-limits.js';
import { mapOpenAIFinishReason } from '../providers/wire-formats/openai/map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsage } from '../providers/wire-formats/openai/map-openai-usage.js';
import { readContentParts, type MessageContent } from '../providers/wire-formats/openai/read-content-parts.js';
import { joinReasoning, readReasoning, type ReasoningFields } from '../providers/wire-formats/openai/read-reasoning.js';
import { createThinkTagSplitter } from '../providers/wire-formats/openai/split-think-tags.js';
import type { BatchCellOutcome, BatchCellResult } from './batch-api.js';
import { cellError, cellNotRun, failed, type BatchWhere } from './batch-cell-errors.js';

/** A Chat Completions reply as far as we read it. */
interface ReplyFields {
  id?: string;
  model?: string;
  usage?: OpenAIUsage | null;
  choices?: { message?: { content?: MessageContent } & ReasoningFields; finish_reason?: string | null }[] | null;
}

/**
 * One line of an OpenAI-format output or error file, as documented ("the request output object"):
 * `{ id, custom_id, response: { status_code, request_id, body } | null, error: { code, message } | null }`.
 */
interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: unknown; request_id?: unknown; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The answer of one successful call, read as an ordinary (non-streamed) Chat Completions reply. */
function readReply(reply: ReplyFields, requestId: string | null, batchId: string): BatchCellResult {
  const choice = reply.choices?.[0];
  const message = choice?.message ?? {};
  const parts = readContentParts(message.content);
  const splitter = createThinkTagSplitter();
  const pieces = [splitter.push(parts.text), splitter.finish()];
  return {
    text: pieces.map((piece) => piece.text).join(''),
    reasoning: joinReasoning(readReasoning(message), parts.reasoning, pieces.map((piece) => piece.reasoning).join('')),
    finishReason: mapOpenAIFinishReason(choice?.finish_reason),
    usage: mapOpenAIUsage(reply.usage),
    responseModel: text(reply.model),
    requestId: requestId ?? text(reply.id),
    reportedCostUsd: typeof reply.usage?.cost === 'number' ? reply.usage.cost : null,
    batchId,
  };
}

/**
 * The outcome a parsed OpenAI-format result line gives, or null when it names no cell. A 200 reply is
 * a result (within the character limit); another status, an error object (`batch_expired`,
 * `batch_cancelled`, `request_timeout`, …) or an error inside a 200 body is a failed cell.
 */
export function readOpenAIBatchLine(parsed: unknown, where: BatchWhere, maxReplyChars: number): BatchCellOutcome | null {
  if (!isRecord(parsed)) return null;
  const line = parsed as OutputLine;
  const customId = text(line.custom_id);
  if (customId === null) return null;
  const response = isRecord(line.response) ? line.response : null;
  const requestId = text(response?.request_id);
  if (response === null || response.status_code === undefined) {
    const code = isRecord(line.error) ? text(line.error.code) : null;
    if (code === 'batch_expired') return failed(customId, 'expired', cellNotRun(where, 'expired'));
    if (code === 'batch_cancelled') return failed(customId, 'cancelled', cellNotRun(where, 'cancelled'));
    return failed(customId, 'errored', cellError(where, { error: line.error ?? {} }, undefined, requestId));
  }
  const status = typeof response.status_code === 'number' ? response.status_code : Number(response.status_code);
  const body = response.body;
  if (status !== 200 || !isRecord(body) || replyError(body)) {
    return failed(customId, 'errored', cellError(where, body, status === 200 ? undefined : status, requestId));
  }
  try {
    const result = withinCharLimit(readReply(body as ReplyFields, requestId, where.batchId), maxReplyChars, where);
    return { customId, ok: true, result };
  } catch (error) {
    if (error instanceof ProviderError) return failed(customId, 'errored', error);
    throw error;
  }
}
