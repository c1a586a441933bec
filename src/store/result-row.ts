import { batchApiServer, type ModelResult } from '../run/model-result.js';
import { countWriting } from '../text/count-writing.js';

/**
 * `latency_ms` of an answer collected from a provider's batch API: it had no call latency, and stats'
 * latency percentiles (an index range over `latency_ms >= 0`) leave it out. Read back as 0.
 */
const noLatency = -1;

/** A `results` row as stored. */
export interface ResultRow {
  run_id: number;
  position: number;
  created_at: string;
  model: string;
  provider: string;
  role: string | null;
  status: string;
  served_by: string | null;
  text: string | null;
  reasoning: string | null;
  input_tokens: number | null;
  no_cache_input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  latency_ms: number;
  ttft_ms: number | null;
  cost_usd: number | null;
  error_type: string | null;
  error_message: string | null;
  attempts: number;
  output_file: string | null;
  details: string;
  /** 字数 and reading time of `text` (schema v5; older rows are counted by the migration). */
  chars: number | null;
  reading_minutes: number | null;
  /** The strategy that ordered the role's models for this call (schema v8); null: the written order. */
  strategy: string | null;
  /** SHA-256 of the request (schema v10), for `--reuse`; null for rows written before. */
  request_key: string | null;
  /** Set by `recordJudgement` after a `--judge` run (schema v3); not written on insert. */
  judge_score?: number | null;
}

type Details = Pick<
  ModelResult,
  | 'finishReason'
  | 'responseModel'
  | 'requestId'
  | 'incomplete'
  | 'fallback'
  | 'warnings'
  | 'error'
  | 'judge'
  | 'promptId'
  | 'route'
  | 'reused'
  | 'reusedFrom'
  | 'batchId'
>;

/** A result as a row; what has no column of its own goes into `details`. */
export function toResultRow(runId: number, position: number, result: ModelResult, role: string | null, createdAt: string): ResultRow {
  const details: Details = {
    finishReason: result.finishReason,
    responseModel: result.responseModel,
    requestId: result.requestId,
    incomplete: result.incomplete,
    fallback: result.fallback,
    warnings: result.warnings,
    error: result.error,
    judge: result.judge,
    promptId: result.promptId,
    route: result.route,
    reused: result.reused,
    reusedFrom: result.reusedFrom,
    batchId: result.batchId,
  };
  return {
    run_id: runId,
    position,
    created_at: createdAt,
    model: result.model,
    provider: result.provider,
    role,
    status: result.status,
    served_by: result.servedBy,
    text: result.text,
    reasoning: result.reasoning,
    input_tokens: result.usage.inputTokens,
    no_cache_input_tokens: result.usage.noCacheInputTokens,
    output_tokens: result.usage.outputTokens,
    cache_read_tokens: result.usage.cacheReadTokens,
    cache_write_tokens: result.usage.cacheWriteTokens,
    reasoning_tokens: result.usage.reasoningTokens,
    latency_ms: result.servedBy === batchApiServer ? noLatency : result.latencyMs,
    ttft_ms: result.ttftMs,
    cost_usd: result.costUsd,
    error_type: result.error?.type ?? null,
    error_message: result.error?.message ?? null,
    attempts: result.attempts,
    output_file: result.outputFile,
    details: JSON.stringify(details),
    chars: result.chars,
    reading_minutes: result.readingMinutes,
    strategy: result.route?.strategy ?? null,
    request_key: result.requestKey ?? null,
  };
}

/** A stored row back as the result the run reported. */
export function fromResultRow(row: ResultRow): ModelResult & { role: string | null } {
  const details = JSON.parse(row.details) as Details;
  return {
    model: row.model,
    provider: row.provider,
    role: row.role,
    status: row.status === 'ok' ? 'ok' : 'error',
    servedBy: row.served_by,
    text: row.text,
    ...(row.chars === null || row.reading_minutes === null
      ? countWriting(row.text ?? '')
      : { chars: row.chars, readingMinutes: row.reading_minutes }),
    reasoning: row.reasoning,
    finishReason: details.finishReason,
    usage: {
      inputTokens: row.input_tokens,
      noCacheInputTokens: row.no_cache_input_tokens,
      outputTokens: row.output_tokens,
      cacheReadTokens: row.cache_read_tokens,
      cacheWriteTokens: row.cache_write_tokens,
      reasoningTokens: row.reasoning_tokens,
    },
    costUsd: row.cost_usd,
    latencyMs: Math.max(0, row.latency_ms),
    ttftMs: row.ttft_ms,
    responseModel: details.responseModel,
    requestId: details.requestId,
    attempts: row.attempts,
    incomplete: details.incomplete,
    fallback: details.fallback,
    warnings: details.warnings,
    outputFile: row.output_file,
    error: details.error,
    ...(details.judge !== undefined ? { judge: details.judge } : {}),
    ...(details.promptId !== undefined ? { promptId: details.promptId } : {}),
    ...(details.route !== undefined ? { route: details.route } : {}),
    ...(details.reusedFrom !== undefined ? { reused: true as const, reusedFrom: details.reusedFrom } : {}),
    ...(details.batchId !== undefined ? { batchId: details.batchId } : {}),
  };
}
