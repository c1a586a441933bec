import type { BatchStatus } from '../../batch-api/batch-api.js';
import { ProviderError } from '../../errors/provider-error.js';
import { t } from '../../i18n/translate.js';
import type { TextOutput } from '../../io/text-output.js';
import type { StoredBatch } from '../../store/batch-store.js';
import { describeBatches } from './describe-batches.js';

/** The first wait between polls, and the longest (the interval grows by half each poll). */
export const firstPollMs = 5_000;
export const longestPollMs = 60_000;

/** What waiting needs: where to ask, where to say, and the run's sleep and Ctrl-C. */
export interface WaitDeps {
  status(batch: StoredBatch): Promise<BatchStatus>;
  /** Each status seen (stored in the history by the caller). */
  seen(batch: StoredBatch, status: BatchStatus): void;
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
  stderr: TextOutput;
  /** Redraw one line in place (a terminal), else print a line whenever it changes. */
  terminal: boolean;
}

/**
 * Polls every batch not yet ended until all have (5 s between polls, growing to 60 s), with one
 * progress line: states and cell counts. A status call that fails retryably (network, 5xx) is tried
 * again at the next poll; any other failure is thrown. Returns false when Ctrl-C stopped the wait
 * (the batches keep running at the provider).
 */
export async function waitForBatches(batches: readonly StoredBatch[], latest: Map<number, BatchStatus>, deps: WaitDeps): Promise<boolean> {
  let interval = firstPollMs;
  let lastLine = '';
  let drawn = false;
  const say = (line: string) => {
    if (deps.terminal) {
      deps.stderr.write(`\r\u001b[2K${line}`);
      drawn = true;
    } else if (line !== lastLine) deps.stderr.write(`${line}\n`);
    lastLine = line;
  };
  const endLine = () => {
    if (drawn) deps.stderr.write('\n');
    drawn = false;
  };
  for (;;) {
    let unreachable: string | null = null;
    for (const batch of batches) {
      if (latest.get(batch.id)?.finished) continue;
      if (deps.signal?.aborted) break;
      try {
        const status = await deps.status(batch);
        latest.set(batch.id, status);
        deps.seen(batch, status);
      } catch (error) {
        if (deps.signal?.aborted) break;
        if (!(error instanceof ProviderError) || !error.retryable) {
          endLine();
          throw error;
        }
        unreachable = error.type;
      }
    }
    if (deps.signal?.aborted) {
      endLine();
      return false;
    }
    const progress = describeBatches(batches, latest);
    say(unreachable ? `${progress} ${t('batchCli.wait.unreachable', { type: unreachable })}` : progress);
    if (batches.every((batch) => latest.get(batch.id)?.finished)) {
      endLine();
      return true;
    }
    try {
      await deps.sleep(interval, deps.signal);
    } catch {
      endLine();
      return false;
    }
    if (deps.signal?.aborted) {
      endLine();
      return false;
    }
    interval = Math.min(longestPollMs, Math.round(interval * 1.5));
  }
}
