import { existsSync } from 'node:fs';
import path from 'node:path';
import { firstRow, firstValue, loadSqlite, type SqliteDatabase } from './load-sqlite.js';

/** A request as recorded when it is sent (schema v9): never a key, only its id. */
export interface CallRow {
  sentAt: number;
  provider: string;
  keyId: string;
  model: string;
  runId: number | null;
}

/** The `calls` table: every request sent (retries included), counted by key for the limits (src/limits). */
export interface CallLogStore {
  sent(call: CallRow): number;
  ended(id: number, tokens: number | null): void;
  usage(keyId: string, since: number): { calls: number; tokens: number };
  oldest(keyId: string, since: number, limit: number): { sentAt: number; tokens: number }[];
}

/**
 * The calls log over the history database. Counting a key's calls and tokens in a window reads one
 * range of the index `calls_by_key (key_id, sent_at, tokens)`, which covers the query.
 */
export function callLogOver(database: SqliteDatabase): CallLogStore {
  const insert = database.prepare(
    'INSERT INTO calls (sent_at, provider, key_id, model, run_id) VALUES (@sentAt, @provider, @keyId, @model, @runId)',
  );
  const update = database.prepare('UPDATE calls SET tokens = ? WHERE id = ?');
  return {
    ...readerOver(database),
    sent: (call) => Number(insert.run({ ...call }).lastInsertRowid),
    ended: (id, tokens) => {
      update.run(tokens, id);
    },
  };
}

function readerOver(database: SqliteDatabase): Pick<CallLogStore, 'usage' | 'oldest'> {
  const usage = database.prepare(
    'SELECT count(*) AS calls, coalesce(sum(tokens), 0) AS tokens FROM calls WHERE key_id = ? AND sent_at >= ?',
  );
  const oldest = database.prepare(
    'SELECT sent_at, coalesce(tokens, 0) FROM calls WHERE key_id = ? AND sent_at >= ? ORDER BY sent_at LIMIT ?',
  );
  return {
    usage: (keyId, since) => {
      const row = firstRow<{ calls: number; tokens: number }>(usage, keyId, since);
      return { calls: Number(row?.calls ?? 0), tokens: Number(row?.tokens ?? 0) };
    },
    oldest: (keyId, since, limit) =>
      (oldest.raw(true).all(keyId, since, limit) as [number, number][]).map(([sentAt, tokens]) => ({ sentAt, tokens })),
  };
}

/**
 * The calls already in `history.db` under `home`, read without writing anything (no file is created,
 * no schema migrated): for a run with the history off. Null when there is no history or no calls table.
 */
export async function openCallLogReader(home: string): Promise<(Pick<CallLogStore, 'usage' | 'oldest'> & { close(): void }) | null> {
  const file = path.join(home, 'history.db');
  if (!existsSync(file)) return null;
  const open = await loadSqlite();
  const database = open(file);
  try {
    database.exec('PRAGMA busy_timeout = 50');
    if (firstValue(database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'calls'")) === undefined) {
      database.close();
      return null;
    }
    return { ...readerOver(database), close: () => database.close() };
  } catch (error) {
    database.close();
    throw error;
  }
}
