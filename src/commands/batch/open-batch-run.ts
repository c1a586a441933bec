import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { StoredBatch } from '../../store/batch-store.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';
import { loadRun } from '../history/open-history.js';

/** A `--batch-api` run and its batches, from the history. */
export interface BatchRun {
  run: StoredRun;
  batches: StoredBatch[];
}

/**
 * The run named (default: the newest run that sent batches) and its batches; a run not made with
 * `--batch-api` is a UsageError (one that sent none, every model going through ordinary calls, is not).
 */
export function loadBatchRun(store: HistoryStore, runIdText: string | undefined): BatchRun {
  const newest = runIdText === undefined ? store.batches.newestRun() : null;
  if (runIdText === undefined && newest === null) throw new UsageError(t('batchCli.noBatchRuns'));
  const run = loadRun(store, runIdText ?? String(newest));
  const batches = store.batches.ofRun(run.id);
  if (batches.length === 0 && run.options.batchApi !== true) throw new UsageError(t('batchCli.noBatchesInRun', { runId: run.id }));
  return { run, batches };
}
