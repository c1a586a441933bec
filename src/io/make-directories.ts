import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { t } from '../i18n/translate.js';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/**
 * `mkdir -p` that always ends: Node's own `{ recursive: true }` loops forever where the kernel answers
 * ENOENT for a parent that exists (`/proc/x`). Creates each missing directory from the nearest
 * existing ancestor down, once; any error (ENOENT, ENOTDIR, EACCES, EROFS…) is thrown as it is.
 */
export function makeDirectories(directory: string): void {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    try {
      if (statSync(current).isDirectory()) break;
      throw Object.assign(new Error(t('errors.io.notADirectory', { path: current })), {
        code: current === path.resolve(directory) ? 'EEXIST' : 'ENOTDIR',
      });
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.push(current);
    current = parent;
  }
  for (const next of missing.reverse()) {
    try {
      mkdirSync(next);
    } catch (error) {
      // another process made it in the meantime: fine, if it is a directory
      if (codeOf(error) !== 'EEXIST' || !statSync(next).isDirectory()) throw error;
    }
  }
}
