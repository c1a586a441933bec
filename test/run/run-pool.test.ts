import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/run/run-pool.js';

/** A task that finishes when the test says so, and a log of what ran when. */
function controlledTasks() {
  const log: string[] = [];
  const release = new Map<string, () => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  const perKey = new Map<string, number>();
  const maxPerKey = new Map<string, number>();
  const run = (item: { id: string; key?: string }) =>
    new Promise<string>((resolve) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const key = item.key ?? '';
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      maxPerKey.set(key, Math.max(maxPerKey.get(key) ?? 0, perKey.get(key) ?? 0));
      log.push(`start ${item.id}`);
      release.set(item.id, () => {
        inFlight -= 1;
        perKey.set(key, (perKey.get(key) ?? 1) - 1);
        log.push(`end ${item.id}`);
        resolve(`result ${item.id}`);
      });
    });
  return {
    log,
    run,
    started: () => [...release.keys()],
    finish: async (id: string) => {
      const done = release.get(id);
      if (!done) throw new Error(`${id} has not started`);
      release.delete(id);
      done();
      await flush();
    },
    maxInFlight: () => maxInFlight,
    maxPerKey,
  };
}

/** Lets resolved promises run their callbacks. */
const flush = () => new Promise((resolve) => setImmediate(resolve));
const items = (...ids: string[]) => ids.map((id) => ({ id, key: id.split('-')[0] ?? id }));

describe('runPool', () => {
  it('never runs more than the concurrency at once, and starts the next as soon as one ends', async () => {
    const tasks = controlledTasks();
    const pool = runPool(items('a', 'b', 'c', 'd', 'e'), { concurrency: 2, run: tasks.run });
    await flush();
    expect(tasks.started()).toEqual(['a', 'b']);
    await tasks.finish('b');
    expect(tasks.started()).toEqual(['a', 'c']);
    await tasks.finish('a');
    await tasks.finish('c');
    expect(tasks.started()).toEqual(['d', 'e']);
    await tasks.finish('e');
    await tasks.finish('d');
    expect(await pool).toEqual(['result a', 'result b', 'result c', 'result d', 'result e']);
    expect(tasks.maxInFlight()).toBe(2);
  });

  it('returns results in item order whatever order they finish in', async () => {
    const delays = [30, 5, 20, 1, 10];
    const results = await runPool(delays, {
      concurrency: 5,
      run: (delay, index) => new Promise((resolve) => setTimeout(() => resolve(`${index}:${delay}`), delay)),
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
  });

  it('with concurrency 1, runs strictly one after another', async () => {
    const tasks = controlledTasks();
    const pool = runPool(items('a', 'b', 'c'), { concurrency: 1, run: tasks.run });
    for (const id of ['a', 'b', 'c']) {
      await flush();
      expect(tasks.started()).toEqual([id]);
      await tasks.finish(id);
    }
    await pool;
    expect(tasks.log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(tasks.maxInFlight()).toBe(1);
  });

  it('treats a concurrency below 1 as 1', async () => {
    const tasks = controlledTasks();
    const pool = runPool(items('a', 'b'), { concurrency: 0, run: tasks.run });
    await flush();
    expect(tasks.started()).toEqual(['a']);
    await tasks.finish('a');
    await tasks.finish('b');
    expect(await pool).toEqual(['result a', 'result b']);
  });

  it('keeps a key to its limit while items of other keys go ahead', async () => {
    const tasks = controlledTasks();
    const limits: Record<string, number> = { slow: 1, fast: 3 };
    const pool = runPool(items('slow-1', 'slow-2', 'slow-3', 'fast-1', 'fast-2'), {
      concurrency: 4,
      limitKey: (item) => item.key ?? '',
      limitOf: (item) => limits[item.key ?? ''] ?? Number.POSITIVE_INFINITY,
      run: tasks.run,
    });
    await flush();
    // slow-2 and slow-3 wait for slow-1; the fast ones do not wait behind them.
    expect(tasks.started()).toEqual(['slow-1', 'fast-1', 'fast-2']);
    await tasks.finish('fast-1');
    expect(tasks.started()).toEqual(['slow-1', 'fast-2']);
    await tasks.finish('slow-1');
    expect(tasks.started()).toEqual(['fast-2', 'slow-2']);
    await tasks.finish('slow-2');
    await tasks.finish('fast-2');
    await tasks.finish('slow-3');
    expect(await pool).toHaveLength(5);
    expect(tasks.maxPerKey.get('slow')).toBe(1);
  });

  it('once aborted, starts nothing new; running items finish and unstarted slots stay empty', async () => {
    const tasks = controlledTasks();
    const controller = new AbortController();
    const pool = runPool(items('a', 'b', 'c', 'd'), { concurrency: 2, signal: controller.signal, run: tasks.run });
    await flush();
    controller.abort();
    await tasks.finish('a');
    expect(tasks.started()).toEqual(['b']);
    await tasks.finish('b');
    expect(await pool).toEqual(['result a', 'result b', undefined, undefined]);
    expect(tasks.log).not.toContain('start c');
  });

  it('with an already aborted signal, starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const results = await runPool([1, 2], { concurrency: 2, signal: controller.signal, run: async () => ++calls });
    expect(calls).toBe(0);
    expect(results).toEqual([undefined, undefined]);
  });

  it('resolves at once for no items', async () => {
    expect(await runPool([], { concurrency: 3, run: async () => 1 })).toEqual([]);
  });

  it('rejects when an item rejects, and starts nothing more', async () => {
    const started: number[] = [];
    const pool = runPool([1, 2, 3, 4], {
      concurrency: 2,
      run: async (item) => {
        started.push(item);
        await flush();
        if (item === 1) throw new Error('save failed');
        return item;
      },
    });
    await expect(pool).rejects.toThrowError('save failed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual([1, 2]);
  });
});
