import type { ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';

/** One retry policy for every provider. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking for a longer wait than this is not waited for. */
  maxServerWaitMs: number;
  /** All retry waits of one run together stay within this. */
  runBudgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 2,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxServerWaitMs: 60_000,
  runBudgetMs: 30_000,
};

/** Whether to try again, and after how long; or why not. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string | null };

/**
 * Decides about the next attempt after `attempt` (1-based) failed with `error`. Backoff doubles from
 * the base delay up to the cap, with jitter (75–100 % of the step); a server's retry-after replaces it.
 */
export function decideRetry(
  error: ProviderError,
  attempt: number,
  policy: RetryPolicy,
  budgetLeftMs: number,
  random: () => number = Math.random,
): RetryDecision {
  if (!error.retryable) return { retry: false, reason: null };
  if (attempt > policy.retries) return { retry: false, reason: null };
  if (error.retryAfterMs !== null && error.retryAfterMs > policy.maxServerWaitMs) {
    return { retry: false, reason: t('errors.run.serverWaitTooLong', { seconds: Math.ceil(error.retryAfterMs / 1000) }) };
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delayMs = error.retryAfterMs ?? Math.round(step * (0.75 + 0.25 * random()));
  if (delayMs > budgetLeftMs) {
    return { retry: false, reason: t('errors.run.budgetUsedUp', { seconds: Math.round(policy.runBudgetMs / 1000) }) };
  }
  return { retry: true, delayMs };
}
