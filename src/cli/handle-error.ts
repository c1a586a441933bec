import { CommanderError } from 'commander';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { UsageError } from '../errors/usage-error.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { CommandIO } from './command-io.js';

const secretValues = (env: CommandIO['env']) =>
  Object.entries(env)
    .filter(([name]) => /KEY|TOKEN|SECRET|PASSWORD/i.test(name))
    .map(([, value]) => value);

/**
 * The one place errors become exit codes: one line on stderr naming the cause and the fix, and a
 * stack trace only with --debug. Nothing printed here can contain a key.
 */
export function handleError(error: unknown, io: Pick<CommandIO, 'stderr' | 'env'>, debug = false): ExitCodeValue {
  const redact = (text: string) => redactSecrets(text, secretValues(io.env));
  const debugTrace = () => {
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${redact(error.stack)}\n`);
  };
  if (error instanceof CommanderError) {
    // Commander has already printed its one line (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InterruptedError) {
    io.stderr.write('wechat-writer: interrupted\n');
    return ExitCode.interrupted;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`wechat-writer: ${redact(error.message)}\n`);
    debugTrace();
    return ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`wechat-writer: unexpected error: ${redact(message)} (rerun with --debug for details, and please report it)\n`);
  debugTrace();
  return ExitCode.someFailed;
}
