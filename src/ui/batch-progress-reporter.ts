import type { ModelResult } from '../run/model-result.js';
import { formatDuration } from '../report/format-metrics.js';
import { createLineProgressReporter, type ProgressReporter, type TextOutput } from './progress-reporter.js';

/** Counts of a batch in flight. */
export interface BatchCounts {
  done: number;
  total: number;
  failed: number;
  running: number;
}

/** `120/200 done, 2 failed, 40 running, 1.2 s elapsed, ETA 0.8 s` */
export function describeBatchProgress(counts: BatchCounts, elapsedMs: number): string {
  const rate = counts.done === 0 ? null : elapsedMs / counts.done;
  const eta = rate === null ? '…' : formatDuration(Math.max(0, (counts.total - counts.done) * rate));
  const failed = counts.failed > 0 ? `, ${counts.failed} failed` : '';
  return `${counts.done}/${counts.total} done${failed}, ${counts.running} running, ${formatDuration(elapsedMs)} elapsed, ETA ${eta}`;
}

/**
 * Progress for a long batch: one status line redrawn in place on a terminal (done / total, errors,
 * ETA); without one, a plain line at most every `intervalMs` and at the end, plus one per failure.
 */
export function createBatchProgressReporter(
  output: TextOutput,
  options: { total: number; now(): number; terminal: boolean; intervalMs?: number },
): ProgressReporter {
  const lines = createLineProgressReporter(output);
  const startedAt = options.now();
  const counts: BatchCounts = { done: 0, total: options.total, failed: 0, running: 0 };
  let lastLine = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const draw = (force: boolean) => {
    const elapsed = options.now() - startedAt;
    const text = describeBatchProgress(counts, elapsed);
    if (options.terminal) {
      output.write(`\r\u001b[2K${text}`);
      drawn = true;
    } else if (force || elapsed - lastLine >= (options.intervalMs ?? 2000)) {
      output.write(`${text}\n`);
      lastLine = elapsed;
    }
  };
  const above = (write: () => void) => {
    if (drawn) output.write('\r\u001b[2K');
    write();
    if (drawn) draw(true);
  };
  return {
    started: () => {
      counts.running += 1;
      if (options.terminal) draw(false);
    },
    delta: () => {},
    retrying: (model, info) => above(() => lines.retrying(model, info)),
    warning: (model, message) => above(() => lines.warning(model, message)),
    fallingBack: (model, fallback, error) => above(() => lines.fallingBack(model, fallback, error)),
    finished: (result: ModelResult) => {
      counts.running -= 1;
      counts.done += 1;
      if (result.status !== 'ok') {
        counts.failed += 1;
        above(() => output.write(`✗ ${result.promptId ?? ''} × ${result.model}: ${result.error?.message ?? 'failed'}\n`));
      }
      draw(counts.done === counts.total);
    },
    stop: () => {
      if (drawn) output.write('\n');
      drawn = false;
    },
    printedText: new Set(),
  };
}
