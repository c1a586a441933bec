/** How a pool runs its items. */
export interface PoolOptions<Item, Result> {
  /** At most this many items at once (1 = one after another). */
  concurrency: number;
  /** Items with the same key share a limit (e.g. the provider)... */
  limitKey?(item: Item): string;
  /** ...of at most this many at once (read again each time an item could start, so it may change). */
  limitOf?(item: Item): number;
  /** Milliseconds before items of this group may start again (a paused provider); 0 when they may. */
  pausedForMs?(item: Item): number;
  /** Once aborted, no new item starts; running ones finish on their own. */
  signal?: AbortSignal;
  run(item: Item, index: number): Promise<Result>;
}

/**
 * Runs items with bounded concurrency, starting them in order (an item whose group is at its limit
 * waits without holding up the others). Results are in item order; an item never started (after an
 * abort) leaves its slot undefined.
 */
export function runPool<Item, Result>(items: readonly Item[], options: PoolOptions<Item, Result>): Promise<(Result | undefined)[]> {
  const results: (Result | undefined)[] = new Array(items.length).fill(undefined);
  const waiting = items.map((_, index) => index);
  const running = new Map<string, number>();
  const keyOf = (index: number) => options.limitKey?.(items[index] as Item) ?? '';
  const limitOf = (index: number) => options.limitOf?.(items[index] as Item) ?? Number.POSITIVE_INFINITY;
  const pausedFor = (index: number) => options.pausedForMs?.(items[index] as Item) ?? 0;
  let active = 0;
  let wakeUp: NodeJS.Timeout | undefined;
  return new Promise((resolve, reject) => {
    const startMore = () => {
      if (options.signal?.aborted) waiting.length = 0;
      while (active < Math.max(1, options.concurrency)) {
        const position = waiting.findIndex((index) => (running.get(keyOf(index)) ?? 0) < limitOf(index) && pausedFor(index) === 0);
        if (position === -1) {
          const pauses = waiting.map(pausedFor).filter((milliseconds) => milliseconds > 0);
          if (pauses.length > 0 && wakeUp === undefined) {
            wakeUp = setTimeout(
              () => {
                wakeUp = undefined;
                startMore();
              },
              Math.min(...pauses),
            );
          }
          break;
        }
        const [index] = waiting.splice(position, 1) as [number];
        const key = keyOf(index);
        running.set(key, (running.get(key) ?? 0) + 1);
        active += 1;
        options.run(items[index] as Item, index).then(
          (result) => {
            results[index] = result;
            active -= 1;
            running.set(key, (running.get(key) ?? 1) - 1);
            startMore();
          },
          (error: unknown) => {
            // The pool has failed: start nothing more (running items finish on their own).
            waiting.length = 0;
            reject(error);
          },
        );
      }
      if (active === 0 && (waiting.length === 0 || wakeUp === undefined)) {
        clearTimeout(wakeUp);
        resolve(results);
      }
    };
    options.signal?.addEventListener('abort', startMore, { once: true });
    startMore();
  });
}
