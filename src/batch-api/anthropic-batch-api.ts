import Anthropic from '@anthropic-ai/sdk';
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches';
import { localProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import type { AdapterConfig } from '../providers/adapter-config.js';
import { createNodeHttpFetch } from '../providers/node-http-fetch.js';
import { defaultReplyLimits } from '../providers/reply-limits.js';
import { createAnthropicClient } from '../providers/wire-formats/anthropic/anthropic-client.js';
import { defaultAnthropicMaxTokens } from '../providers/wire-formats/anthropic/anthropic-messages-model.js';
import { BatchNotFinishedError, type BatchApi, type BatchCell, type BatchStatus } from './batch-api.js';
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
import { cellNotRun, failed, type BatchWhere } from './batch-cell-errors.js';
import { createBatchFetch } from './batch-fetch.js';
import { startPausableTimer, type PausableTimer } from './pausable-timer.js';
import { defaultMaxBatchFileBytes } from './batch-limits.js';
import { readAnthropicBatchLine } from './read-anthropic-batch-line.js';
import { readResultFile } from './read-result-file.js';

const states = { in_progress: 'in_progress', canceling: 'cancelling', ended: 'ended' } as const;

/** A message batch as our status; Anthropic counts every outcome, so nothing is unknown. */
function statusOf(batch: MessageBatch, secrets: readonly string[]): BatchStatus {
  const state = states[batch.processing_status];
  const counts = batch.request_counts;
  return {
    batchId: redactedId(batch.id, secrets),
    state,
    finished: state === 'ended',
    counts: {
      total: counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired,
      succeeded: counts.succeeded,
      failed: counts.errored,
      processing: counts.processing,
      expired: counts.expired,
      cancelled: counts.canceled,
    },
    errors: [],
  };
}

/** One request per cell: `{custom_id, params}`, the params as an ordinary Messages call (`cache_control` blocks with `cache`). */
const request = (cell: BatchCell, options: BatchApiOptions) => {
  const block = (text: string) => (cell.cache ? [{ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const } }] : text);
  return {
    custom_id: cell.customId,
    params: {
      model: cell.modelId,
      max_tokens: cell.maxTokens ?? defaultAnthropicMaxTokens,
      messages: [{ role: 'user' as const, content: block(cell.prompt) }],
      ...(cell.system ? { system: block(cell.system) } : {}),
      ...(cell.temperature !== null && !options.omitTemperature ? { temperature: cell.temperature } : {}),
    },
  };
};

/**
 * Anthropic's Message Batches through the official SDK: `messages.batches.create`, `retrieve`,
 * `results` (its JSONL stream, read here line by line within the limits) and `cancel`.
 */
export function createAnthropicBatchApi(config: AdapterConfig, options: BatchApiOptions = {}): BatchApi {
  const timeoutMs = options.timeoutMs ?? defaultBatchTimeoutMs;
  const maxFileBytes = options.maxFileBytes ?? defaultMaxBatchFileBytes;
  const maxLineBytes = config.maxReplyBytes ?? defaultReplyLimits.maxReplyBytes;
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;
  const readRetries = options.readRetries ?? 2;
  const secrets = batchSecrets(config, options);
  const inner = config.fetch ?? createNodeHttpFetch({ env: config.env, maxReplyBytes: maxFileBytes });
  const client = createAnthropicClient({ ...config, fetch: createBatchFetch(config.baseURL, inner) }, timeoutMs);
  const call = <T>(model: string, timer: PausableTimer, run: (signal: AbortSignal) => Promise<T>, lookup?: string) =>
    batchCall(config, Anthropic, { model, timeoutMs, secrets, maxFileBytes, timer, lookup }, run);
  const checked = (batch: MessageBatch, model: string) => {
    if (typeof batch?.id !== 'string' || !(batch.processing_status in states) || typeof batch.request_counts !== 'object') {
      throw unreadable(config, model, 'message_batch');
    }
    return batch;
  };
  const retrieve = async (batchId: string, timer: PausableTimer) =>
    checked(
      await call(
        config.modelId,
        timer,
        (signal) => client.messages.batches.retrieve(batchId, {}, { signal, maxRetries: readRetries }),
        batchId,
      ),
      config.modelId,
    );

  return {
    provider: config.provider,
    format: 'anthropic',

    submit: (cells, { signal } = {}) =>
      timed(timeoutMs, signal, async (timer) => {
        const modelId = checkCells(config.provider, cells, options.maxRequests ?? null);
        const requests = cells.map((cell) => request(cell, options));
        const batch = checked(await call(modelId, timer, (signal) => client.messages.batches.create({ requests }, { signal })), modelId);
        return batchHandle({ config, format: 'anthropic', modelId, cells, clock: options.clock, secrets }, batch.id, null);
      }),

    status: (batchId, { signal } = {}) => timed(timeoutMs, signal, async (timer) => statusOf(await retrieve(batchId, timer), secrets)),

    async *results({ batchId, modelId, customIds }, { signal } = {}) {
      const timer = startPausableTimer(timeoutMs, signal);
      try {
        const batch = await retrieve(batchId, timer);
        const status = statusOf(batch, secrets);
        if (!status.finished) throw new BatchNotFinishedError(batchId, status.state);
        const where: BatchWhere = { provider: config.provider, model: modelId, batchId, apiKeyEnv: config.apiKeyEnv, secrets };
        const resultsUrl = batch.results_url;
        if (!resultsUrl) {
          throw localProviderError('BAD_RESPONSE', t('batchApi.noResultsUrl', { batchId }), { provider: config.provider, model: modelId });
        }
        // As the SDK's `results()` does (a GET of `results_url` asking for the binary body), but from the batch just
        // read (no second retrieve) and as the raw body, read one bounded line at a time instead of through its
        // unbounded line decoder. The URL is the server's: batch-fetch sends it to the base URL's origin only.
        const response = await call(modelId, timer, (signal) =>
          client.get(resultsUrl, { signal, maxRetries: readRetries, headers: { Accept: 'application/binary' } }).asResponse(),
        );
        const seen = new Set<string>();
        if (response.body) {
          yield* readResultFile(response.body as unknown as AsyncIterable<Uint8Array>, {
            where,
            maxLineBytes,
            readLine: (parsed) => readAnthropicBatchLine(parsed, where, maxChars),
            guard: (read) => call(modelId, timer, read),
            seen,
          });
        }
        for (const customId of customIds) if (!seen.has(customId)) yield failed(customId, 'missing', cellNotRun(where, 'missing'));
      } finally {
        timer.dispose();
      }
    },

    cancel: (batchId, { signal } = {}) =>
      timed(timeoutMs, signal, async (timer) =>
        statusOf(
          checked(
            await call(
              config.modelId,
              timer,
              (signal) => client.messages.batches.cancel(batchId, {}, { signal, maxRetries: readRetries }),
              batchId,
            ),
            config.modelId,
          ),
          secrets,
        ),
      ),
  };
}
