import path from 'node:path';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
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

export const builtInSettings: Settings = {
  configFile: null,
  catalog: presetCatalog,
  roles: {},
  retries: null,
  concurrency: null,
  language: null,
};

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
        throw new UsageError(t('config.cannotReadExplicit', { file: explicit, problem: fileProblem(code) }));
      }
      // No file there is the normal case; a file that is there but unreadable must not be skipped silently.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        throw new UsageError(t('config.cannotReadFound', { file: candidate, problem: fileProblem(code) }));
      }
    }
  }
  return null;
}

/** What is wrong with a file that could not be read, from its error code: `does not exist`… */
export function fileProblem(code: string): string {
  if (code === 'ENOENT') return t('config.file.missing');
  if (code === 'EISDIR') return t('config.file.directory');
  if (code === 'EACCES' || code === 'EPERM') return t('config.file.unreadable');
  return t('config.file.cannotRead', { code });
}

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
    throw new UsageError(t('config.tooLarge', { file: displayName(found.path, deps.cwd), size }));
  }
  const { parseConfig } = await import('./parse-config.js');
  return parseConfig(found.text, displayName(found.path, deps.cwd), deps.env);
}
