import type { ProviderError } from '../errors/provider-error.js';
import type { HealthStore } from '../health/health-store.js';
import type { LimitKeeper } from '../limits/limit-keeper.js';
import type { LanguageModel } from '../providers/language-model.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from './model-result.js';

/** A retry about to happen, for the spinner or log line. */
export interface RetryInfo {
  /** The attempt about to be made, 1-based. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: ProviderError;
}

/** What the runner tells its subscribers (UI, files, history) as a run goes. */
export interface RunEvents {
  started?(model: ResolvedModel, index: number, total: number): void;
  delta?(model: ResolvedModel, text: string): void;
  retrying?(model: ResolvedModel, info: RetryInfo): void;
  warning?(model: ResolvedModel, message: string): void;
  /** `fallback` is this chain's own copy: the events of its calls that follow carry that same object. */
  fallingBack?(model: ResolvedModel, fallback: ResolvedModel, error: ProviderError): void;
  /** The call (with its retries and fallbacks) has returned; its `finished` event follows. */
  ended?(model: ResolvedModel): void;
  /**
   * Awaited before the next model starts, so a finished result is saved before anything else can
   * fail. May return the result amended (e.g. with its `outputFile`).
   */
  finished?(result: ModelResult, model: ResolvedModel): void | ModelResult | Promise<void | ModelResult>;
  /** Every call has returned and every `finished` event has fired: no more results come (a save waiting to group them can go). */
  drained?(): void;
}

/** What the runner needs from outside, injected. */
export interface RunDeps {
  createModel(model: ResolvedModel): Promise<LanguageModel>;
  events?: RunEvents;
  /** Monotonic clock in milliseconds. */
  now(): number;
  /** Waits between retries; rejects when the signal aborts. */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
  random?(): number;
  /**
   * Secrets to remove from everything a server returns, besides the keys and secrets of the models
   * called (which are always removed): e.g. those of every model of the run, as a proxy could echo any.
   */
  secrets?: readonly string[];
  /** Aborts the run (Ctrl-C): in-flight calls stop, no new model starts. */
  signal?: AbortSignal;
  /** Providers' health across runs: resting ones are skipped by fallback chains, each call's end is recorded. */
  health?: HealthStore;
  /** Limits kept before they bite (config `rateLimit`, `tokenLimit`): asked before each request, see callWithRetries. */
  limits?: LimitKeeper;
  /**
   * `--reuse`: the stored answer to an identical request (by `requestKey`), already marked reused
   * (`reusedFrom`, cost 0), or null; such a call is not made.
   */
  reuse?(requestKey: string): ModelResult | null;
  /**
   * `resume`: a cell (model, batch prompt id or null) the run already finished, as stored; such a cell
   * is not called and fires no event: its row and file exist already.
   */
  finishedCell?(model: ResolvedModel, promptId: string | null): ModelResult | null;
}
