import type BetterSqlite3 from 'better-sqlite3';

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

const groupColumn: Record<StatsGrouping, string> = { model: 'model', provider: 'provider', role: "coalesce(role, '(none)')" };

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] as number;
}

/** Latency percentiles per key, from one ordered scan of the successful results. */
function latencyPercentiles(
  database: BetterSqlite3.Database,
  keySql: string,
  since: string,
): Map<string, { p50: number | null; p95: number | null }> {
  const rows = database
    .prepare(`SELECT ${keySql} AS key, latency_ms FROM results WHERE status = 'ok' AND created_at >= ? ORDER BY key, latency_ms`)
    .raw()
    .iterate(since) as IterableIterator<[string, number]>;
  const byKey = new Map<string, { p50: number | null; p95: number | null }>();
  let currentKey: string | null = null;
  let values: number[] = [];
  const flush = () => {
    if (currentKey !== null) byKey.set(currentKey, { p50: percentile(values, 0.5), p95: percentile(values, 0.95) });
  };
  for (const [key, latency] of rows) {
    if (key !== currentKey) {
      flush();
      currentKey = key;
      values = [];
    }
    values.push(latency);
  }
  flush();
  return byKey;
}

/** Calls, success rate, latency percentiles, TTFT, tokens and cost per group (and per day with trend). */
export function queryStats(database: BetterSqlite3.Database, options: StatsOptions): StatsReport {
  const since = options.sinceIso ?? '';
  const keySql = groupColumn[options.by];
  const rows = database
    .prepare(
      `SELECT ${keySql} AS key, count(*) AS calls, sum(status = 'ok') AS ok, sum(status = 'error') AS failed,
         avg(CASE WHEN status = 'ok' THEN ttft_ms END) AS mean_ttft, total(input_tokens) AS input_tokens,
         total(output_tokens) AS output_tokens, sum(cost_usd) AS cost
       FROM results WHERE created_at >= ? GROUP BY key ORDER BY calls DESC, key`,
    )
    .all(since) as Record<string, number | string | null>[];
  const percentiles = latencyPercentiles(database, keySql, since);
  const groups = rows.map((row) => {
    const key = String(row.key);
    const calls = Number(row.calls);
    const ok = Number(row.ok);
    return {
      key,
      calls,
      ok,
      failed: Number(row.failed),
      successRate: calls === 0 ? 0 : ok / calls,
      p50LatencyMs: percentiles.get(key)?.p50 ?? null,
      p95LatencyMs: percentiles.get(key)?.p95 ?? null,
      meanTtftMs: row.mean_ttft === null ? null : Math.round(Number(row.mean_ttft)),
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
      costUsd: row.cost === null ? null : Number(row.cost),
    };
  });
  return { by: options.by, since: options.sinceIso, groups, trend: options.trend ? queryTrend(database, since) : null };
}

function queryTrend(database: BetterSqlite3.Database, since: string): TrendDay[] {
  const days = database
    .prepare(
      `SELECT substr(created_at, 1, 10) AS day, count(*) AS calls, sum(status = 'ok') AS ok, sum(status = 'error') AS failed, sum(cost_usd) AS cost
       FROM results WHERE created_at >= ? GROUP BY day ORDER BY day`,
    )
    .all(since) as Record<string, number | string | null>[];
  const latencies = latencyPercentiles(database, 'substr(created_at, 1, 10)', since);
  return days.map((row) => ({
    day: String(row.day),
    calls: Number(row.calls),
    ok: Number(row.ok),
    failed: Number(row.failed),
    p50LatencyMs: latencies.get(String(row.day))?.p50 ?? null,
    costUsd: row.cost === null ? null : Number(row.cost),
  }));
}
