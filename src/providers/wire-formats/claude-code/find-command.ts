import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../i18n/translate.js';
import type { Env } from '../../../io/env.js';

const isExecutableFile = (file: string): boolean => {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Where a command is: a path (with a `/`) as it is, relative to `cwd`; a plain name looked up on the
 * run's PATH, as a shell would (but no shell is ever involved). `null` when there is no executable file.
 */
export function findCommand(command: string, env: Env, cwd = process.cwd()): string | null {
  if (command.includes('/') || command.includes(path.sep)) {
    const file = path.resolve(cwd, command);
    return isExecutableFile(file) ? file : null;
  }
  const directories = (env.PATH ?? '').split(path.delimiter).filter((directory) => directory !== '');
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const directory of directories) {
    for (const extension of extensions) {
      const file = path.resolve(cwd, directory, command + extension);
      if (isExecutableFile(file)) return file;
    }
  }
  return null;
}

/** How to install the Claude Code CLI, named when it is missing. */
export const claudeCodeInstall = 'npm install -g @anthropic-ai/claude-code';

/** How to install the CLI a wire format runs, named in the error when it is missing. */
const installHints: Record<string, string> = { 'claude-code': claudeCodeInstall };

/**
 * What stops a provider run through a local CLI from being used: its command is not found. Empty for
 * every other wire format (their endpoint is checked elsewhere), so plans fail at once (exit 2).
 */
export function localCommandProblems(wireFormat: string, command: string | null, env: Env): string[] {
  if (!(wireFormat in installHints) || command === null) return [];
  if (findCommand(command, env) !== null) return [];
  return [t('cliProvider.notFound', { command, install: installHints[wireFormat] as string })];
}
