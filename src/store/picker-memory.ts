import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectories } from '../io/make-directories.js';

/** What the picker remembers between runs. */
export interface LastSelection {
  mode: 'single' | 'multi' | 'all';
  models: string[];
}

const fileName = 'last-selection.json';

/** The previous selection, or null when there is none (or it cannot be read). */
export async function loadLastSelection(homeDirectory: string): Promise<LastSelection | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(homeDirectory, fileName), 'utf8')) as Partial<LastSelection>;
    if (!['single', 'multi', 'all'].includes(parsed.mode ?? '') || !Array.isArray(parsed.models)) return null;
    return { mode: parsed.mode as LastSelection['mode'], models: parsed.models.filter((model) => typeof model === 'string') };
  } catch {
    return null;
  }
}

/** Remembers the selection; failing to write it never fails a run. */
export async function saveLastSelection(homeDirectory: string, selection: LastSelection): Promise<boolean> {
  try {
    makeDirectories(homeDirectory);
    await writeFile(path.join(homeDirectory, fileName), `${JSON.stringify(selection, null, 2)}\n`, 'utf8');
    return true;
  } catch {
    return false;
  }
}
