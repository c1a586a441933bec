import { firstValue, type SqliteDatabase } from './load-sqlite.js';

/** What `stats` groups by. */
export type StatsGrouping = 'model' | 'provider' | 'role';

export interface StatsOptions {
  by: StatsGrouping;
  /** ISO time; only results since then count. */
  sinceIso: string | null;
  trend: boolean;
}

/** One group's figures; latency percentiles and mean TTFT over successful calls. */
export interface StatsGroup {
  key: string;
  calls: number;
  ok: number;
  failed: number;
  successRate: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  meanTtftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Sum of the known costs; null when no call had a known cost. */
  costUsd: number | null;
  /** Mean 字数 of the successful outputs (rounded); null when none. */
  chars: number | null;
  /** Mean reading time of the successful outputs, in minutes (one decimal); null when none. */
  readingMinutes: number | null;
  /** The group's known cost (failed calls included) per 1,000 字 delivered; null when no cost or no 字 is known. */
  costPer1000Chars: number | null;
}

/** One day of `--trend`. */
export interface TrendDay {
  day: string;
  calls: number;
  ok: number;
  failed: number;
  p50LatencyMs: number | null;
  costUsd: number | null;
}

export interface StatsReport {
  by: StatsGrouping;
  since: string | null;
  groups: StatsGroup[];
  trend: TrendDay[] | null;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}

const groupColumns: Record<StatsGrouping, string> = { model: 'model', provider: 'provider', role: 'role' };

type Totals = {
  key: string | null;
  calls: number;
  ok: number;
  /** Successful calls with a latency: answers collected from a batch API have none (stored as -1, see result-row.ts). */
  timed: number;
  mean_ttft: number | null;
  input_tokens: number;
  output_tokens: number;
  cost: number | null;
  ok_chars: number | null;
  ok_minutes: number | null;
};

const roundCost = (cost: number | null) => (cost === null ? null : Math.round(cost * 1e8) / 1e8);

/**
 * Calls, success rate, latency percentiles, TTFT, tokens and cost per group (and per day with
 * trend). Totals come from one pass over the covering index `results_stats`; each percentile is one
 * seek into the group's latency-ordered index, so nothing large crosses into JavaScript.
 */
export function queryStats(database: SqliteDatabase, options: StatsOptions): StatsReport {
  const column = groupColumns[options.by];
  const sinceSql = options.sinceIso === null ? '' : 'AND created_at >= @since';
  const parameters: Record<string, string> = options.sinceIso === null ? {} : { since: options.sinceIso };
  const totals = database
    .prepare(
      `SELECT ${column} AS key, count(*) AS calls, sum(status = 'ok') AS ok, sum(status = 'ok' AND latency_ms >= 0) AS timed, avg(CASE WHEN status = 'ok' THEN ttft_ms END) AS mean_ttft,
         total(input_tokens) AS input_tokens, total(output_tokens) AS output_tokens, sum(cost_usd) AS cost,
         sum(CASE WHEN status = 'ok' THEN chars END) AS ok_chars, sum(CASE WHEN status = 'ok' THEN reading_minutes END) AS ok_minutes
       FROM results INDEXED BY results_stats WHERE 1 = 1 ${sinceSql} GROUP BY ${column}`,
    )
    .all(parameters) as Totals[];
  const nth = database
    .prepare(
      `SELECT latency_ms FROM results INDEXED BY results_latency_by_${options.by}
       WHERE ${column} IS @key AND status = 'ok' AND latency_ms >= 0 ${sinceSql} ORDER BY latency_ms LIMIT 1 OFFSET @offset`,
    )
    .raw(true);
  const latencyAt = (key: string | null, count: number, fraction: number): number | null =>
    count === 0 ? null : (firstValue(nth, { ...parameters, key, offset: Math.max(0, Math.ceil(fraction * count) - 1) }) as number);
  const groups = totals
    .map((row): StatsGroup => ({
      key: row.key ?? '(none)',
      calls: row.calls,
      ok: row.ok,
      failed: row.calls - row.ok,
      successRate: row.calls === 0 ? 0 : row.ok / row.calls,
      p50LatencyMs: latencyAt(row.key, row.timed, 0.5),
      p95LatencyMs: latencyAt(row.key, row.timed, 0.95),
      meanTtftMs: row.mean_ttft === null ? null : Math.round(row.mean_ttft),
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costUsd: roundCost(row.cost),
      chars: row.ok_chars === null || row.ok === 0 ? null : Math.round(row.ok_chars / row.ok),
      readingMinutes: row.ok_minutes === null || row.ok === 0 ? null : Math.round((row.ok_minutes / row.ok) * 10) / 10,
      costPer1000Chars: row.ok_chars && row.cost !== null ? roundCost((row.cost / row.ok_chars) * 1000) : null,
    }))
    .sort((left, right) => right.calls - left.calls || left.key.localeCompare(right.key));
  return { by: options.by, since: options.sinceIso, groups, trend: options.trend ? queryTrend(database, sinceSql, parameters) : null };
}

/** Per-day totals, and each day's p50 from its successful latencies. */
function queryTrend(database: SqliteDatabase, sinceSql: string, parameters: Record<string, string>): TrendDay[] {
  const days = database
    .prepare(
      `SELECT substr(created_at, 1, 10) AS day, count(*) AS calls, sum(status = 'ok') AS ok, sum(cost_usd) AS cost
       FROM results INDEXED BY results_stats WHERE 1 = 1 ${sinceSql} GROUP BY day ORDER BY day`,
    )
    .all(parameters) as { day: string; calls: number; ok: number; cost: number | null }[];
  const latencies = new Map<string, number[]>();
  const rows = database
    .prepare(
      `SELECT substr(created_at, 1, 10), latency_ms FROM results INDEXED BY results_stats WHERE status = 'ok' AND latency_ms >= 0 ${sinceSql}`,
    )
    .raw()
    .iterate(parameters) as IterableIterator<[string, number]>;
  for (const [day, latency] of rows) {
    const list = latencies.get(day);
    if (list) list.push(latency);
    else latencies.set(day, [latency]);
  }
  return days.map((row) => ({
    day: row.day,
    calls: row.calls,
    ok: row.ok,
    failed: row.calls - row.ok,
    p50LatencyMs: percentile(Float64Array.from(latencies.get(row.day) ?? []).sort() as unknown as number[], 0.5),
    costUsd: roundCost(row.cost),
  }));
}
