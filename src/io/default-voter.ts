import os from 'node:os';
import type { Env } from './env.js';

/** Who votes or picks when `--voter` is not given: the OS user, else USER / USERNAME, else "unknown". */
export function defaultVoter(env: Env): string {
  try {
    const name = os.userInfo().username.trim();
    if (name) return name;
  } catch {
    // no passwd entry (some containers): fall back to the environment
  }
  return env.USER?.trim() || env.USERNAME?.trim() || 'unknown';
}
