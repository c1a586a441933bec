import { t } from '../i18n/translate.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { GenerateResult } from '../providers/language-model.js';

/** The two batch wire formats: OpenAI's (JSONL file upload + `/batches`) and Anthropic's Message Batches. */
export type BatchFormat = 'openai' | 'anthropic';

/** One call of a matrix, sent through a provider's batch API. */
export interface BatchCell {
  /**
   * The caller's id of the cell, unique within a batch: results are matched by it, never by order.
   * 1–64 characters of `A-Z a-z 0-9 _ -` (the tighter of both formats' rules).
   */
  customId: string;
  /** Model id as the provider's API knows it; every cell of one batch has the same model. */
  modelId: string;
  system: string | null;
  prompt: string;
  maxTokens: number | null;
  temperature: number | null;
  /** Ask the provider to cache the system prompt and the prompt (Anthropic `cache_control`; OpenAI caches by itself). */
  cache?: boolean;
}

/**
 * What identifies a submitted batch. Store it (the history) at once: `status` and `collect` need only
 * `batchId` and the cell ids, so they work from another process or the next day.
 */
export interface BatchHandle {
  batchId: string;
  provider: string;
  format: BatchFormat;
  modelId: string;
  /** ISO 8601 time the batch was accepted. */
  submittedAt: string;
  /** The uploaded JSONL file (OpenAI format), or null. */
  inputFileId: string | null;
  /** The cells' ids, in the order submitted. */
  customIds: string[];
}

/**
 * Where a batch is. OpenAI's states as they are; Anthropic's `in_progress` / `canceling` / `ended`
 * map to `in_progress` / `cancelling` / `ended` (its per-cell outcome is in the counts and results).
 */
export type BatchState =
  'validating' | 'in_progress' | 'finalizing' | 'cancelling' | 'completed' | 'expired' | 'cancelled' | 'failed' | 'ended';

/** States after which nothing changes any more: results (if any) can be collected. */
export const finishedBatchStates: ReadonlySet<BatchState> = new Set(['completed', 'expired', 'cancelled', 'failed', 'ended']);

/** Cells by outcome. `null` where the format does not say (OpenAI reports no expired or cancelled counts). */
export interface BatchCounts {
  total: number;
  succeeded: number;
  failed: number;
  /** Not finished yet. */
  processing: number;
  expired: number | null;
  cancelled: number | null;
}

/** A batch's state as the provider reports it. */
export interface BatchStatus {
  batchId: string;
  state: BatchState;
  /** Whether the state is final ({@link finishedBatchStates}). */
  finished: boolean;
  counts: BatchCounts;
  /** Why the whole batch failed (OpenAI validation errors), redacted and bounded; usually empty. */
  errors: string[];
}

/**
 * A successful cell: what an ordinary call returns, without timings (a batch has none per cell), and
 * the batch that served it (`servedBy: 'batch-api'` in the results).
 */
export type BatchCellResult = Omit<GenerateResult, 'latencyMs' | 'ttftMs'> & { batchId: string };

/**
 * Why a cell has no result: the provider answered it with an error (`errored`), the batch expired or
 * was cancelled before it ran, or the results do not mention it (`missing`). Every reason can be
 * retried with an ordinary call; `error.type` says whether doing so is likely to help.
 */
export type BatchFailureReason = 'errored' | 'expired' | 'cancelled' | 'missing';

/** The outcome of one cell. */
export type BatchCellOutcome =
  | { customId: string; ok: true; result: BatchCellResult }
  | { customId: string; ok: false; reason: BatchFailureReason; error: ProviderError };

/** What `results` needs of a stored {@link BatchHandle}. */
export type BatchRef = Pick<BatchHandle, 'batchId' | 'modelId' | 'customIds'>;

/** What `submit` and the other calls may be given. */
export interface BatchCallOptions {
  signal?: AbortSignal;
}

/**
 * One provider's batch API, in either wire format. Every method throws a typed ProviderError (AUTH,
 * NETWORK, …) when the call itself fails; per-cell failures are outcomes, not throws. Everything the
 * server sends is redacted of the run's secrets and bounded in size like an ordinary reply.
 */
export interface BatchApi {
  readonly provider: string;
  readonly format: BatchFormat;
  /** Sends cells of ONE model as one batch. Never retried by itself: a retry could create a second, paid batch. */
  submit(cells: readonly BatchCell[], options?: BatchCallOptions): Promise<BatchHandle>;
  /** Asks where the batch is (safe to retry, and to call from another process). */
  status(batchId: string, options?: BatchCallOptions): Promise<BatchStatus>;
  /**
   * The outcome of every cell of a finished batch, as it is read (the result files are streamed, never
   * held whole); then one `missing` outcome (or `expired` / `cancelled`, as the batch ended) for each
   * of the batch's `customIds` the results did not mention. Throws {@link BatchNotFinishedError} when
   * the batch is still running.
   */
  results(batch: BatchRef, options?: BatchCallOptions): AsyncIterable<BatchCellOutcome>;
  /** Asks the provider to stop the batch; cells already done keep their results. */
  cancel(batchId: string, options?: BatchCallOptions): Promise<BatchStatus>;
}

/** `results` of a batch that has not finished: wait (poll `status`) and ask again. */
export class BatchNotFinishedError extends Error {
  constructor(
    readonly batchId: string,
    readonly state: BatchState,
  ) {
    super(t('batchApi.notFinished', { batchId, state: t(`batchApi.state.${state}`) }));
    this.name = 'BatchNotFinishedError';
  }
}

/** Every outcome of {@link BatchApi.results}, by custom id (for small batches and tests). */
export async function collectBatch(api: BatchApi, batch: BatchRef, options?: BatchCallOptions): Promise<Map<string, BatchCellOutcome>> {
  const outcomes = new Map<string, BatchCellOutcome>();
  for await (const outcome of api.results(batch, options)) outcomes.set(outcome.customId, outcome);
  return outcomes;
}
