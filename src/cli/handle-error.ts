import { CommanderError } from 'commander';
import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.js';
import { InterruptedError } from '../errors/interrupted-error.js';
import { UsageError } from '../errors/usage-error.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import { terminalSafe } from '../format/terminal-safe.js';
import type { MessageKey } from '../i18n/catalog/index.js';
import { t } from '../i18n/translate.js';
import type { CommandIO } from './command-io.js';

const secretValues = (env: CommandIO['env']) =>
  Object.entries(env)
    .filter(([name]) => /KEY|TOKEN|SECRET|PASSWORD/i.test(name))
    .map(([, value]) => value);

/** File-system failures that are the machine's state, not a bug in the tool (their text is `cli.file.<code>`). */
const fileProblems = {
  ENOSPC: 'cli.file.ENOSPC',
  EDQUOT: 'cli.file.EDQUOT',
  EROFS: 'cli.file.EROFS',
  EACCES: 'cli.file.EACCES',
  EPERM: 'cli.file.EACCES',
  EIO: 'cli.file.EIO',
  ENOTDIR: 'cli.file.ENOTDIR',
  EISDIR: 'cli.file.EISDIR',
  EFBIG: 'cli.file.EFBIG',
} as const satisfies Record<string, MessageKey>;

/**
 * The one place errors become exit codes: one line on stderr naming the cause and the fix, and a
 * stack trace only with --debug. Nothing printed here can contain a key.
 */
export function handleError(error: unknown, io: Pick<CommandIO, 'stderr' | 'env'>, debug = false): ExitCodeValue {
  const redact = (text: string) => terminalSafe(redactSecrets(text, secretValues(io.env)));
  /** With --debug: the stack, then each cause in turn (what the SDK or the system said), all redacted. */
  const debugTrace = () => {
    if (!debug) return;
    let current: unknown = error;
    for (let depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
      const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
      io.stderr.write(`${depth === 0 ? '' : t('cli.error.causedBy')}${redact(text)}\n`);
      current = current instanceof Error ? current.cause : undefined;
    }
  };
  if (error instanceof CommanderError) {
    // Commander has already printed its one line (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof InterruptedError) {
    io.stderr.write(`wechat-writer: ${t('cli.error.interrupted')}\n`);
    return ExitCode.interrupted;
  }
  if (error instanceof UsageError) {
    io.stderr.write(`wechat-writer: ${redact(error.message)}\n`);
    debugTrace();
    return ExitCode.usage;
  }
  const fileProblem = fileProblems[((error as NodeJS.ErrnoException | null)?.code ?? '') as keyof typeof fileProblems] as
    MessageKey | undefined;
  if (fileProblem) {
    // the disk, not a bug: say what and where, and that finished results are kept in the history
    const { code, path: filePath } = error as NodeJS.ErrnoException;
    const where = filePath ? ` ${redact(filePath)}` : '';
    io.stderr.write(`wechat-writer: ${t('cli.error.couldNotWrite', { where, code: code ?? '', problem: t(fileProblem) })}\n`);
    debugTrace();
    return ExitCode.someFailed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`wechat-writer: ${t('cli.error.unexpected', { message: redact(message) })}\n`);
  debugTrace();
  return ExitCode.someFailed;
}
