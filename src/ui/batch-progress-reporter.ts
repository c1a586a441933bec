import { t } from '../i18n/translate.js';
import type { ModelResult } from '../run/model-result.js';
import { formatDuration } from '../format/format-metrics.js';
import type { TextOutput } from '../io/text-output.js';
import { createLineProgressReporter, type ProgressReporter } from './progress-reporter.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** Counts of a batch in flight. */
export interface BatchCounts {
  done: number;
  total: number;
  failed: number;
  running: number;
  /** Most calls seen running at once: how many the rest will share. */
  parallel: number;
  /** Sum of the finished calls' latencies. */
  latencyMs: number;
}

/**
 * Time left: the calls left, in waves as wide as the batch has been running, each as long as the
 * mean call so far (a throughput estimate would be far off during the first wave).
 */
export function estimateRemainingMs(counts: BatchCounts): number | null {
  if (counts.done === 0) return null;
  const left = counts.total - counts.done;
  const waves = Math.ceil(left / Math.max(1, Math.min(counts.parallel, left)));
  return waves * (counts.latencyMs / counts.done);
}

/** `120/200 done, 2 failed, 40 running, 1.2 s elapsed, ETA 0.8 s` */
export function describeBatchProgress(counts: BatchCounts, elapsedMs: number): string {
  const remaining = estimateRemainingMs(counts);
  const eta = remaining === null ? '…' : formatDuration(remaining);
  const failed = counts.failed > 0 ? t('display.batch.failed', { count: counts.failed }) : '';
  return t('display.batch.progress', {
    done: counts.done,
    total: counts.total,
    failed,
    running: counts.running,
    elapsed: formatDuration(elapsedMs),
    eta,
  });
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
  const counts: BatchCounts = { done: 0, total: options.total, failed: 0, running: 0, parallel: 0, latencyMs: 0 };
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
      counts.parallel = Math.max(counts.parallel, counts.running);
      if (options.terminal) draw(false);
    },
    delta: () => {},
    retrying: (model, info) => above(() => lines.retrying(model, info)),
    warning: (model, message) => above(() => lines.warning(model, message)),
    fallingBack: (model, fallback, error) => above(() => lines.fallingBack(model, fallback, error)),
    ended: () => {
      counts.running -= 1;
    },
    finished: (result: ModelResult) => {
      counts.done += 1;
      counts.latencyMs += result.latencyMs;
      if (result.status !== 'ok') {
        counts.failed += 1;
        above(() =>
          output.write(
            `✗ ${terminalSafe(result.promptId ?? '')} × ${result.model}: ${terminalSafe(result.error?.message ?? t('display.failed'))}\n`,
          ),
        );
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
