import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unusableTypes, type HealthEntry } from './health-rules.js';

/** The state file: one entry per provider and key. */
export interface HealthState {
  version: 1;
  entries: Record<string, HealthEntry>;
}

/** What reading the file found: the state, and why it was ignored when it was. */
export interface HealthRead {
  state: HealthState;
  /** Set when the file was there but not readable as a state (it is then treated as empty). */
  problem: string | null;
}

export const healthFileName = 'health.json';

const emptyState = (): HealthState => ({ version: 1, entries: {} });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));

function isEntry(value: unknown): value is HealthEntry {
  if (!isRecord(value)) return false;
  const unusable = value.unusable;
  return (
    typeof value.provider === 'string' &&
    typeof value.keyHash === 'string' &&
    typeof value.fingerprint === 'string' &&
    Number.isInteger(value.failures) &&
    typeof value.cooldownMs === 'number' &&
    (value.restingUntil === null || isTime(value.restingUntil)) &&
    (value.lastError === null || typeof value.lastError === 'string') &&
    (unusable === null ||
      (isRecord(unusable) && (unusableTypes as readonly unknown[]).includes(unusable.type) && isTime(unusable.since))) &&
    isTime(value.updatedAt) &&
    (value.recent === undefined || (typeof value.recent === 'string' && /^[ox]{0,20}$/.test(value.recent)))
  );
}

/** Parses the file's text; entries of another shape are dropped, a file of another shape is a problem. */
export function parseHealthState(text: string): HealthRead {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { state: emptyState(), problem: (error as Error).message };
  }
  if (!isRecord(document) || document.version !== 1 || !isRecord(document.entries)) {
    return { state: emptyState(), problem: 'not a health state (version 1)' };
  }
  const entries = Object.fromEntries(Object.entries(document.entries).filter(([, entry]) => isEntry(entry))) as Record<string, HealthEntry>;
  return { state: { version: 1, entries }, problem: null };
}

/** Reads the state file; a missing file is an empty state. */
export async function readHealthState(file: string): Promise<HealthRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: emptyState(), problem: null };
    return { state: emptyState(), problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
  return parseHealthState(text);
}

const lockWaitMs = 2000;
const staleLockMs = 10_000;

/** Takes `file.lock` (exclusive create); a lock older than 10 s is a crashed run's and is taken over. */
async function lock(file: string): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`;
  const release = () => unlink(lockFile).catch(() => undefined);
  for (let waited = 0; ; waited += 10) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.close();
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockFile).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > staleLockMs) await unlink(lockFile).catch(() => undefined);
      else if (waited >= lockWaitMs) return async () => undefined; // a stuck run: write anyway, the rename keeps the file whole
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * Changes the state file under a lock: reads what is there now (other runs' entries included),
 * applies `change`, and replaces the file by a rename of a fully written temporary file (mode 600),
 * so a reader never sees half a file and concurrent runs do not lose each other's entries.
 */
export async function updateHealthState(file: string, change: (state: HealthState) => HealthState): Promise<HealthState> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = await lock(file);
  try {
    const { state } = await readHealthState(file);
    const next = change(state);
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return next;
  } finally {
    await release();
  }
}
