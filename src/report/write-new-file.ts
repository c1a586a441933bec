import { close, closeSync, existsSync, open, openSync, unlink, unlinkSync, writeFile, writeFileSync } from 'node:fs';
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

const inBackground = <T>(start: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));

/**
 * writeNewFile for a batch: the same rules (never over an existing file, `name-N.ext` instead; a file
 * that could not be written is removed), done by libuv's thread pool, so a slow file system never
 * holds up the replies arriving meanwhile. The first name is tried without an existence check: the
 * caller has already recorded it, and `renamed` is called with the name actually taken when it was not
 * free (rare: two runs in the same second on the same topic and model).
 */
export async function writeNewFileInBackground(filePath: string, text: string, renamed: (chosenPath: string) => void): Promise<string> {
  const extension = path.extname(filePath);
  const stem = filePath.slice(0, filePath.length - extension.length);
  for (let copy = 1; ; copy += 1) {
    const candidate = copy === 1 ? filePath : `${stem}-${copy}${extension}`;
    if (copy > 1) renamed(candidate);
    let descriptor: number;
    try {
      descriptor = await inBackground<number>((done) => open(candidate, 'wx', done));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= lastCopy) throw error;
      continue;
    }
    try {
      await inBackground((done) => writeFile(descriptor, text, 'utf8', done));
      await inBackground((done) => close(descriptor, done));
    } catch (error) {
      await inBackground((done) => close(descriptor, done)).catch(() => undefined);
      await inBackground((done) => unlink(candidate, done)).catch(() => undefined);
      throw error;
    }
    return candidate;
  }
}
