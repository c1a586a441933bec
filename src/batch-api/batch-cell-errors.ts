import { localProviderError, ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { mapHttpError } from '../providers/map-http-error.js';
import { readErrorDetails } from '../providers/read-error-details.js';
import { maxReplyBytesEnv } from '../providers/reply-limits.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { BatchCellOutcome, BatchFailureReason } from './batch-api.js';
import { sizeText } from './batch-limits.js';

/** Where a batch's results come from: the provider, the cells' model, and what to redact. */
export interface BatchWhere {
  provider: string;
  model: string;
  batchId: string;
  apiKeyEnv: string | null;
  secrets: readonly (string | null | undefined)[];
}

/** The provider's own words, at most this many characters (a hostile server may send megabytes). */
const maxSaid = 500;
const bounded = (text: string) => (text.length > maxSaid ? `${text.slice(0, maxSaid)}…` : text);

/** A failed cell's outcome. */
export const failed = (customId: string, reason: BatchFailureReason, error: ProviderError): BatchCellOutcome => ({
  customId,
  ok: false,
  reason,
  error,
});

/**
 * The error a provider put in the results for one cell. With the inner call's HTTP status (OpenAI's
 * error file) it reads as any HTTP error; without one (Anthropic's `errored`, OpenAI's `error`
 * object) its type comes from the body and the message says it came in the batch results.
 */
export function cellError(where: BatchWhere, body: unknown, status: number | undefined, requestId: string | null): ProviderError {
  const mapped = mapHttpError({
    provider: where.provider,
    model: where.model,
    status,
    body,
    headers: undefined,
    requestId,
    apiKeyEnv: where.apiKeyEnv,
    secrets: where.secrets,
  });
  if (status !== undefined) return mapped;
  const details = readErrorDetails(body);
  const said = details.message || details.code;
  const message = t('batchApi.cell.errored', { type: mapped.type, said: said ? t('batchApi.cell.said', { message: bounded(said) }) : '' });
  return new ProviderError({ ...mapped.fields(), message: redactSecrets(message, where.secrets), status: null });
}

/** A cell the batch never ran: expired (retryable), cancelled, or not mentioned in the results. */
export function cellNotRun(where: BatchWhere, reason: Exclude<BatchFailureReason, 'errored'>): ProviderError {
  const at = { provider: where.provider, model: where.model };
  if (reason === 'expired') return localProviderError('TIMEOUT', t('batchApi.cell.expired'), at, { retryable: true });
  if (reason === 'cancelled') return localProviderError('CANCELLED', t('batchApi.cell.cancelled'), at);
  return localProviderError('BAD_RESPONSE', t('batchApi.cell.missing'), at, { retryable: true });
}

/** A cell whose result line passed the per-reply byte limit (not kept, not retried: it would come again). */
export function cellTooLong(where: BatchWhere, limitBytes: number): ProviderError {
  return localProviderError(
    'BAD_RESPONSE',
    t('batchApi.cell.tooLong', { size: sizeText(limitBytes), env: maxReplyBytesEnv }),
    { provider: where.provider, model: where.model },
    { retryable: false },
  );
}

/** Every cell of a batch the provider refused as a whole (OpenAI `failed`: the input did not validate). */
export function batchRefused(where: BatchWhere, errors: readonly string[]): ProviderError {
  const said = errors.length > 0 ? t('batchApi.cell.said', { message: bounded(errors.join('; ')) }) : '';
  return localProviderError(
    'BAD_REQUEST',
    redactSecrets(t('batchApi.batchFailed', { said }), where.secrets),
    { provider: where.provider, model: where.model },
    { retryable: false },
  );
}
