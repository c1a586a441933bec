import type { SqliteDatabase } from './load-sqlite.js';
import { summaryChars, summaryTopic, type RunKind } from './run-summary-fields.js';

/** One line of `history`. */
export interface RunSummary {
  id: number;
  startedAt: string;
  /** `batch` is a compare run over a batch of prompts (stored as kind `compare`). */
  kind: RunKind;
  parentRunId: number | null;
  /** What the run was about: the topic typed, a brief's first heading or line, or a batch's prompt ids. */
  topic: string;
  models: string[];
  ok: number;
  failed: number;
  bestLatencyMs: number | null;
  worstLatencyMs: number | null;
  totalCostUsd: number | null;
  /** 字数 of the run's article: a write run's final draft, else the median over its successful outputs. */
  chars: number | null;
  readingMinutes: number | null;
  promptStart: string;
}

/** Which runs `history` lists. */
export interface RunFilter {
  limit: number;
  /** Exact `provider:model`, or a provider id (all its models). */
  model?: string;
  search?: string;
}

/** The full-text (or, under 3 characters, LIKE) condition of `history --search`. */
const searchClause = (search: string | undefined): { sql: string; values: string[] } => {
  if (!search?.trim()) return { sql: '', values: [] };
  const query = search.trim();
  if (Array.from(query).length >= 3) {
    return { sql: 'AND r.id IN (SELECT run_id FROM history_fts WHERE history_fts MATCH ?)', values: [`"${query.replace(/"/g, '""')}"`] };
  }
  const like = `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return {
    sql: "AND (r.prompt LIKE ? ESCAPE '\\' OR r.id IN (SELECT run_id FROM results WHERE text LIKE ? ESCAPE '\\'))",
    values: [like, like],
  };
};

/** The newest runs matching the filter, each summed up in one row (see RunSummary). */
export function listRuns(database: SqliteDatabase, filter: RunFilter): RunSummary[] {
  const search = searchClause(filter.search);
  const byModel = filter.model
    ? filter.model.includes(':')
      ? 'AND r.id IN (SELECT run_id FROM results WHERE model = ?)'
      : 'AND r.id IN (SELECT run_id FROM results WHERE provider = ?)'
    : '';
  const rows = database
    .prepare(
      `SELECT r.id, r.started_at, r.kind, r.parent_run_id, substr(r.prompt, 1, 2000) AS prompt_start, r.topic,
         (SELECT group_concat(json_extract(value, '$.id'), char(31)) FROM json_each(r.options, '$.prompts')) AS batch_ids,
         (SELECT group_concat(chars || ':' || reading_minutes || ':' || coalesce(role, ''), char(31))
            FROM (SELECT chars, reading_minutes, role FROM results WHERE run_id = r.id AND status = 'ok' ORDER BY position)) AS written,
         (SELECT group_concat(model, char(31)) FROM (SELECT model FROM results WHERE run_id = r.id ORDER BY position)) AS models,
         sum(x.status = 'ok') AS ok, sum(x.status = 'error') AS failed,
         min(CASE WHEN x.status = 'ok' AND x.latency_ms >= 0 THEN x.latency_ms END) AS best,
         max(CASE WHEN x.status = 'ok' AND x.latency_ms >= 0 THEN x.latency_ms END) AS worst,
         sum(x.cost_usd) AS cost, json_extract(r.judge_call, '$.costUsd') AS judge_cost
       FROM runs r LEFT JOIN results x ON x.run_id = r.id
       WHERE 1 = 1 ${byModel} ${search.sql}
       GROUP BY r.id ORDER BY r.id DESC LIMIT ?`,
    )
    .all(...(filter.model ? [filter.model] : []), ...search.values, filter.limit) as Record<string, unknown>[];
  return rows.map((row) => ({
    id: row.id as number,
    startedAt: row.started_at as string,
    kind: row.kind === 'compare' && row.batch_ids ? 'batch' : (row.kind as RunKind),
    parentRunId: (row.parent_run_id as number | null) ?? null,
    topic: summaryTopic(row.topic as string | null, String(row.prompt_start ?? ''), row.batch_ids as string | null),
    models: row.models ? String(row.models).split('\u001f') : [],
    ok: Number(row.ok ?? 0),
    failed: Number(row.failed ?? 0),
    bestLatencyMs: (row.best as number | null) ?? null,
    worstLatencyMs: (row.worst as number | null) ?? null,
    totalCostUsd: row.cost === null && row.judge_cost === null ? null : Number(row.cost ?? 0) + Number(row.judge_cost ?? 0),
    ...summaryChars(row.kind as string, row.written as string | null),
    promptStart: String(row.prompt_start ?? '').slice(0, 200),
  }));
}
