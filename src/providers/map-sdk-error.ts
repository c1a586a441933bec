import { localProviderError, ProviderError, type ProviderErrorType } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { errorBodyOf } from './error-body-capture.js';
import { mapHttpError } from './map-http-error.js';
import { couldNotReach, proxyInvolved } from './network-failure-reason.js';
import { RedirectRefusedError } from './node-http-fetch.js';
import { redactSecrets } from './redact-secrets.js';
import { replyTooLarge, ReplyTooLargeError } from './reply-limits.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes both Stainless-generated SDKs (openai, @anthropic-ai/sdk) export. */
export interface SdkErrorClasses {
  APIError: ErrorClass;
  APIUserAbortError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIConnectionError: ErrorClass;
}

/** Where a failure happened and what was in play, for the error message. */
export interface SdkErrorContext {
  provider: string;
  model: string;
  apiKeyEnv: string | null;
  timeoutMs: number;
  timedOut: boolean;
  cancelled: boolean;
  secrets: readonly (string | null | undefined)[];
}

interface ApiErrorShape {
  status?: number;
  error?: unknown;
  headers?: Headers;
  requestID?: string | null;
}

/** A failure found on our side; `message` names its type, cause and fix. */
function simple(type: ProviderErrorType, message: string, context: SdkErrorContext, cause: unknown): ProviderError {
  return localProviderError(type, redactSecrets(message, context.secrets), context, {}, cause);
}

/** `error` or the first of its causes that is a `type`, or null. */
function causeOfType<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    if (current instanceof type) return current;
  }
  return null;
}

/** Maps anything an SDK call threw to a typed {@link ProviderError}. */
export function mapSdkError(error: unknown, classes: SdkErrorClasses, context: SdkErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const tooLarge = causeOfType(error, ReplyTooLargeError);
  if (tooLarge) return replyTooLarge(context, tooLarge.limitBytes);
  const refused = causeOfType(error, RedirectRefusedError);
  if (refused) {
    const detail = t('errors.provider.redirect.fix', { refused: t('errors.provider.redirect.refused', { origin: refused.origin }) });
    return localProviderError('NETWORK', redactSecrets(detail, context.secrets), context, { retryable: false }, error);
  }
  if (context.timedOut || error instanceof classes.APIConnectionTimeoutError) {
    return simple('TIMEOUT', t('errors.provider.sdk.timeout', { ms: context.timeoutMs }), context, error);
  }
  if (context.cancelled || error instanceof classes.APIUserAbortError) {
    return simple('CANCELLED', t('errors.provider.sdk.cancelled'), context, error);
  }
  if (error instanceof classes.APIConnectionError) {
    // A local server that does not answer is most often one not started: say how to start it.
    const key = proxyInvolved(error)
      ? 'errors.provider.sdk.networkViaProxy'
      : context.provider === 'ollama'
        ? 'errors.provider.sdk.networkOllama'
        : 'errors.provider.sdk.networkDirect';
    return simple('NETWORK', t(key, { reach: couldNotReach(error) }), context, error);
  }
  if (error instanceof classes.APIError) {
    const apiError = error as Error & ApiErrorShape;
    return mapHttpError({
      provider: context.provider,
      model: context.model,
      status: apiError.status,
      // The body as sent when it was kept (a JSON array, a base_resp, an HTML page), else what the SDK read.
      body: errorBodyOf(apiError.headers) ?? apiError.error ?? apiError.message,
      headers: apiError.headers,
      requestId: apiError.requestID ?? null,
      apiKeyEnv: context.apiKeyEnv,
      secrets: context.secrets,
    });
  }
  if (error instanceof SyntaxError) {
    // V8 quotes the text it could not parse (`Unexpected token 'h', "hk_live_7f"... is not valid JSON`):
    // a piece of an echoed key that no redaction would recognise, so the quote is left out.
    const reason = error.message.split(/, (?:\.\.\.)?"/)[0];
    return simple('BAD_RESPONSE', t('errors.provider.sdk.unparsable', { reason: reason ?? '' }), context, error);
  }
  if (error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message)) {
    return simple('NETWORK', t('errors.provider.sdk.connectionCut', { reason: error.message }), context, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return simple('UNKNOWN', t('errors.provider.unknown', { message }), context, error);
}
