import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file under the tool's home directory that remembers passed checks (mode 600; hashes only, never a key). */
export const preflightCacheFile = 'preflight-checks.json';
/** A passed check is trusted this long: a repeated run within it does not pay for the check again. */
export const preflightCacheMs = 5 * 60_000;

/** The file's shape: each passed check's identity hash and when it stops being trusted (ISO time). */
interface PreflightCache {
  version: 1;
  passed: Record<string, string>;
}

/** The entries still trusted at `now`; one dated further ahead than the window (a clock set back) is not. */
function trusted(cache: Record<string, unknown>, now: Date): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [identity, until] of Object.entries(cache)) {
    if (typeof until !== 'string') continue;
    const left = Date.parse(until) - now.getTime();
    if (left > 0 && left <= preflightCacheMs) kept[identity] = until;
  }
  return kept;
}

async function readCache(file: string, now: Date): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PreflightCache> | null;
    const passed = parsed?.passed;
    return typeof passed === 'object' && passed !== null && !Array.isArray(passed) ? trusted(passed, now) : {};
  } catch {
    return {}; // none yet, or damaged: check again
  }
}

/** The identities of checks that passed within the window, as of `now`. */
export async function readPassedChecks(home: string, now: Date): Promise<Set<string>> {
  return new Set(Object.keys(await readCache(path.join(home, preflightCacheFile), now)));
}

/**
 * Remembers checks that passed at `now` for {@link preflightCacheMs}, dropping expired entries. A
 * cache that cannot be written costs a check next time, nothing more.
 */
export async function rememberPassedChecks(home: string, identities: readonly string[], now: Date): Promise<void> {
  if (identities.length === 0) return;
  const file = path.join(home, preflightCacheFile);
  try {
    const passed = await readCache(file, now);
    const until = new Date(now.getTime() + preflightCacheMs).toISOString();
    for (const identity of identities) passed[identity] = until;
    const cache: PreflightCache = { version: 1, passed };
    await mkdir(home, { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, `${JSON.stringify(cache, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, file);
  } catch {
    // not remembered: the next run checks again
  }
}
