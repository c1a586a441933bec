import type { CommandIO } from '../../cli/command-io.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';

/** Opens the history for a read command; a history that cannot be used is a UsageError (exit 2). */
export async function openHistory(io: CommandIO): Promise<HistoryStore> {
  const { openHistoryStore, HistoryUnavailableError } = await import('../../store/history-store.js');
  try {
    return await openHistoryStore(resolveHomeDirectory(io.env));
  } catch (error) {
    // a damaged or locked database, or a home that cannot be created: one line with the fix
    if (error instanceof HistoryUnavailableError) throw new UsageError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(t('history.store.directoryUnusable', { path: resolveHomeDirectory(io.env), code }));
    throw error;
  }
}

/** Parses a run id and loads that run, or fails saying how to find one. */
export function loadRun(store: HistoryStore, runIdText: string): StoredRun {
  const runId = Number(runIdText.replace(/^#/, ''));
  const run = Number.isSafeInteger(runId) && runId > 0 ? store.getRun(runId) : null;
  if (!run) throw new UsageError(t('history.store.noSuchRun', { run: runIdText, path: store.path }));
  return run;
}

/** Opens the history, loads one run (see loadRun) and closes the history again. */
export async function readStoredRun(io: CommandIO, runIdText: string): Promise<StoredRun> {
  const store = await openHistory(io);
  try {
    return loadRun(store, runIdText);
  } finally {
    store.close();
  }
}
