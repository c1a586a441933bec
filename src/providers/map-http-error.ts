import { isRetryableType, ProviderError, type ProviderErrorType } from '../errors/provider-error.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { redactSecrets } from './redact-secrets.js';

/** An HTTP error response, as read off either SDK's error object. */
export interface HttpErrorInput {
  provider: string;
  model: string;
  status: number | undefined;
  /** Parsed error body (`{ error: { type, code, message } }` in both formats), if any. */
  body: unknown;
  headers: Parameters<typeof parseRetryAfter>[0];
  requestId: string | null;
  /** Env var that holds this provider's key, named in AUTH messages. */
  apiKeyEnv: string | null;
  secrets?: readonly (string | null | undefined)[];
}

interface ErrorDetails {
  type: string;
  code: string;
  message: string;
}

function readDetails(body: unknown): ErrorDetails {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const inner = (record.error && typeof record.error === 'object' ? record.error : record) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  return {
    type: text(inner.type),
    code: text(inner.code),
    message: text(inner.message) || (typeof record.error === 'string' ? record.error : '') || text(record.message),
  };
}

function classify(status: number | undefined, details: ErrorDetails): ProviderErrorType {
  const haystack = `${details.type} ${details.code} ${details.message}`.toLowerCase();
  if (haystack.includes('insufficient_quota') || haystack.includes('credit balance') || status === 402) {
    return 'QUOTA_EXCEEDED';
  }
  if (status === 529 || details.type === 'overloaded_error') return 'OVERLOADED';
  if (status === 401 || details.type === 'authentication_error') return 'AUTH';
  if (status === 403 || details.type === 'permission_error') return 'PERMISSION';
  if (status === 429 || details.type === 'rate_limit_error') return 'RATE_LIMIT';
  if (status === 404 || details.code === 'model_not_found' || details.type === 'not_found_error') return 'MODEL_NOT_FOUND';
  if (/context[_ ]length|maximum context|prompt is too long|too many tokens/.test(haystack)) return 'CONTEXT_LENGTH';
  if (/content[_ ]filter|content_policy|sensitive|safety/.test(haystack)) return 'CONTENT_FILTER';
  if (status === 408) return 'TIMEOUT';
  if (status === 400 || status === 422 || details.type === 'invalid_request_error') return 'BAD_REQUEST';
  if (status !== undefined && status >= 500) return 'SERVER_ERROR';
  if (details.type === 'api_error' || status === undefined) return 'SERVER_ERROR';
  return 'UNKNOWN';
}

function advice(type: ProviderErrorType, input: HttpErrorInput): string {
  const keyEnv = input.apiKeyEnv ?? 'the provider key variable';
  switch (type) {
    case 'AUTH':
      return `check ${keyEnv} (the key was rejected)`;
    case 'PERMISSION':
      return `the key in ${keyEnv} may not access model "${input.model}"`;
    case 'QUOTA_EXCEEDED':
      return 'add credit or raise the quota on the provider account';
    case 'RATE_LIMIT':
      return 'wait and try again, or run fewer models at once';
    case 'MODEL_NOT_FOUND':
      return `check the model id "${input.model}" (run: wechat-writer models)`;
    case 'CONTEXT_LENGTH':
      return 'shorten the prompt or lower --max-tokens';
    case 'BAD_REQUEST':
      return 'check --max-tokens and --temperature for this model';
    default:
      return 'try again later';
  }
}

/** Maps an HTTP error response from any provider to a typed, key-free {@link ProviderError}. */
export function mapHttpError(input: HttpErrorInput): ProviderError {
  const details = readDetails(input.body);
  const type = classify(input.status, details);
  const statusText = input.status === undefined ? 'in stream' : `HTTP ${input.status}`;
  const serverSaid = details.message ? `: ${details.message}` : '';
  const message = redactSecrets(`${type} (${statusText})${serverSaid}; ${advice(type, input)}`, input.secrets);
  return new ProviderError({
    type,
    message,
    provider: input.provider,
    model: input.model,
    status: input.status ?? null,
    requestId: input.requestId,
    retryable: isRetryableType(type),
    retryAfterMs: parseRetryAfter(input.headers),
  });
}
