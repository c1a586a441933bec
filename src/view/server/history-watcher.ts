import { firstRow, firstValue, loadSqlite, type SqliteDatabase } from '../../store/load-sqlite.js';
import { summaryTopic, type RunKind } from '../../store/run-summary-fields.js';
import type { ResultEvent, RunEvent } from '../api/view-documents.js';

/** What another process wrote since the last look. */
export interface HistoryChanges {
  runs: RunEvent[];
  results: ResultEvent[];
}

/** Looks at the history through its own connection for runs and results written by anyone. */
export interface HistoryWatcher {
  /** Forgets what is there now: later polls tell only what comes after. */
  reset(): void;
  poll(): HistoryChanges;
  close(): void;
}

/** At most this many new results are told per poll (a batch saving thousands at once is told in steps). */
const resultsPerPoll = 500;

/** Opens a watcher on the history file (which must exist: the view opens the store first). */
export async function openHistoryWatcher(databasePath: string): Promise<HistoryWatcher> {
  const open = await loadSqlite();
  const database: SqliteDatabase = open(databasePath);
  database.exec('PRAGMA busy_timeout = 50');
  const dataVersion = database.prepare('PRAGMA data_version');
  const maxRun = database.prepare('SELECT coalesce(max(id), 0) FROM runs');
  const maxResult = database.prepare('SELECT coalesce(max(id), 0) FROM results');
  const newRuns = database.prepare('SELECT id FROM runs WHERE id > ? ORDER BY id');
  const newResults = database.prepare('SELECT id, run_id, position, model, status FROM results WHERE id > ? ORDER BY id LIMIT ?');
  let version = 0;
  let lastRun = 0;
  let lastResult = 0;
  const reset = () => {
    version = Number(firstValue(dataVersion));
    lastRun = Number(firstValue(maxRun));
    lastResult = Number(firstValue(maxResult));
  };
  reset();
  const runSummary = database.prepare(
    `SELECT r.id, r.kind, r.topic, substr(r.prompt, 1, 2000) AS prompt_start,
       (SELECT group_concat(json_extract(value, '$.id'), char(31)) FROM json_each(r.options, '$.prompts')) AS batch_ids,
       (SELECT count(*) FROM results WHERE run_id = r.id AND status = 'ok') AS ok,
       (SELECT count(*) FROM results WHERE run_id = r.id AND status = 'error') AS failed
     FROM runs r WHERE r.id = ?`,
  );
  const runEvents = (ids: ReadonlySet<number>): RunEvent[] =>
    [...ids]
      .sort((a, b) => a - b)
      .flatMap((id) => {
        const row = firstRow<Record<string, unknown>>(runSummary, id);
        if (!row) return [];
        const batchIds = (row.batch_ids as string | null) ?? null;
        return [
          {
            runId: id,
            kind: row.kind === 'compare' && batchIds ? 'batch' : (row.kind as RunKind),
            topic: summaryTopic(row.topic as string | null, String(row.prompt_start ?? ''), batchIds),
            ok: Number(row.ok),
            failed: Number(row.failed),
          },
        ];
      });
  return {
    reset,
    poll: () => {
      const now = Number(firstValue(dataVersion));
      if (now === version) return { runs: [], results: [] };
      version = now;
      const changed = new Set<number>();
      for (const row of newRuns.all(lastRun) as { id: number }[]) {
        changed.add(row.id);
        lastRun = Math.max(lastRun, row.id);
      }
      const rows = newResults.all(lastResult, resultsPerPoll) as {
        id: number;
        run_id: number;
        position: number;
        model: string;
        status: string;
      }[];
      // more than one poll's worth: come back for the rest next time
      if (rows.length === resultsPerPoll) version = -1;
      const results = rows.map((row) => {
        lastResult = Math.max(lastResult, row.id);
        changed.add(row.run_id);
        return { runId: row.run_id, position: row.position, model: row.model, status: row.status as ResultEvent['status'] };
      });
      return { runs: runEvents(changed), results };
    },
    close: () => database.close(),
  };
}
