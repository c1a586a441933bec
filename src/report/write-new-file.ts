import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to a file that did not exist: `path`, else `name-2.ext`, `name-3.ext`… when another run
 * (same second, same topic and model) got there first. Returns the path written. Synchronous: a few KB
 * cost far less CPU this way than through fs/promises, which a batch of hundreds of results feels.
 */
export function writeNewFile(filePath: string, text: string): string {
  const extension = path.extname(filePath);
  const stem = filePath.slice(0, filePath.length - extension.length);
  for (let copy = 1; ; copy += 1) {
    const candidate = copy === 1 ? filePath : `${stem}-${copy}${extension}`;
    try {
      writeFileSync(candidate, text, { encoding: 'utf8', flag: 'wx' });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || copy >= 1000) throw error;
    }
  }
}
