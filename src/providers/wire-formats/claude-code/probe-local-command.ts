import { localProviderError, type ProviderError } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import type { Env } from '../../../io/env.js';
import { replyTooLarge } from '../../reply-limits.js';
import type { EndpointCallOptions, KeyProbeProgress } from '../wire-format-adapter.js';
import { CliProcessError, runCliProcess, type CliProcessExit } from './run-cli-process.js';

/** How `doctor` checks a provider run through a local CLI: what to run, and how its failures read. */
export interface LocalCommandProbe {
  /** The command, already found; `null` when it is not there (then `notFound` is the message). */
  file: string | null;
  notFound: string;
  /** Arguments that make the CLI answer without calling a model (`--version`). */
  args: readonly string[];
  where: { provider: string; model: string; secrets: readonly (string | null | undefined)[] };
  env: Env;
  /** The error for a non-zero exit. */
  exitError(exit: CliProcessExit): ProviderError;
  /** The message for a CLI that could not be started. */
  cannotStart(detail: string): string;
}

/**
 * Checks that the command is there and starts (its version command): it makes no model call, which
 * would spend the subscription. Throws a ProviderError; `progress` says the command answered.
 */
export async function probeLocalCommand(probe: LocalCommandProbe, options: EndpointCallOptions, progress: KeyProbeProgress): Promise<void> {
  progress.method = 'command';
  const { where } = probe;
  if (probe.file === null) throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${probe.notFound}`, where);
  try {
    const exit = await runCliProcess({
      file: probe.file,
      args: probe.args,
      stdin: '',
      env: probe.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onLine: () => {},
      maxStdoutBytes: 64 * 1024,
      tooLarge: () => replyTooLarge(where, 64 * 1024),
    });
    progress.answered = true;
    if (exit.code !== 0) throw probe.exitError(exit);
  } catch (error) {
    if (!(error instanceof CliProcessError)) throw error;
    if (error.reason === 'timeout')
      throw localProviderError('TIMEOUT', t('errors.provider.probe.timeout', { ms: options.timeoutMs }), where);
    if (error.reason === 'cancelled') throw localProviderError('CANCELLED', t('errors.provider.sdk.cancelled'), where);
    throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${probe.cannotStart(error.message)}`, where);
  }
}
