import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, decideRetry } from '../../src/run/retry-policy.js';
import { providerFailure } from '../support/recording-model.js';

const budget = defaultRetryPolicy.runBudgetMs;
const policy = { ...defaultRetryPolicy, retries: 5 };

describe('decideRetry', () => {
  it('backs off from 1 s, doubling, capped at 8 s, with jitter', () => {
    const error = providerFailure('SERVER_ERROR');
    const delays = [1, 2, 3, 4, 5].map((attempt) => decideRetry(error, attempt, policy, budget, () => 1));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000].map((delayMs) => ({ retry: true, delayMs })));
    expect(decideRetry(error, 1, policy, budget, () => 0)).toEqual({ retry: true, delayMs: 750 });
  });

  it('uses the server-requested wait instead of the backoff', () => {
    expect(decideRetry(providerFailure('RATE_LIMIT', { retryAfterMs: 3500 }), 1, policy, budget)).toEqual({ retry: true, delayMs: 3500 });
  });

  it('does not wait over 60 s for a server, and says so', () => {
    const decision = decideRetry(providerFailure('RATE_LIMIT', { retryAfterMs: 120_000 }), 1, policy, budget);
    expect(decision).toEqual({ retry: false, reason: 'the server asked to wait 120 s; not waiting that long' });
  });

  it('stops when the attempts or the run budget are used up, or the failure is not retryable', () => {
    expect(decideRetry(providerFailure('SERVER_ERROR'), 3, defaultRetryPolicy, budget)).toEqual({ retry: false, reason: null });
    expect(decideRetry(providerFailure('SERVER_ERROR'), 1, policy, 500, () => 1)).toMatchObject({
      retry: false,
      reason: expect.stringContaining('retry budget'),
    });
    expect(decideRetry(providerFailure('AUTH'), 1, policy, budget)).toEqual({ retry: false, reason: null });
  });
});
