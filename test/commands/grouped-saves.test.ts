import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { groupedSaves } from '../../src/commands/compare/save-output.js';
import { okResult } from '../support/model-result-fixture.js';

describe('groupedSaves', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the results that finish within a few milliseconds together, each caller getting its own back', async () => {
    const groups: string[][] = [];
    const save = groupedSaves(async (results) => {
      groups.push(results.map((result) => result.model));
      return results.map((result) => ({ ...result, outputFile: `/out/${result.model}.md` }));
    }, 5);
    const first = save(okResult('mock:a', 'a'));
    const second = save(okResult('mock:b', 'b'));
    await vi.advanceTimersByTimeAsync(5);
    const third = save(okResult('mock:c', 'c'));
    await vi.advanceTimersByTimeAsync(5);
    expect(groups).toEqual([['mock:a', 'mock:b'], ['mock:c']]);
    expect((await first).outputFile).toBe('/out/mock:a.md');
    expect((await second).outputFile).toBe('/out/mock:b.md');
    expect((await third).outputFile).toBe('/out/mock:c.md');
  });

  it('a full group is saved at once, and a failing save fails only its own group', async () => {
    let calls = 0;
    const save = groupedSaves(
      async (results) => {
        calls += 1;
        if (calls === 2) throw new Error('disk full');
        return [...results];
      },
      5,
      2,
    );
    const full = Promise.all([save(okResult('mock:a', 'a')), save(okResult('mock:b', 'b'))]);
    expect(calls).toBe(1);
    await expect(full).resolves.toHaveLength(2);
    const failing = save(okResult('mock:c', 'c'));
    const caught = failing.catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(5);
    expect(await caught).toBe('disk full');
  });

  it('flush() saves the waiting group at once (the run has drained), and does nothing with none waiting', async () => {
    const groups: string[][] = [];
    const save = groupedSaves(async (results) => {
      groups.push(results.map((result) => result.model));
      return [...results];
    }, 1000);
    save.flush();
    const pending = Promise.all([save(okResult('mock:a', 'a')), save(okResult('mock:b', 'b'))]);
    save.flush();
    await expect(pending).resolves.toHaveLength(2);
    expect(groups).toEqual([['mock:a', 'mock:b']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(groups).toHaveLength(1);
  });
});
