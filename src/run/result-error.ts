import type { ProviderError, ProviderErrorType } from '../errors/provider-error.js';

/** A failure as reported in JSON (`results[].error`). Never contains a key. */
export interface ResultError {
  type: ProviderErrorType;
  message: string;
  retryable: boolean;
  status: number | null;
  requestId: string | null;
  /** How long the server asked to wait before a retry, when it said. */
  retryAfterMs: number | null;
}

/** A typed failure as the JSON report (and the history) keep it. */
export function toResultError(error: ProviderError): ResultError {
  return {
    type: error.type,
    message: error.message,
    retryable: error.retryable,
    status: error.status,
    requestId: error.requestId,
    retryAfterMs: error.retryAfterMs,
  };
}
