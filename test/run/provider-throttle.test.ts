import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProviderThrottle } from '../../src/run/provider-throttle.js';
import { runPool } from '../../src/run/run-pool.js';

describe('createProviderThrottle', () => {
  it('pauses a rate-limited provider for its retry-after, halves its concurrency, then lets it recover', () => {
    let now = 0;
    const throttle = createProviderThrottle(
      (provider) => (provider === 'a' ? 8 : 4),
      () => now,
    );
    expect(throttle.limit('a')).toBe(8);
    throttle.rateLimited('a', 8, 500);
    expect(throttle.limit('a')).toBe(4);
    expect(throttle.pausedForMs('a')).toBe(500);
    expect(throttle.pausedForMs('b')).toBe(0);
    expect(throttle.limit('b')).toBe(4);
    now = 600;
    expect(throttle.pausedForMs('a')).toBe(0);
    for (let index = 0; index < 4; index += 1) throttle.succeeded('a');
    expect(throttle.limit('a')).toBe(8);
  });

  it('never goes below one call at once, and defaults to a one-second pause without retry-after', () => {
    const throttle = createProviderThrottle(
      () => 8,
      () => 0,
    );
    throttle.rateLimited('a', 1, null);
    throttle.rateLimited('a', 1, null);
    expect(throttle.limit('a')).toBe(1);
    expect(throttle.pausedForMs('a')).toBe(1000);
  });
});

describe('runPool with a paused group', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a paused group back while the others go on, then resumes it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const started: string[] = [];
    let pausedUntil = Date.now() + 80;
    const items = ['a1', 'b1', 'a2', 'b2'];
    const pool = runPool(items, {
      concurrency: 4,
      limitKey: (item) => item[0] as string,
      pausedForMs: (item) => (item.startsWith('a') ? Math.max(0, pausedUntil - Date.now()) : 0),
      run: async (item) => {
        started.push(item);
        return item.toUpperCase();
      },
    });
    // the clock stands still: the paused group waits however long that takes on this machine
    await vi.advanceTimersByTimeAsync(79);
    expect(started).toEqual(['b1', 'b2']);
    await vi.advanceTimersByTimeAsync(1);
    const results = await pool;
    expect(results).toEqual(['A1', 'B1', 'A2', 'B2']);
    expect(started.slice(0, 2)).toEqual(['b1', 'b2']);
    pausedUntil = 0;
  });
});
