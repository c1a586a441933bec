import { localProviderError, ProviderError } from '../errors/provider-error.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { AdapterConfig } from '../providers/adapter-config.js';
import { mapSdkError, type SdkErrorClasses } from '../providers/map-sdk-error.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import { ReplyTooLargeError } from '../providers/reply-limits.js';
import { redactProviderError, usableSecrets } from '../run/redact-reply.js';
import type { BatchCell, BatchCellOutcome, BatchFormat, BatchHandle } from './batch-api.js';
import { maxBatchFileBytesEnv, sizeText } from './batch-limits.js';
import { startPausableTimer, type PausableTimer } from './pausable-timer.js';

/** How a batch adapter behaves, beyond the provider's {@link AdapterConfig}. */
export interface BatchApiOptions {
  /** OpenAI format: the JSONL `url` and `batches.create` `endpoint` (see `batchSupportFor`). */
  endpoint?: string;
  /** Most cells one batch may hold (the provider's documented limit); null or absent: no limit checked here. */
  maxRequests?: number | null;
  /** Leave `temperature` out of every request (Kimi refuses it in batches). */
  omitTemperature?: boolean;
  /** Other secrets to redact from everything the server sends (the key always is). */
  secrets?: readonly string[];
  /** Longest silence of the server in each call (upload, create, status, cancel, and between lines of a download). Default 120 s. */
  timeoutMs?: number;
  /** Most bytes of one result file (default 256 MiB; `WECHAT_WRITER_MAX_BATCH_FILE_BYTES`). */
  maxFileBytes?: number;
  /** SDK retries of the calls that are safe to repeat (status, results, cancel). Default 2; submit is never retried. */
  readRetries?: number;
  /** The wall clock, for `submittedAt`. */
  clock?: () => Date;
}

export const defaultBatchTimeoutMs = 120_000;

/** Everything the server sends is redacted of these. */
export const batchSecrets = (config: AdapterConfig, options: BatchApiOptions): string[] =>
  usableSecrets([config.apiKey, ...(options.secrets ?? [])]);

/**
 * Runs `work` under a {@link PausableTimer}: each server call in it fails with TIMEOUT when the server
 * is silent for `timeoutMs` (a download that stalls midway too), or CANCELLED with `signal`.
 */
export async function timed<T>(timeoutMs: number, signal: AbortSignal | undefined, work: (timer: PausableTimer) => Promise<T>): Promise<T> {
  const timer = startPausableTimer(timeoutMs, signal);
  try {
    return await work(timer);
  } finally {
    timer.dispose();
  }
}

/** Whether `error` or one of its causes is a {@link ReplyTooLargeError}. */
const tooLarge = (error: unknown): boolean => {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    if (current instanceof ReplyTooLargeError) return true;
  }
  return false;
};

/**
 * Runs one SDK call (or one read of a body) of a batch adapter while its timer runs, and turns what
 * it throws into a typed, redacted ProviderError (a result file over the size limit says so, naming
 * its variable; a 404 on a lookup says the batch or file is unknown).
 */
export async function batchCall<T>(
  config: AdapterConfig,
  classes: SdkErrorClasses,
  where: { model: string; timeoutMs: number; secrets: readonly string[]; maxFileBytes: number; timer: PausableTimer; lookup?: string },
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  where.timer.resume();
  try {
    return await run(where.timer.signal);
  } catch (error) {
    if (error instanceof ProviderError) throw redactProviderError(error, where.secrets);
    // A 404 on a lookup means the batch or file is not there (another key or region, or deleted), not the model.
    if (where.lookup !== undefined && error instanceof classes.APIError && (error as { status?: number }).status === 404) {
      const message = redactSecrets(t('batchApi.unknownBatch', { id: where.lookup }), where.secrets);
      throw localProviderError(
        'BAD_REQUEST',
        message,
        { provider: config.provider, model: where.model },
        { status: 404, retryable: false },
      );
    }
    if (tooLarge(error)) {
      const message = t('batchApi.fileTooLarge', { size: sizeText(where.maxFileBytes), env: maxBatchFileBytesEnv });
      throw localProviderError('BAD_RESPONSE', message, { provider: config.provider, model: where.model }, { retryable: false }, error);
    }
    const mapped = mapSdkError(error, classes, {
      provider: config.provider,
      model: where.model,
      apiKeyEnv: config.apiKeyEnv,
      timeoutMs: where.timeoutMs,
      timedOut: where.timer.timedOut,
      cancelled: where.timer.cancelled,
      secrets: where.secrets,
    });
    throw redactProviderError(mapped, where.secrets);
  } finally {
    where.timer.pause();
  }
}

/** A batch object the server sent that lacks what it must have (an id, a status). */
export function unreadable(config: AdapterConfig, model: string, what: string): ProviderError {
  return localProviderError('BAD_RESPONSE', t('batchApi.unparsable', { what }), { provider: config.provider, model }, { retryable: false });
}

const customIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Refuses cells no provider would take (UsageError, nothing sent): none, several models, bad or repeated ids, too many. */
export function checkCells(provider: string, cells: readonly BatchCell[], maxRequests: number | null): string {
  if (cells.length === 0) throw new UsageError(t('batchApi.submit.empty'));
  const models = [...new Set(cells.map((cell) => cell.modelId))];
  if (models.length > 1) throw new UsageError(t('batchApi.submit.mixedModels', { models: models.join(', ') }));
  if (maxRequests !== null && cells.length > maxRequests)
    throw new UsageError(t('batchApi.submit.tooMany', { provider, max: maxRequests, count: cells.length }));
  const seen = new Set<string>();
  for (const cell of cells) {
    if (!customIdPattern.test(cell.customId)) throw new UsageError(t('batchApi.submit.badCustomId', { id: cell.customId.slice(0, 80) }));
    if (seen.has(cell.customId)) throw new UsageError(t('batchApi.submit.duplicateCustomId', { id: cell.customId }));
    seen.add(cell.customId);
  }
  return models[0]!;
}

const exact = (text: string, secrets: readonly string[]) => redactSecrets(text, secrets, { keyShapes: false });
const exactOrNull = (text: string | null, secrets: readonly string[]) => (text === null ? null : exact(text, secrets));

/** The outcome with every string from the server redacted: data of exact secrets, messages of key shapes too. */
export function redactOutcome(outcome: BatchCellOutcome, secrets: readonly string[]): BatchCellOutcome {
  if (!outcome.ok) return { ...outcome, error: redactProviderError(outcome.error, secrets) };
  if (secrets.length === 0) return outcome;
  const { result } = outcome;
  return {
    ...outcome,
    result: {
      ...result,
      text: exact(result.text, secrets),
      reasoning: exactOrNull(result.reasoning, secrets),
      responseModel: exactOrNull(result.responseModel, secrets),
      requestId: exactOrNull(result.requestId, secrets),
    },
  };
}

/** A server-sent id (batch, file) with exact secrets removed, as any data. */
export const redactedId = (id: string, secrets: readonly string[]): string => exact(id, secrets);

/** What `submit` returns once the provider accepted a batch: everything `results` needs later, ids redacted. */
export function batchHandle(
  submitted: {
    config: Pick<AdapterConfig, 'provider'>;
    format: BatchFormat;
    modelId: string;
    cells: readonly BatchCell[];
    clock: (() => Date) | undefined;
    secrets: readonly string[];
  },
  batchId: string,
  inputFileId: string | null,
): BatchHandle {
  const { config, format, modelId, cells, clock, secrets } = submitted;
  return {
    batchId: redactedId(batchId, secrets),
    provider: config.provider,
    format,
    modelId,
    submittedAt: (clock?.() ?? new Date()).toISOString(),
    inputFileId: inputFileId === null ? null : redactedId(inputFileId, secrets),
    customIds: cells.map((cell) => cell.customId),
  };
}
