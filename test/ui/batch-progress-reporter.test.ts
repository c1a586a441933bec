import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/providers/registry.js';
import { createBatchProgressReporter, describeBatchProgress, estimateRemainingMs } from '../../src/ui/batch-progress-reporter.js';
import { okResult } from '../support/model-result-fixture.js';

const counts = { done: 1, total: 200, failed: 0, running: 49, parallel: 50, latencyMs: 100 };

describe('estimateRemainingMs', () => {
  it('counts the waves left at the width the batch runs, each as long as the mean call', () => {
    expect(estimateRemainingMs(counts)).toBe(400);
    expect(estimateRemainingMs({ ...counts, done: 190, latencyMs: 190 * 120 })).toBe(120);
    expect(estimateRemainingMs({ ...counts, done: 0, latencyMs: 0 })).toBeNull();
  });

  it('is described with counts, failures and elapsed time', () => {
    expect(describeBatchProgress({ ...counts, failed: 2 }, 1500)).toBe('1/200 done, 2 failed, 49 running, 1.50 s elapsed, ETA 400 ms');
  });
});

describe('createBatchProgressReporter without a terminal', () => {
  it('writes whole lines only: one per failure, one every interval, and the last', () => {
    let now = 0;
    const written: string[] = [];
    const reporter = createBatchProgressReporter(
      { write: (text: string) => written.push(text) },
      { total: 3, now: () => now, terminal: false, intervalMs: 1000 },
    );
    const model = resolveModel('mock:alpha', {});
    for (let index = 0; index < 3; index += 1) reporter.started(model, index, 3);
    now = 100;
    reporter.ended?.(model);
    reporter.finished({ ...okResult('mock:alpha', 'x'), promptId: 'p1', latencyMs: 100 });
    now = 1200;
    reporter.ended?.(model);
    reporter.finished({
      ...okResult('mock:alpha', null),
      promptId: 'p2',
      status: 'error',
      error: { type: 'TIMEOUT', message: 'TIMEOUT: slow', retryable: true, status: null, requestId: null, retryAfterMs: null },
    });
    now = 1300;
    reporter.ended?.(model);
    reporter.finished({ ...okResult('mock:alpha', 'z'), promptId: 'p3' });
    reporter.stop();
    expect(written.every((text) => text.endsWith('\n'))).toBe(true);
    expect(written).toContain('✗ p2 × mock:alpha: TIMEOUT: slow\n');
    expect(written[0]).toMatch(/^1\/3 done, 2 running/);
    expect(written.at(-1)).toMatch(/^3\/3 done, 1 failed, 0 running/);
    expect(written.filter((text) => /done/.test(text))).toHaveLength(3);
  });
});
