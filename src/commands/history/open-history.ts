import type { CommandIO } from '../../cli/command-io.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { UsageError } from '../../errors/usage-error.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';

/** Opens the history for a read command. */
export async function openHistory(io: CommandIO): Promise<HistoryStore> {
  const { openHistoryStore } = await import('../../store/history-store.js');
  return openHistoryStore(resolveHomeDirectory(io.env));
}

/** Parses a run id and loads that run, or fails saying how to find one. */
export function loadRun(store: HistoryStore, runIdText: string): StoredRun {
  const runId = Number(runIdText.replace(/^#/, ''));
  const run = Number.isSafeInteger(runId) && runId > 0 ? store.getRun(runId) : null;
  if (!run) throw new UsageError(`no run "${runIdText}" in the history at ${store.path}: list runs with wechat-writer history`);
  return run;
}
