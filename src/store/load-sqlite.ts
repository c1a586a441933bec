import { createRequire } from 'node:module';
import type Libsql from 'libsql';

/** A connection to a SQLite file, through libsql (prebuilt binaries shipped through npm, no compiler). */
export type SqliteDatabase = Libsql.Database;

/** A prepared statement of a SqliteDatabase. */
export type SqliteStatement = Libsql.Statement<unknown[]>;

/**
 * Loads the driver (only now, so commands without history never load it) and gives the function that
 * opens (creating) a SQLite file. Fails when libsql has no binary for this platform. libsql is
 * CommonJS: `require` loads it as such, without the ES-module wrapper `import()` would first build by
 * scanning its source for exports.
 */
export async function loadSqlite(): Promise<(filePath: string) => SqliteDatabase> {
  const Database = createRequire(import.meta.url)('libsql') as typeof Libsql;
  return (filePath) => new Database(filePath);
}

/**
 * The first row of a query as a plain object, or undefined. libsql's `get()` adds a `_metadata`
 * property (timings) to the row: it is removed here, so nothing of the driver reaches JSON or history.
 */
export function firstRow<Row extends object>(statement: SqliteStatement, ...parameters: unknown[]): Row | undefined {
  const row = statement.get(...parameters) as (Row & { _metadata?: unknown }) | undefined;
  if (!row) return undefined;
  const { _metadata: _ignored, ...rest } = row;
  return rest as Row;
}

/**
 * The first column of the first row, or undefined (libsql's `pluck().get()` and
 * `pragma(x, { simple: true })` return the whole row, unlike better-sqlite3's).
 */
export function firstValue(statement: SqliteStatement, ...parameters: unknown[]): unknown {
  const row = statement.raw(true).get(...parameters) as unknown[] | undefined;
  return row?.[0];
}

/** A pragma's value, e.g. `user_version`. */
export function pragmaValue(database: SqliteDatabase, pragma: string): unknown {
  return firstValue(database.prepare(`PRAGMA ${pragma}`));
}
