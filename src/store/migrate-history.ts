import { countWriting } from '../text/count-writing.js';
import { migrations } from './history-schema.js';
import { pragmaValue, type SqliteDatabase } from './load-sqlite.js';

const userVersion = (database: SqliteDatabase) => Number(pragmaValue(database, 'user_version') ?? 0);

/** Version 5 added 字数 and reading time: rows written before are counted here, once. */
function countOldTexts(database: SqliteDatabase): void {
  const rows = database.prepare('SELECT id, text FROM results WHERE chars IS NULL').raw(true).all() as [number, string | null][];
  const update = database.prepare('UPDATE results SET chars = ?, reading_minutes = ? WHERE id = ?');
  for (const [id, text] of rows) {
    const { chars, readingMinutes } = countWriting(text ?? '');
    update.run(chars, readingMinutes, id);
  }
}

/** Work a migration needs beyond its SQL, by the version it brings the database to. */
const afterMigration: Record<number, (database: SqliteDatabase) => void> = { 5: countOldTexts };

/**
 * Brings the schema to the newest version. Safe when several processes open a fresh history at
 * once: the version is read again inside `BEGIN IMMEDIATE` (the write lock, waited for with the
 * connection's busy timeout), so only the first process creates the tables and the others find them
 * there. Every migration still due runs in that one transaction: a crash leaves the old version whole.
 */
export function migrateHistory(database: SqliteDatabase): void {
  if (userVersion(database) >= migrations.length) return; // the usual case: no write lock taken
  database.exec('BEGIN IMMEDIATE');
  try {
    for (let version = userVersion(database); version < migrations.length; version += 1) {
      database.exec(migrations[version] as string);
      afterMigration[version + 1]?.(database);
      database.exec(`PRAGMA user_version = ${version + 1}`);
    }
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error;
  }
}
