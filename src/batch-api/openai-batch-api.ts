import OpenAI, { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { AdapterConfig } from '../providers/adapter-config.js';
import { createNodeHttpFetch } from '../providers/node-http-fetch.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import { defaultReplyLimits } from '../providers/reply-limits.js';
import { createOpenAIClient } from '../providers/wire-formats/openai/openai-client.js';
import {
  BatchNotFinishedError,
  finishedBatchStates,
  type BatchApi,
  type BatchCell,
  type BatchState,
  type BatchStatus,
} from './batch-api.js';
import {
  timed,
  batchCall,
  batchSecrets,
  checkCells,
  defaultBatchTimeoutMs,
  batchHandle,
  redactedId,
  unreadable,
  type BatchApiOptions,
} from './batch-call.js';
import { batchRefused, cellNotRun, failed, type BatchWhere } from './batch-cell-errors.js';
import { createBatchFetch } from './batch-fetch.js';
import { startPausableTimer, type PausableTimer } from './pausable-timer.js';
import { defaultMaxBatchFileBytes } from './batch-limits.js';
import { readOpenAIBatchLine } from './read-openai-batch-line.js';
import { readResultFile } from './read-result-file.js';

const openAIStates: ReadonlySet<string> = new Set([
  'validating',
  'in_progress',
  'finalizing',
  'cancelling',
  'completed',
  'expired',
  'cancelled',
  'failed',
]);

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);
const maxErrorText = 300;

/** A batch object as our status: OpenAI's states as they are, counts as reported, batch errors redacted and bounded. */
function statusOf(batch: Batch, secrets: readonly string[]): BatchStatus {
  const state = batch.status as BatchState;
  const total = count(batch.request_counts?.total);
  const succeeded = count(batch.request_counts?.completed);
  const failedCount = count(batch.request_counts?.failed);
  const finished = finishedBatchStates.has(state);
  const errors = (Array.isArray(batch.errors?.data) ? batch.errors.data : []).slice(0, 20).map((error) => {
    const text = [error.code, error.message].filter((part) => typeof part === 'string' && part !== '').join(': ');
    return redactSecrets(text.length > maxErrorText ? `${text.slice(0, maxErrorText)}…` : text, secrets);
  });
  return {
    batchId: redactedId(batch.id, secrets),
    state,
    finished,
    counts: {
      total,
      succeeded,
      failed: failedCount,
      processing: finished ? 0 : Math.max(0, total - succeeded - failedCount),
      expired: null,
      cancelled: null,
    },
    errors,
  };
}

/** One JSONL line per cell: `{custom_id, method, url, body}`, the body as an ordinary Chat Completions call. */
function inputLine(cell: BatchCell, endpoint: string, config: AdapterConfig, options: BatchApiOptions): string {
  const messages = [...(cell.system ? [{ role: 'system', content: cell.system }] : []), { role: 'user', content: cell.prompt }];
  const body = {
    model: cell.modelId,
    messages,
    ...(cell.maxTokens !== null ? { [config.maxTokensParam ?? 'max_completion_tokens']: cell.maxTokens } : {}),
    ...(cell.temperature !== null && !options.omitTemperature ? { temperature: cell.temperature } : {}),
  };
  return JSON.stringify({ custom_id: cell.customId, method: 'POST', url: endpoint, body });
}

/**
 * The OpenAI-format batch API (OpenAI, Qwen, GLM, Kimi, Gemini, SiliconFlow): upload the cells as a
 * JSONL file (`files.create`, purpose `batch`), `batches.create`, poll `batches.retrieve`, stream the
 * output and error files (`files.content`), `batches.cancel` — all through the official SDK.
 */
export function createOpenAIBatchApi(config: AdapterConfig, options: BatchApiOptions = {}): BatchApi {
  const endpoint = options.endpoint ?? '/v1/chat/completions';
  const timeoutMs = options.timeoutMs ?? defaultBatchTimeoutMs;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxBatchFileBytes;
  const maxLineBytes = config.maxReplyBytes ?? defaultReplyLimits.maxReplyBytes;
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;
  const readRetries = options.readRetries ?? 2;
  const secrets = batchSecrets(config, options);
  const inner = config.fetch ?? createNodeHttpFetch({ env: config.env, maxReplyBytes: maxFileBytes });
  const client = createOpenAIClient({ ...config, fetch: createBatchFetch(config.baseURL, inner) }, timeoutMs);
  const call = <T>(model: string, timer: PausableTimer, run: (signal: AbortSignal) => Promise<T>, lookup?: string) =>
    batchCall(config, OpenAI, { model, timeoutMs, secrets, maxFileBytes, timer, lookup }, run);
  const retrieve = async (batchId: string, timer: PausableTimer) => {
    const batch = await call(
      config.modelId,
      timer,
      (signal) => client.batches.retrieve(batchId, { signal, maxRetries: readRetries }),
      batchId,
    );
    if (typeof batch?.id !== 'string' || !openAIStates.has(batch.status)) throw unreadable(config, config.modelId, 'batch');
    return batch;
  };

  /** The outcomes in one result file, streamed line by line (each line restarts the idle wait); the ids seen are added to `seen`. */
  async function* fileOutcomes(fileId: string, where: BatchWhere, seen: Set<string>, timer: PausableTimer) {
    const response = await call(where.model, timer, (signal) => client.files.content(fileId, { signal, maxRetries: readRetries }), fileId);
    if (!response.body) return;
    yield* readResultFile(response.body as unknown as AsyncIterable<Uint8Array>, {
      where,
      maxLineBytes,
      readLine: (parsed) => readOpenAIBatchLine(parsed, where, maxChars),
      guard: (read) => call(where.model, timer, read),
      seen,
    });
  }

  return {
    provider: config.provider,
    format: 'openai',

    submit: (cells, { signal } = {}) =>
      timed(timeoutMs, signal, async (timer) => {
        const modelId = checkCells(config.provider, cells, options.maxRequests ?? null);
        const jsonl = cells.map((cell) => inputLine(cell, endpoint, config, options)).join('\n') + '\n';
        const file = await call(modelId, timer, async (signal) =>
          client.files.create(
            {
              file: await toFile(Buffer.from(jsonl, 'utf8'), 'wechat-writer-batch.jsonl', { type: 'application/jsonl' }),
              purpose: 'batch',
            },
            { signal },
          ),
        );
        if (typeof file?.id !== 'string') throw unreadable(config, modelId, 'file');
        const create = (signal: AbortSignal) =>
          client.batches.create(
            { input_file_id: file.id, endpoint: endpoint as '/v1/chat/completions', completion_window: '24h' },
            { signal },
          );
        const batch = await call(modelId, timer, create).catch(async (error: unknown) => {
          // The uploaded file would stay at the provider: remove it (best effort; the failure is what is reported).
          await client.files.delete(file.id, { maxRetries: 0 }).catch(() => undefined);
          throw error;
        });
        if (typeof batch?.id !== 'string') throw unreadable(config, modelId, 'batch');
        return batchHandle({ config, format: 'openai', modelId, cells, clock: options.clock, secrets }, batch.id, file.id);
      }),

    status: (batchId, { signal } = {}) => timed(timeoutMs, signal, async (timer) => statusOf(await retrieve(batchId, timer), secrets)),

    async *results({ batchId, modelId, customIds }, { signal } = {}) {
      const timer = startPausableTimer(timeoutMs, signal);
      try {
        const batch = await retrieve(batchId, timer);
        const status = statusOf(batch, secrets);
        if (!status.finished) throw new BatchNotFinishedError(batchId, status.state);
        const where: BatchWhere = { provider: config.provider, model: modelId, batchId, apiKeyEnv: config.apiKeyEnv, secrets };
        const seen = new Set<string>();
        if (batch.status === 'failed') {
          const error = batchRefused(where, status.errors);
          for (const customId of customIds) yield failed(customId, 'errored', error);
          return;
        }
        for (const fileId of [batch.output_file_id, batch.error_file_id]) {
          if (fileId) yield* fileOutcomes(fileId, where, seen, timer);
        }
        // Cells the files do not mention: not run when the batch expired or was cancelled, else missing.
        const reason = batch.status === 'expired' ? 'expired' : batch.status === 'cancelled' ? 'cancelled' : 'missing';
        for (const customId of customIds) if (!seen.has(customId)) yield failed(customId, reason, cellNotRun(where, reason));
      } finally {
        timer.dispose();
      }
    },

    cancel: (batchId, { signal } = {}) =>
      timed(timeoutMs, signal, async (timer) =>
        statusOf(
          await call(config.modelId, timer, (signal) => client.batches.cancel(batchId, { signal, maxRetries: readRetries }), batchId),
          secrets,
        ),
      ),
  };
}
