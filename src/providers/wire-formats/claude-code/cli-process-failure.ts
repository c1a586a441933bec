import { localProviderError, ProviderError } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import { oneLine, type ClaudeErrorContext } from './map-claude-code-error.js';
import { CliProcessError } from './run-cli-process.js';

/** What a local-CLI provider says in its own words when its process did not run to its end. */
export interface CliFailureWords {
  /** The process could not be started (`detail`: the system's reason, one line, redacted). */
  cannotStart(detail: string): string;
  /** A reading error of its own kind (e.g. a line that is not JSON; `error` is its cause), or null for the generic one. */
  readFailure?(error: CliProcessError, where: ClaudeErrorContext): ProviderError | null;
}

/**
 * The typed error of a local CLI run stopped before the CLI ended on its own (timeout, Ctrl-C, too
 * much output, no start, unreadable output), for claude-code and `type: command` alike.
 */
export function cliProcessFailure(error: unknown, where: ClaudeErrorContext, timeoutMs: number, words: CliFailureWords): ProviderError {
  if (!(error instanceof CliProcessError))
    return localProviderError('UNKNOWN', `UNKNOWN: ${oneLine(String(error), where.secrets)}`, where, {}, error);
  if (error.reason === 'timeout')
    return localProviderError('TIMEOUT', t('errors.provider.sdk.timeout', { ms: timeoutMs }), where, {}, error);
  if (error.reason === 'cancelled') return localProviderError('CANCELLED', t('errors.provider.sdk.cancelled'), where, {}, error);
  if (error.reason === 'spawn')
    return localProviderError('BAD_REQUEST', `BAD_REQUEST: ${words.cannotStart(oneLine(error.message, where.secrets))}`, where, {}, error);
  if (error.cause instanceof ProviderError) return error.cause;
  return (
    words.readFailure?.(error, where) ??
    localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${oneLine(error.message, where.secrets)}`, where, {}, error)
  );
}
