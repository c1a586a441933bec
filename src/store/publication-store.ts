import type { SqliteDatabase } from './load-sqlite.js';

/** A draft sent to the WeChat draft box, as `publish` records it (never a secret or a token). */
export interface NewPublication {
  runId: number;
  /** The batch prompt, null for a single prompt. */
  promptId: string | null;
  /** The model whose draft was published. */
  model: string;
  /** The draft's media_id in the draft box. */
  mediaId: string;
  title: string;
  theme: string;
  createdAt: string;
}

/** A recorded publication. */
export interface StoredPublication extends NewPublication {
  id: number;
}

/** Publications in the history (schema v7). */
export interface PublicationStore {
  record(publication: NewPublication): number;
  /** A run's publications, oldest first. */
  of(runId: number): StoredPublication[];
}

interface PublicationRow {
  id: number;
  run_id: number;
  prompt_id: string | null;
  model: string;
  media_id: string;
  title: string;
  theme: string;
  created_at: string;
}

/** Publications over the history database. Publishing again adds a row; nothing is replaced. */
export function publicationStoreOver(database: SqliteDatabase): PublicationStore {
  const insert = database.prepare(
    `INSERT INTO publications (run_id, prompt_id, model, media_id, title, theme, created_at)
     VALUES (@runId, @promptId, @model, @mediaId, @title, @theme, @createdAt)`,
  );
  const byRun = database.prepare('SELECT * FROM publications WHERE run_id = ? ORDER BY created_at, id');
  return {
    record: (publication) => Number(insert.run({ ...publication }).lastInsertRowid),
    of: (runId) =>
      (byRun.all(runId) as PublicationRow[]).map((row) => ({
        id: row.id,
        runId: row.run_id,
        promptId: row.prompt_id,
        model: row.model,
        mediaId: row.media_id,
        title: row.title,
        theme: row.theme,
        createdAt: row.created_at,
      })),
  };
}
