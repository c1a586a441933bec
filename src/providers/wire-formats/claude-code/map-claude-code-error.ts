import { localProviderError, type ProviderError, type ProviderErrorType } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import { redactSecrets } from '../../redact-secrets.js';
import type { ClaudeResultEvent } from './read-claude-events.js';

/** Where a failure happened, and which secrets must never appear in its message. */
export interface ClaudeErrorContext {
  provider: string;
  model: string;
  secrets: readonly (string | null | undefined)[];
}

const patterns: [RegExp, ProviderErrorType][] = [
  [/invalid api key|please run \/login|not logged in|log ?in again|authenticat|oauth token|unauthori[sz]ed|credential/i, 'AUTH'],
  [/usage limit|limit reached|limit will reset|credit balance|out of credits|billing|quota/i, 'QUOTA_EXCEEDED'],
  [/rate.?limit|too many requests|\b429\b/i, 'RATE_LIMIT'],
  [/overloaded|\b529\b/i, 'OVERLOADED'],
  [/prompt is too long|context (window|length)|too many tokens/i, 'CONTEXT_LENGTH'],
  [/selected model|model.*(not found|not exist|not available)|invalid model|\b404\b/i, 'MODEL_NOT_FOUND'],
  [/permission|forbidden|\b403\b/i, 'PERMISSION'],
  [/api error: 5\d\d|internal server error|\b50[0-4]\b/i, 'SERVER_ERROR'],
  [/ECONNRESET|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|network|connection error|fetch failed/i, 'NETWORK'],
];

const byStatus = (status: number | null | undefined): ProviderErrorType | null => {
  if (typeof status !== 'number') return null;
  if (status === 401) return 'AUTH';
  if (status === 403) return null; // Claude Code reports an expired login as 403 too: the text decides
  if (status === 404) return 'MODEL_NOT_FOUND';
  if (status === 413) return 'CONTEXT_LENGTH';
  if (status === 429) return 'RATE_LIMIT';
  if (status === 529) return 'OVERLOADED';
  if (status >= 500) return 'SERVER_ERROR';
  if (status >= 400) return 'BAD_REQUEST';
  return null;
};

/** The kind of failure a Claude Code message (or HTTP status it reports) describes; BAD_RESPONSE when unknown. */
export function classifyClaudeFailure(message: string, status?: number | null): ProviderErrorType {
  return patterns.find(([pattern]) => pattern.test(message))?.[1] ?? byStatus(status) ?? 'BAD_RESPONSE';
}

/** Text the CLI printed, made one bounded line without secrets. */
export function oneLine(raw: string, secrets: ClaudeErrorContext['secrets'], limit = 300): string {
  const flat = redactSecrets(raw, secrets)
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** When a subscription limit resets, from Claude Code's `Claude AI usage limit reached|<epoch seconds>`. */
function resetAfterMs(message: string, nowMs: number): number | null {
  const epoch = /\|(\d{10})\b/.exec(message)?.[1];
  return epoch === undefined ? null : Math.max(0, Number(epoch) * 1000 - nowMs);
}

/** The typed error for a failure Claude Code described in words (a result event, or stderr). */
function describedFailure(what: string, context: ClaudeErrorContext, status: number | null, fallback: string): ProviderError {
  const said = oneLine(what, context.secrets);
  const type = classifyClaudeFailure(said, status);
  const detail = said === '' ? fallback : said;
  const message = `${type}: ${t('cliProvider.failed', { detail })}${hintFor(type)}`;
  const retryAfterMs = type === 'QUOTA_EXCEEDED' || type === 'RATE_LIMIT' ? resetAfterMs(what, Date.now()) : null;
  return localProviderError(type, message, context, { status, retryAfterMs });
}

function hintFor(type: ProviderErrorType): string {
  if (type === 'AUTH') return t('cliProvider.hint.login');
  if (type === 'QUOTA_EXCEEDED') return t('cliProvider.hint.quota');
  return '';
}

/** The error a `result` event with `is_error` (or an error subtype) stands for. */
export function resultError(result: ClaudeResultEvent, context: ClaudeErrorContext): ProviderError {
  const errors = Array.isArray(result.errors) ? result.errors.filter((item) => typeof item === 'string').join('; ') : '';
  const said = [typeof result.result === 'string' ? result.result : '', errors].filter((part) => part !== '').join('; ');
  const status = typeof result.api_error_status === 'number' ? result.api_error_status : null;
  return describedFailure(said, context, status, String(result.subtype ?? 'error'));
}

/** The error for a CLI that ended without a result: its exit code and the start of its stderr. */
export function exitError(
  exit: { code: number | null; signal: string | null; stderr: string },
  context: ClaudeErrorContext,
): ProviderError {
  const how =
    exit.signal === null ? t('cliProvider.exitCode', { code: String(exit.code) }) : t('cliProvider.exitSignal', { signal: exit.signal });
  const stderr = oneLine(exit.stderr, context.secrets);
  if (stderr === '') {
    return localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${t('cliProvider.noResult', { how })}`, context);
  }
  return describedFailure(exit.stderr, context, null, how);
}
