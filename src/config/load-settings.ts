import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import { presetCatalog } from '../providers/preset-catalog.js';
import type { Env } from '../io/env.js';
import { resolveHomeDirectory } from './home-directory.js';
import type { Settings } from './settings.js';

/** What loading needs from outside. */
export interface SettingsDeps {
  env: Env;
  cwd: string;
  readTextFile(filePath: string): Promise<string>;
}

/** Largest config file read (a real one is a few KB); a bigger one is refused before parsing. */
export const maxConfigFileBytes = 1024 * 1024;

export const builtInSettings: Settings = { configFile: null, catalog: presetCatalog, roles: {}, retries: null, concurrency: null };

async function findConfigFile(explicit: string | undefined, deps: SettingsDeps): Promise<{ path: string; text: string } | null> {
  const candidates = explicit
    ? [path.resolve(deps.cwd, explicit)]
    : [path.join(deps.cwd, 'wechat-writer.config.yaml'), path.join(resolveHomeDirectory(deps.env), 'config.yaml')];
  for (const candidate of candidates) {
    try {
      return { path: candidate, text: await deps.readTextFile(candidate) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      if (explicit) {
        throw new UsageError(
          `cannot read --config "${explicit}": it ${readProblems[code] ?? `cannot be read (${code})`}; check the path, or leave out --config`,
        );
      }
      // No file there is the normal case; a file that is there but unreadable must not be skipped silently.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        throw new UsageError(
          `cannot read the config file ${candidate}: it ${readProblems[code] ?? `cannot be read (${code})`}; fix it, or pass --config <file>`,
        );
      }
    }
  }
  return null;
}

const readProblems: Record<string, string> = {
  ENOENT: 'does not exist',
  EISDIR: 'is a directory, not a file',
  EACCES: 'is not readable (permission denied)',
  EPERM: 'is not readable (permission denied)',
};

/** The file as messages name it: relative to the working directory when inside it, else absolute. */
function displayName(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? filePath : relative;
}

/**
 * Finds the config file (`--config`, else `./wechat-writer.config.yaml`, else
 * `WECHAT_WRITER_HOME/config.yaml`), validates it and merges its providers into the catalogue.
 * Every problem in the file is reported at once, before any call.
 */
export async function loadSettings(explicitPath: string | undefined, deps: SettingsDeps): Promise<Settings> {
  const found = await findConfigFile(explicitPath, deps);
  if (!found) return builtInSettings;
  const bytes = Buffer.byteLength(found.text);
  if (bytes > maxConfigFileBytes) {
    const size = `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    throw new UsageError(
      `the config file ${displayName(found.path, deps.cwd)} is ${size}, over the 1 MiB a config file may be: check it is the right file (--config), or trim it`,
    );
  }
  const { parseConfig } = await import('./parse-config.js');
  return parseConfig(found.text, displayName(found.path, deps.cwd), deps.env);
}
