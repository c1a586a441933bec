import { isRetryableType, ProviderError, type ProviderErrorType } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { readErrorDetails, type ErrorDetails } from './read-error-details.js';
import { redactSecrets } from './redact-secrets.js';

/** An HTTP error response, as read off either SDK's error object. */
export interface HttpErrorInput {
  provider: string;
  model: string;
  /** HTTP status; undefined for an error sent inside a stream. */
  status: number | undefined;
  /** The error body in any shape (see {@link readErrorDetails}), parsed or as text. */
  body: unknown;
  headers: Parameters<typeof parseRetryAfter>[0];
  requestId: string | null;
  /** Env var that holds this provider's key, named in AUTH messages. */
  apiKeyEnv: string | null;
  secrets?: readonly (string | null | undefined)[];
}

/** MiniMax `base_resp.status_code` values (sent on HTTP 200 too). */
const miniMaxCodes: Record<string, ProviderErrorType> = {
  '1000': 'SERVER_ERROR',
  '1001': 'TIMEOUT',
  '1002': 'RATE_LIMIT',
  '1004': 'AUTH',
  '1008': 'QUOTA_EXCEEDED',
  '1013': 'SERVER_ERROR',
  '1024': 'SERVER_ERROR',
  '1026': 'CONTENT_FILTER',
  '1027': 'CONTENT_FILTER',
  '1033': 'SERVER_ERROR',
  '1039': 'CONTEXT_LENGTH',
  '2013': 'BAD_REQUEST',
  '2049': 'AUTH',
};

/** GLM (Zhipu / Z.ai) `error.code` values whose HTTP status alone would mislead (1113 comes as a 429). */
const glmCodes: Record<string, ProviderErrorType> = {
  '1113': 'QUOTA_EXCEEDED',
  '1211': 'MODEL_NOT_FOUND',
  '1261': 'CONTEXT_LENGTH',
  '1301': 'CONTENT_FILTER',
  '1302': 'RATE_LIMIT',
  '1303': 'RATE_LIMIT',
  '1304': 'QUOTA_EXCEEDED',
  '1305': 'OVERLOADED',
  '1308': 'QUOTA_EXCEEDED',
  '1309': 'QUOTA_EXCEEDED',
};

const quotaWords =
  /insufficient[_ ]quota|insufficient[_ ]balance|exceeded_current_quota|credit balance|quota[_ ]exceeded|arrearage|billing|余额不足|欠费|资源包|额度不足|账户余额|充值/i;
const overloadWords = /overloaded|engine_overloaded|server is busy|服务繁忙|访问量过大|负载过高/i;

function classify(status: number | undefined, details: ErrorDetails): ProviderErrorType {
  const coded = details.codeSource === 'base_resp' ? miniMaxCodes[details.code] : glmCodes[details.code];
  if (coded) return coded;
  const haystack = `${details.type} ${details.code} ${details.message}`;
  const lower = haystack.toLowerCase();
  if (quotaWords.test(haystack) || status === 402) return 'QUOTA_EXCEEDED';
  if (status === 529 || overloadWords.test(haystack)) return 'OVERLOADED';
  if (status === 401 || details.type === 'authentication_error' || details.code === 'invalid_api_key') return 'AUTH';
  if (status === 403 || details.type === 'permission_error') return 'PERMISSION';
  if (status === 429 || details.type === 'rate_limit_error' || details.code === 'rate_limit_exceeded') return 'RATE_LIMIT';
  if (status === 404 || details.code === 'model_not_found' || details.type === 'not_found_error') return 'MODEL_NOT_FOUND';
  if (/context[_ ]length|maximum context|prompt is too long|too many tokens|超长|超过最大长度/.test(lower)) return 'CONTEXT_LENGTH';
  if (/content[_ ]filter|content_policy|sensitive|safety|data_inspection_failed|敏感|不安全/.test(lower)) return 'CONTENT_FILTER';
  if (status === 408) return 'TIMEOUT';
  if (status === 400 || status === 422 || details.type === 'invalid_request_error') return 'BAD_REQUEST';
  if (status !== undefined && (status >= 500 || status < 400)) return 'SERVER_ERROR';
  if (details.type === 'api_error' || status === undefined) return 'SERVER_ERROR';
  return 'UNKNOWN';
}

/** The cause and fix of each kind of failure, in the run's language. */
function advice(type: ProviderErrorType, input: HttpErrorInput): string {
  const keyEnv = input.apiKeyEnv ?? t('errors.provider.advice.keyEnvUnknown');
  const model = input.model;
  switch (type) {
    case 'AUTH':
      return t('errors.provider.advice.auth', { keyEnv });
    case 'PERMISSION':
      return t('errors.provider.advice.permission', { keyEnv, model });
    case 'QUOTA_EXCEEDED':
      return t('errors.provider.advice.quota');
    case 'RATE_LIMIT':
      return t('errors.provider.advice.rateLimit');
    case 'OVERLOADED':
      return t('errors.provider.advice.overloaded');
    case 'MODEL_NOT_FOUND':
      return t('errors.provider.advice.modelNotFound', { model });
    case 'CONTEXT_LENGTH':
      return t('errors.provider.advice.contextLength');
    case 'CONTENT_FILTER':
      return t('errors.provider.advice.contentFilter');
    case 'BAD_REQUEST':
      return t('errors.provider.advice.badRequest');
    case 'SERVER_ERROR':
      return t('errors.provider.advice.serverError');
    case 'TIMEOUT':
      return t('errors.provider.advice.timeout');
    default:
      return t('errors.provider.advice.other');
  }
}

/**
 * Maps an HTTP error response (or an error inside a stream or a 200 reply) from any provider to a
 * typed, key-free {@link ProviderError}. The provider's own words are kept, next to our advice.
 */
export function mapHttpError(input: HttpErrorInput): ProviderError {
  const details = readErrorDetails(input.body);
  const type = classify(input.status ?? details.statusInside ?? undefined, details);
  const status = input.status === undefined ? t('errors.provider.http.inStream') : `HTTP ${input.status}`;
  const code = details.code && !details.message.includes(details.code) ? ` [${details.code}]` : '';
  // The server's own words are quoted as sent: a parameter, never read as a template.
  const said = details.message
    ? t('errors.provider.http.said', { message: details.message, code })
    : code
      ? t('errors.provider.http.codeOnly', { code })
      : '';
  const message = redactSecrets(t('errors.provider.http.line', { type, status, said, advice: advice(type, input) }), input.secrets);
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
