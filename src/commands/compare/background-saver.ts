import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ResultRow } from '../../store/result-row.js';

/** A batch this big saves its results in a thread of its own (below it, starting the thread, ~50 ms of CPU, costs more than it saves). */
export const backgroundSaveCells = 500;

/** What the save thread is started with. */
export interface SaveWorkerData {
  /** WECHAT_WRITER_HOME: the thread opens its own connection to the history there. */
  home: string;
  /** `resume`: each row replaces its position's (a failure it retries). */
  replace: boolean;
}

/** One result to save: its row (null: not recorded, history off), its search text, its file and the file's text. */
export interface SaveEntry {
  row: ResultRow | null;
  search: string | null;
  /** The file to create (null: nothing to write); the next free `name-N.md` when it is taken. */
  file: string | null;
  text: string;
}

/** Results that finished together, saved in order: every row (one transaction), then every file. */
export interface SaveGroup {
  id: number;
  entries: readonly SaveEntry[];
}

/** Where each file of a group went (null with the reason when it could not be written). */
export interface SavedFile {
  outputFile: string | null;
  error: string | null;
}

/** The thread's answer to a group; `historyError` is the first history write that failed (once a run). */
export interface SaveGroupReply {
  id: number;
  files: SavedFile[];
  historyError: string | null;
}

/** Saves groups of results in a worker thread, so replies arriving meanwhile never wait on SQLite or the disk. */
export interface BackgroundSaver {
  /** Rejects only when the thread itself stopped (the results are then reported as not saved). */
  save(entries: readonly SaveEntry[]): Promise<SavedFile[]>;
  /** Lets the thread finish what it was given, close the history and end. */
  close(): Promise<void>;
}

/**
 * Starts the save thread (dist/save-worker.js, built next to this module), or returns null where
 * there is none: running from the TypeScript sources (tests), where saves stay on the main thread.
 * `historyFailed` is told the first history write that failed: the run goes on without history.
 */
export function startBackgroundSaver(data: SaveWorkerData, historyFailed: (message: string) => void): BackgroundSaver | null {
  const script = new URL('./save-worker.js', import.meta.url);
  if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return null;
  // node:worker_threads loads only for such a batch
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const worker = new Worker(script, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
  const waiting = new Map<number, { resolve(files: SavedFile[]): void; reject(error: Error): void }>();
  let stopped: Error | null = null;
  let nextId = 0;
  // the thread keeps the process alive only while it has work: an idle one never holds up the exit
  worker.unref();
  const stop = (error: Error) => {
    stopped ??= error;
    for (const pending of waiting.values()) pending.reject(stopped);
    waiting.clear();
  };
  worker.on('message', (reply: SaveGroupReply) => {
    if (reply.historyError !== null) historyFailed(reply.historyError);
    waiting.get(reply.id)?.resolve(reply.files);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', stop);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      stop(new Error(`the save thread stopped (exit code ${code})`));
      resolve();
    }),
  );
  return {
    save: (entries) => {
      if (stopped) return Promise.reject(stopped);
      nextId += 1;
      const id = nextId;
      worker.ref();
      return new Promise<SavedFile[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, entries } satisfies SaveGroup);
      });
    },
    close: async () => {
      if (!stopped) {
        worker.ref();
        worker.postMessage({ close: true });
      }
      await exited;
    },
  };
}
