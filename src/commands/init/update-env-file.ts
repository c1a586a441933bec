import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** A value as a `.env` line holds it: bare when plain, else single-quoted (dotenv reads it literally). */
function envValue(value: string): string {
  if (/^[\w.\-~+/=:@,]*$/.test(value)) return value;
  return value.includes("'") ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : `'${value}'`;
}

/**
 * Sets `entries` in the `.env` file at `filePath`: a line that already sets a name (`NAME=…` or
 * `export NAME=…`) is replaced in place, other names are appended; every other line (comments, other
 * variables) is kept as it was. The file is written whole next to itself and renamed over it, with
 * mode 600 (only its owner can read the keys). Returns the names written, never the values.
 */
export function updateEnvFile(filePath: string, entries: Readonly<Record<string, string>>): string[] {
  let existing = '';
  try {
    existing = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const lines = existing === '' ? [] : existing.replace(/\r?\n$/, '').split(/\r?\n/);
  const remaining = new Map(Object.entries(entries));
  const updated = lines.map((line) => {
    const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (name === undefined || !remaining.has(name)) return line;
    const value = remaining.get(name)!;
    remaining.delete(name);
    return `${name}=${envValue(value)}`;
  });
  for (const [name, value] of remaining) updated.push(`${name}=${envValue(value)}`);
  const temporary = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${updated.join('\n')}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, filePath);
  return Object.keys(entries);
}
