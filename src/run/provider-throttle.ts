/**
 * Calls at once to one provider when its config sets no `maxConcurrency`: no cap of its own, so an
 * explicit `--concurrency 50` on one provider means 50 (a provider that answers RATE_LIMIT is slowed
 * by the throttle below all the same).
 */
export const defaultProviderConcurrency = Number.POSITIVE_INFINITY;

/**
 * Per-provider pacing for a batch: a provider that answers `RATE_LIMIT` is paused until its
 * `retry-after` passes and its concurrency halved; each success afterwards lets one more call in
 * again, up to its configured limit. Other providers are not affected.
 */
export interface ProviderThrottle {
  /** Calls allowed at once to this provider now. */
  limit(provider: string): number;
  /** Milliseconds until this provider may be called again; 0 when it may now. */
  pausedForMs(provider: string): number;
  rateLimited(provider: string, inFlight: number, retryAfterMs: number | null): void;
  succeeded(provider: string): void;
}

/** A throttle over the configured limits, with an injected clock. */
export function createProviderThrottle(configured: (provider: string) => number, now: () => number): ProviderThrottle {
  const adaptive = new Map<string, number>();
  const pausedUntil = new Map<string, number>();
  return {
    limit: (provider) => Math.min(configured(provider), adaptive.get(provider) ?? Number.POSITIVE_INFINITY),
    pausedForMs: (provider) => Math.max(0, (pausedUntil.get(provider) ?? 0) - now()),
    rateLimited: (provider, inFlight, retryAfterMs) => {
      const current = Math.min(configured(provider), adaptive.get(provider) ?? inFlight);
      adaptive.set(provider, Math.max(1, Math.floor(Math.min(current, inFlight) / 2)));
      const until = now() + (retryAfterMs ?? 1000);
      pausedUntil.set(provider, Math.max(pausedUntil.get(provider) ?? 0, until));
    },
    succeeded: (provider) => {
      const current = adaptive.get(provider);
      if (current === undefined) return;
      if (current + 1 >= configured(provider)) adaptive.delete(provider);
      else adaptive.set(provider, current + 1);
    },
  };
}
