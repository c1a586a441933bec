import type { RecentCall } from '../routing/route-evidence.js';
import type { SqliteDatabase } from './load-sqlite.js';

/** The calls strategies measure, read through the v8 indexes (a few index seeks per model). */
export interface RouteCalls {
  /** The model's calls since `since` in `role` (null: plain comparisons), newest first. */
  recentCalls(model: string, role: string | null, since: string, limit: number): RecentCall[];
  /** The model a role's last call under `round-robin` asked first, or null. */
  lastTurn(role: string): string | null;
}

const columns = 'status, served_by, latency_ms, cost_usd, input_tokens, output_tokens';

interface CallRow {
  status: string;
  served_by: string | null;
  latency_ms: number;
  cost_usd: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
}

const toCall = (row: CallRow): RecentCall => ({
  status: row.status === 'ok' ? 'ok' : 'error',
  servedBy: row.served_by,
  latencyMs: row.latency_ms,
  costUsd: row.cost_usd,
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
});

/** Route reads over the history database. */
export function routeCallsOver(database: SqliteDatabase): RouteCalls {
  const inRole = database.prepare(
    `SELECT ${columns} FROM results INDEXED BY results_recent_by_model
      WHERE model = ? AND role = ? AND created_at >= ? ORDER BY created_at DESC LIMIT ?`,
  );
  const inComparisons = database.prepare(
    `SELECT ${columns} FROM results INDEXED BY results_recent_by_model
      WHERE model = ? AND role IS NULL AND created_at >= ? ORDER BY created_at DESC LIMIT ?`,
  );
  const lastTurn = database.prepare(
    `SELECT model FROM results INDEXED BY results_by_strategy
      WHERE role = ? AND strategy = 'round-robin' ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return {
    recentCalls: (model, role, since, limit) => {
      const rows = role === null ? inComparisons.all(model, since, limit) : inRole.all(model, role, since, limit);
      return (rows as CallRow[]).map(toCall);
    },
    lastTurn: (role) => {
      const rows = lastTurn.all(role) as { model: string }[];
      return rows[0]?.model ?? null;
    },
  };
}
