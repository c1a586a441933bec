import type { BatchState, BatchStatus } from '../../batch-api/batch-api.js';
import { currentLanguage } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import type { StoredBatch } from '../../store/batch-store.js';

/** A state's label in the run's language. */
export const stateLabel = (state: BatchState): string => t(`batchApi.state.${state}`);

/**
 * One line for a set of batches: how many ended, the cells done of all (and failed), and the states
 * (e.g. `Batches: 1/3 ended · cells 27/60 done, 2 failed · in progress 2, completed 1`).
 */
export function describeBatches(batches: readonly StoredBatch[], latest: ReadonlyMap<number, BatchStatus>): string {
  let ended = 0;
  let total = 0;
  let done = 0;
  let failed = 0;
  const states = new Map<BatchState, number>();
  for (const batch of batches) {
    const status = latest.get(batch.id);
    const state = status?.state ?? batch.state;
    const counts = status?.counts ?? batch.counts;
    if (status?.finished ?? batch.collectedAt !== null) ended += 1;
    total += counts?.total ?? batch.handle.customIds.length;
    done += (counts?.succeeded ?? 0) + (counts?.failed ?? 0);
    failed += counts?.failed ?? 0;
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  const separator = currentLanguage() === 'zh-CN' ? '，' : ', ';
  const stateList = [...states].map(([state, count]) => `${stateLabel(state)} ${count}`).join(separator);
  return t('batchCli.progress', { ended, batches: batches.length, done, total, failed, states: stateList });
}
