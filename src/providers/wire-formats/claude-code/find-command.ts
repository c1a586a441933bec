import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { t } from '../../../i18n/translate.js';
import type { Env } from '../../../io/env.js';
import type { CommandTemplate } from '../../provider-preset.js';

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

/**
 * What stops a provider run through a local CLI from being used: its command is not found (named
 * with how to install it). Empty for every other provider (their endpoint is checked elsewhere), so
 * plans fail at once (exit 2).
 */
export function localCommandProblems(wireFormat: string, template: CommandTemplate | null, env: Env): string[] {
  if (template === null || findCommand(template.command, env) !== null) return [];
  return [commandNotFound(wireFormat, template)];
}

/** The message for a CLI provider whose command is not there: Claude Code's install command, or the config's `install:`. */
export function commandNotFound(wireFormat: string, template: CommandTemplate): string {
  const command = template.command;
  if (wireFormat === 'claude-code') return t('cliProvider.notFound', { command, install: claudeCodeInstall });
  return template.install
    ? t('cliProvider.command.notFoundInstall', { command, install: template.install })
    : t('cliProvider.command.notFound', { command });
}
