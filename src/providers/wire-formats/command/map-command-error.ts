import path from 'node:path';
import { localProviderError, ProviderError, type ProviderErrorType } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import { classifyClaudeFailure, oneLine, type ClaudeErrorContext } from '../claude-code/map-claude-code-error.js';
import { cliProcessFailure } from '../claude-code/cli-process-failure.js';
import type { CliProcessExit } from '../claude-code/run-cli-process.js';

/** Where a failure happened, which CLI it was (its file name, as messages name it), and the secrets to hide. */
export interface CommandErrorContext extends ClaudeErrorContext {
  command: string;
}

/** The name a message gives a CLI: its file name, not a whole path. */
export const commandName = (command: string): string => path.basename(command) || command;

function hintFor(type: ProviderErrorType, command: string): string {
  if (type === 'AUTH') return t('cliProvider.command.hint.login', { command });
  if (type === 'QUOTA_EXCEEDED') return t('cliProvider.hint.quota');
  return '';
}

/** The typed error for a failure the CLI described (an error field, or its stderr): its words, one bounded line, no secrets. */
export function describedCommandFailure(what: string, context: CommandErrorContext): ProviderError {
  const detail = oneLine(what, context.secrets);
  const type = classifyClaudeFailure(detail);
  return localProviderError(
    type,
    `${type}: ${t('cliProvider.command.failed', { command: context.command, detail })}${hintFor(type, context.command)}`,
    context,
  );
}

/** How the CLI ended: its exit code or the signal that stopped it. */
export const howItEnded = (exit: CliProcessExit): string =>
  exit.signal === null ? t('cliProvider.exitCode', { code: String(exit.code) }) : t('cliProvider.exitSignal', { signal: exit.signal });

/** The error for a CLI that failed without an error field: its stderr, else its exit code. */
export function exitFailure(exit: CliProcessExit, context: CommandErrorContext): ProviderError {
  if (oneLine(exit.stderr, context.secrets) !== '') return describedCommandFailure(exit.stderr, context);
  return localProviderError(
    'BAD_RESPONSE',
    `BAD_RESPONSE: ${t('cliProvider.command.ended', { command: context.command, how: howItEnded(exit) })}`,
    context,
  );
}

/** The typed error for a run stopped before the CLI ended on its own (timeout, Ctrl-C, too much output, no start). */
export function processFailure(error: unknown, context: CommandErrorContext, timeoutMs: number): ProviderError {
  return cliProcessFailure(error, context, timeoutMs, {
    cannotStart: (detail) => t('cliProvider.command.cannotStart', { command: context.command, detail }),
  });
}
