import { CommanderError } from 'commander';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { UsageError } from '../errors/usage-error.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { CommandIO } from './command-io.js';

/** The one place errors become exit codes and a single line on stderr. */
export function handleError(error: unknown, io: Pick<CommandIO, 'stderr' | 'env'>): ExitCodeValue {
  if (error instanceof CommanderError) {
    // Commander has already printed its one line (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`wechat-writer: ${error.message}\n`);
    return ExitCode.usage;
  }
  const secrets = Object.entries(io.env)
    .filter(([name]) => /KEY|TOKEN|SECRET/i.test(name))
    .map(([, value]) => value);
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`wechat-writer: unexpected error: ${redactSecrets(message, secrets)} (please report it)\n`);
  return ExitCode.someFailed;
}
