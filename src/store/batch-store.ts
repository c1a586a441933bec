import type { BatchCounts, BatchHandle, BatchState } from '../batch-api/batch-api.js';
import type { ModelPrice } from '../providers/provider-preset.js';
import { firstRow, type SqliteDatabase } from './load-sqlite.js';

/** What is stored besides the handle: what collecting needs to price and place the cells. */
export interface BatchDetails {
  /** The model's ordinary per-1M-token prices when it was sent (null: unknown); a batch call costs half (computeBatchCost). */
  prices: ModelPrice | null;
  /** Its batch prices, when known (they win over half the ordinary ones). */
  batchPrices: ModelPrice | null;
}

/** A batch sent by a `--batch-api` run (schema v11). Never holds a key or a base URL. */
export interface StoredBatch {
  /** The row's id. */
  id: number;
  runId: number;
  provider: string;
  /** `provider:model`, as the run names it. */
  model: string;
  handle: BatchHandle;
  details: BatchDetails;
  submittedAt: string;
  /** The last state seen (`validating` right after submitting). */
  state: BatchState;
  counts: BatchCounts | null;
  checkedAt: string | null;
  /** When its results were recorded in `results`; null until then. */
  collectedAt: string | null;
}

/** The batches of `--batch-api` runs. */
export interface BatchStore {
  /** Stores a batch the provider just accepted; returns its row id. */
  add(runId: number, model: string, handle: BatchHandle, details: BatchDetails): number;
  /** The last state and counts seen, at `checkedAt`. */
  setState(id: number, state: BatchState, counts: BatchCounts | null, checkedAt: string): void;
  /** Its results are recorded. */
  setCollected(id: number, collectedAt: string): void;
  /** A run's batches, in the order they were sent. */
  ofRun(runId: number): StoredBatch[];
  /** The newest run that sent batches, or null. */
  newestRun(): number | null;
}

interface BatchRow {
  id: number;
  run_id: number;
  provider: string;
  model: string;
  handle: string;
  details: string;
  submitted_at: string;
  state: string;
  counts: string | null;
  checked_at: string | null;
  collected_at: string | null;
}

const fromRow = (row: BatchRow): StoredBatch => ({
  id: row.id,
  runId: row.run_id,
  provider: row.provider,
  model: row.model,
  handle: JSON.parse(row.handle) as BatchHandle,
  details: JSON.parse(row.details) as BatchDetails,
  submittedAt: row.submitted_at,
  state: row.state as BatchState,
  counts: row.counts === null ? null : (JSON.parse(row.counts) as BatchCounts),
  checkedAt: row.checked_at,
  collectedAt: row.collected_at,
});

/** The batch store over the history database. */
export function batchStoreOver(database: SqliteDatabase): BatchStore {
  const insert = database.prepare(
    `INSERT INTO batches (run_id, provider, model, batch_id, format, handle, details, submitted_at, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'validating')`,
  );
  const updateState = database.prepare('UPDATE batches SET state = ?, counts = ?, checked_at = ? WHERE id = ?');
  const updateCollected = database.prepare('UPDATE batches SET collected_at = ? WHERE id = ?');
  const ofRun = database.prepare('SELECT * FROM batches WHERE run_id = ? ORDER BY id');
  const newest = database.prepare('SELECT max(run_id) AS run_id FROM batches');
  return {
    add: (runId, model, handle, details) =>
      Number(
        insert.run(
          runId,
          handle.provider,
          model,
          handle.batchId,
          handle.format,
          JSON.stringify(handle),
          JSON.stringify(details),
          handle.submittedAt,
        ).lastInsertRowid,
      ),
    setState: (id, state, counts, checkedAt) => {
      updateState.run(state, counts === null ? null : JSON.stringify(counts), checkedAt, id);
    },
    setCollected: (id, collectedAt) => {
      updateCollected.run(collectedAt, id);
    },
    ofRun: (runId) => (ofRun.all(runId) as BatchRow[]).map(fromRow),
    newestRun: () => {
      const row = firstRow<{ run_id: number | null }>(newest);
      return row?.run_id ?? null;
    },
  };
}
