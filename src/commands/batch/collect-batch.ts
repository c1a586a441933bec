import type { BatchApi } from '../../batch-api/batch-api.js';
import type { ModelResult } from '../../run/model-result.js';
import type { StoredBatch } from '../../store/batch-store.js';
import type { HistoryStore } from '../../store/history-store.js';
import { cellAt, positionOfCellId, type StoredMatrix } from './batch-cells.js';
import { batchCellResult } from './batch-result.js';

/** Where collected cells go: the run's history and files. */
export interface CollectTarget {
  store: HistoryStore;
  matrix: StoredMatrix;
  /** Records the result at its position (replacing what is there), then writes its file. */
  save(result: ModelResult): ModelResult;
  /** The run's results as stored, by position: a cell this batch already answered is not recorded again. */
  stored: ReadonlyMap<number, ModelResult>;
  signal?: AbortSignal;
  currentDate(): Date;
}

/**
 * Downloads one ended batch's results (streamed) and records each cell at its matrix position:
 * successes with their file, failures (errored, expired, cancelled, missing) as error results with
 * their typed error. The batch is marked collected only once every cell is recorded, so a collect
 * stopped midway is finished by the next one without recording a cell twice.
 */
export async function collectBatch(
  batch: StoredBatch,
  api: BatchApi,
  target: CollectTarget,
): Promise<{ recorded: number; failed: ModelResult[] }> {
  let recorded = 0;
  // only the failures are kept (to be listed): the drafts are in the history and their files
  const failed: ModelResult[] = [];
  for await (const outcome of api.results(batch.handle, { signal: target.signal })) {
    const position = positionOfCellId(outcome.customId);
    const cell = position === null ? null : cellAt(target.matrix, position);
    if (position === null || !cell) continue; // not a cell this run sent
    const before = target.stored.get(position);
    if (before?.status === 'ok' && before.batchId === batch.handle.batchId) continue;
    const result = batchCellResult(
      { model: cell.model, provider: batch.provider, promptId: cell.prompt.id },
      outcome,
      batch.details,
      batch.handle.batchId,
    );
    target.save(result);
    recorded += 1;
    if (result.status === 'error') failed.push(result);
  }
  target.store.batches.setCollected(batch.id, target.currentDate().toISOString());
  return { recorded, failed };
}
