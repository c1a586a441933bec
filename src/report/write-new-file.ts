import { closeSync, existsSync, openSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const lastCopy = 1000;

/**
 * Writes `text` to a file that did not exist: `path`, else `name-2.ext`, `name-3.ext`… when another run
 * (same second, same topic and model) got there first. Returns the path written. Synchronous: a few KB
 * cost far less CPU this way than through fs/promises, which a batch of hundreds of results feels.
 *
 * `beforeWrite` is called with the path about to be created, before the file exists: what must be
 * recorded no later than the file (its history row) is recorded there, so a `kill -9` at any moment
 * never leaves a file without it. In the rare race where another process takes that name first, it is
 * called again with the next name. If the text cannot be written, the file is removed and the error
 * thrown.
 */
export function writeNewFile(filePath: string, text: string, beforeWrite?: (chosenPath: string) => void): string {
  const extension = path.extname(filePath);
  const stem = filePath.slice(0, filePath.length - extension.length);
  for (let copy = 1; ; copy += 1) {
    const candidate = copy === 1 ? filePath : `${stem}-${copy}${extension}`;
    if (beforeWrite && copy < lastCopy && existsSync(candidate)) continue;
    beforeWrite?.(candidate);
    let descriptor: number;
    try {
      descriptor = openSync(candidate, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= lastCopy) throw error;
      continue;
    }
    try {
      writeFileSync(descriptor, text, 'utf8');
      closeSync(descriptor);
    } catch (error) {
      try {
        closeSync(descriptor);
      } catch {
        // already closed
      }
      try {
        unlinkSync(candidate);
      } catch {
        // gone already, or its directory went away: nothing left to remove
      }
      throw error;
    }
    return candidate;
  }
}
