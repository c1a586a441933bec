import type { ModelResult } from '../run/model-result.js';
import { firstRow, type SqliteDatabase } from './load-sqlite.js';
import { fromResultRow, type ResultRow } from './result-row.js';

/** A stored successful answer, and the run it first came from. */
export interface StoredAnswer {
  result: ModelResult;
  /** The run that paid for it (a reused row points on to the run it was reused from). */
  runId: number;
}

/** Answers recorded by request key (schema v10), for `--reuse`. */
export interface StoredAnswers {
  /** The newest result with this key that the model answered itself, recorded since `sinceIso` (any age when null). */
  find(requestKey: string, sinceIso: string | null): StoredAnswer | null;
}

/** Answer lookups over the history database: one seek of `results_by_request`. */
export function storedAnswersOver(database: SqliteDatabase): StoredAnswers {
  const newest = database.prepare(
    `SELECT * FROM results INDEXED BY results_by_request
      WHERE request_key = ? AND created_at >= ? AND status = 'ok' AND served_by = model AND text IS NOT NULL
      ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return {
    find: (requestKey, sinceIso) => {
      const row = firstRow<ResultRow & { id: number }>(newest, requestKey, sinceIso ?? '');
      if (!row) return null;
      const result = fromResultRow(row);
      return { result, runId: result.reusedFrom ?? row.run_id };
    },
  };
}
