import { routeCallsOver, type RouteCalls } from './route-calls.js';
import { storedAnswersOver, type StoredAnswers } from './stored-answers.js';
import path from 'node:path';
import { t } from '../i18n/translate.js';
import { makeDirectories } from '../io/make-directories.js';
import type { JudgeCall, JudgeScore } from '../judge/judge-score.js';
import type { ModelResult } from '../run/model-result.js';
import { queryStats, type StatsOptions, type StatsReport } from './history-stats.js';
import { migrateHistory } from './migrate-history.js';
import { firstRow, loadSqlite, type SqliteDatabase } from './load-sqlite.js';
import { fromResultRow, toResultRow, type ResultRow } from './result-row.js';
import { listRuns, type RunFilter, type RunSummary } from './list-runs.js';

export type { RunFilter, RunSummary } from './list-runs.js';
import { verdictStoreOver } from './verdict-store.js';
import { publicationStoreOver, type PublicationStore } from './publication-store.js';
import { callLogOver, type CallLogStore } from './call-log-store.js';
import type { VerdictStore } from './verdicts.js';
import { batchStoreOver, type BatchStore } from './batch-store.js';

/** A run as recorded before its results. Never holds a key or a base URL. */
export interface NewRun {
  startedAt: string;
  kind: 'compare' | 'rerun' | 'write';
  parentRunId: number | null;
  prompt: string;
  promptSource: string;
  topic: string | null;
  systemPrompt: string | null;
  options: Record<string, unknown>;
  toolVersion: string;
}

/** A stored run with its results, as `history show` and `rerun` need it. */
export interface StoredRun extends Omit<NewRun, 'startedAt'> {
  id: number;
  startedAt: string;
  /** A write run's results carry their stage (planner, writer, reviewer, revise) from its stored options. */
  results: (ModelResult & { role: string | null; stage?: string })[];
  /** The `--judge` call, when the run had one. */
  judgeCall?: JudgeCall;
}

/** The run history in SQLite. */
export interface HistoryStore {
  readonly path: string;
  startRun(run: NewRun): number;
  recordResult(runId: number, position: number, result: ModelResult, role?: string | null): void;
  /** `resume --retry-failed`: the result now at this position, in place of the one stored there (a failure). */
  replaceResult(runId: number, position: number, result: ModelResult): void;
  /** Several results in one transaction (a batch's results that finished together). */
  recordResults(runId: number, entries: readonly { position: number; result: ModelResult; role: string | null }[]): void;
  /**
   * Rows made by toResultRow (another thread built them, see background-saver.ts) in one transaction,
   * each with its text for the search index; `replace`: each takes its position's place (resume).
   */
  recordRows(rows: readonly { row: ResultRow; search: string | null }[], replace: boolean): void;
  /** Adds the `--judge` verdict (null: not scored) to a result already recorded. */
  recordJudgement(runId: number, position: number, judge: JudgeScore | null): void;
  /** Stores the judge's own call on the run. */
  recordJudgeCall(runId: number, call: JudgeCall): void;
  /** A recorded result's file went elsewhere, or (null) could not be written after all. */
  setOutputFile(runId: number, position: number, outputFile: string | null): void;
  listRuns(filter: RunFilter): RunSummary[];
  getRun(id: number): StoredRun | null;
  stats(options: StatsOptions): StatsReport;
  /** Votes, picks and tags (schema v6). */
  readonly verdicts: VerdictStore;
  /** A model's recent calls and a role's last round-robin turn, for strategies (schema v8). */
  readonly routes: RouteCalls;
  /** `--reuse`: the newest successful answer to a request key (schema v10). */
  readonly answers: StoredAnswers;
  /** Drafts sent to the WeChat draft box (schema v7). */
  readonly publications: PublicationStore;
  /** Every request sent, by key (schema v9): what the limits count. */
  readonly calls: CallLogStore;
  /** Batches sent by `--batch-api` runs (schema v11). */
  readonly batches: BatchStore;
  close(): void;
}

/**
 * Opens (creating and migrating) `history.db` in the home directory, in WAL mode, through libsql
 * (loaded only now). Opening waits up to `openBusyTimeoutMs` for another process that is creating or
 * migrating the same file (several first runs at once); later writes wait `busyTimeoutMs` at most.
 */
export async function openHistoryStore(homeDirectory: string): Promise<HistoryStore> {
  makeDirectories(homeDirectory);
  const databasePath = path.join(homeDirectory, 'history.db');
  let database: SqliteDatabase | undefined;
  const open = await loadSqlite().catch((error: unknown) => {
    // no prebuilt libsql binary for this platform (or a broken install): the history alone is off
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new HistoryUnavailableError(
      t('history.store.noDriver', { platform: `${process.platform}-${process.arch}`, reason }),
      databasePath,
    );
  });
  try {
    database = open(databasePath);
    database.exec(`PRAGMA busy_timeout = ${openBusyTimeoutMs}`);
    database.exec('PRAGMA journal_mode = WAL');
    // With WAL, NORMAL syncs at checkpoints rather than on every commit: a crash of the program loses
    // nothing, a power cut may lose the last results (their files are saved anyway); a batch of 200
    // results no longer waits on 200 fsyncs.
    database.exec('PRAGMA synchronous = NORMAL');
    database.exec('PRAGMA foreign_keys = ON');
    migrateHistory(database);
    // Another process holding a write lock (another run, a `sqlite3` shell) costs a write at most this
    // long; the run then goes on without history (see record-history.ts) rather than stalling.
    database.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  } catch (error) {
    database?.close();
    throw historyUnavailable(databasePath, error);
  }
  return storeOver(database, databasePath);
}

/** How long a write waits for another process's lock on the history before it gives up. */
const busyTimeoutMs = 50;
/** How long opening waits for another process creating or migrating the schema (a few ms of work). */
const openBusyTimeoutMs = 2000;

/** The history cannot be used: one line saying why, and for a damaged file what to do. */
export class HistoryUnavailableError extends Error {
  constructor(
    message: string,
    readonly databasePath: string,
  ) {
    super(message);
    this.name = 'HistoryUnavailableError';
  }
}

function historyUnavailable(databasePath: string, error: unknown): HistoryUnavailableError {
  const code = (error as { code?: string } | null)?.code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new HistoryUnavailableError(t('history.store.damaged', { path: databasePath, reason }), databasePath);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new HistoryUnavailableError(t('history.store.locked', { path: databasePath, reason }), databasePath);
  }
  return new HistoryUnavailableError(t('history.store.cannotOpen', { path: databasePath, reason }), databasePath);
}

function storeOver(database: SqliteDatabase, databasePath: string): HistoryStore {
  const insertRun =
    database.prepare(`INSERT INTO runs (started_at, kind, parent_run_id, prompt, prompt_source, topic, system_prompt, options, tool_version)
    VALUES (@startedAt, @kind, @parentRunId, @prompt, @promptSource, @topic, @systemPrompt, @options, @toolVersion)`);
  const insertResult =
    database.prepare(`INSERT INTO results (run_id, position, created_at, model, provider, role, status, served_by, text, reasoning,
    input_tokens, no_cache_input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, cost_usd, error_type, error_message,
    attempts, output_file, details, chars, reading_minutes, strategy, request_key) VALUES (@run_id, @position, @created_at, @model, @provider, @role, @status, @served_by, @text, @reasoning,
    @input_tokens, @no_cache_input_tokens, @output_tokens, @cache_read_tokens, @cache_write_tokens, @reasoning_tokens, @latency_ms, @ttft_ms, @cost_usd, @error_type,
    @error_message, @attempts, @output_file, @details, @chars, @reading_minutes, @strategy, @request_key)`);
  const insertSearch = database.prepare('INSERT INTO history_fts (run_id, body) VALUES (?, ?)');
  const updateJudgement = database.prepare(
    "UPDATE results SET judge_score = ?, details = json_set(details, '$.judge', json(?)) WHERE run_id = ? AND position = ?",
  );
  const updateJudgeCall = database.prepare('UPDATE runs SET judge_call = ? WHERE id = ?');
  const updateOutputFile = database.prepare('UPDATE results SET output_file = ? WHERE run_id = ? AND position = ?');
  const deleteResult = database.prepare('DELETE FROM results WHERE run_id = ? AND position = ?');

  /** Result rows with their search text, each in place of its position's row when `replace`. */
  const writeRows = (rows: readonly { row: ResultRow; search: string | null }[], replace: boolean) => {
    for (const { row, search } of rows) {
      if (replace) deleteResult.run(row.run_id, row.position);
      insertResult.run(row);
      if (search) insertSearch.run(row.run_id, search);
    }
  };
  const rowsOf = (runId: number, entries: readonly { position: number; result: ModelResult; role: string | null }[]) => {
    const createdAt = new Date().toISOString();
    return entries.map(({ position, result, role }) => ({
      row: toResultRow(runId, position, result, role, createdAt),
      search: result.text,
    }));
  };
  const writeRowsInTransaction = database.transaction(writeRows);

  return {
    path: databasePath,
    startRun: (run) =>
      database.transaction(() => {
        const id = Number(insertRun.run({ ...run, options: JSON.stringify(run.options) }).lastInsertRowid);
        insertSearch.run(id, run.prompt);
        return id;
      })(),
    recordResult: (runId, position, result, role = null) => writeRowsInTransaction(rowsOf(runId, [{ position, result, role }]), false),
    recordResults: (runId, entries) => writeRowsInTransaction(rowsOf(runId, entries), false),
    recordRows: writeRowsInTransaction,
    replaceResult: (runId, position, result) => writeRowsInTransaction(rowsOf(runId, [{ position, result, role: null }]), true),
    recordJudgement: (runId, position, judge) => {
      updateJudgement.run(judge?.score ?? null, JSON.stringify(judge), runId, position);
    },
    recordJudgeCall: (runId, call) => {
      updateJudgeCall.run(JSON.stringify(call), runId);
    },
    setOutputFile: (runId, position, outputFile) => {
      updateOutputFile.run(outputFile, runId, position);
    },
    listRuns: (filter) => listRuns(database, filter),
    getRun: (id) => {
      const run = firstRow<Record<string, unknown>>(database.prepare('SELECT * FROM runs WHERE id = ?'), id);
      if (!run) return null;
      const results = database.prepare('SELECT * FROM results WHERE run_id = ? ORDER BY position').all(id) as ResultRow[];
      const options = JSON.parse(run.options as string) as Record<string, unknown>;
      const stages = run.kind === 'write' && Array.isArray(options.stages) ? (options.stages as { stage?: unknown }[]) : null;
      const stageAt = (position: number) => {
        const stage = stages?.[position]?.stage;
        return typeof stage === 'string' ? { stage } : {};
      };
      return {
        id,
        startedAt: run.started_at as string,
        kind: run.kind as NewRun['kind'],
        parentRunId: (run.parent_run_id as number | null) ?? null,
        prompt: run.prompt as string,
        promptSource: run.prompt_source as string,
        topic: (run.topic as string | null) ?? null,
        systemPrompt: (run.system_prompt as string | null) ?? null,
        options,
        toolVersion: run.tool_version as string,
        results: results.map((row) => ({ ...fromResultRow(row), ...stageAt(row.position) })),
        ...(typeof run.judge_call === 'string' ? { judgeCall: JSON.parse(run.judge_call) as JudgeCall } : {}),
      };
    },
    stats: (options) => queryStats(database, options),
    verdicts: verdictStoreOver(database),
    routes: routeCallsOver(database),
    publications: publicationStoreOver(database),
    answers: storedAnswersOver(database),
    calls: callLogOver(database),
    batches: batchStoreOver(database),
    close: () => database.close(),
  };
}
