import type { ReplySoFar } from '../providers/language-model.js';

/** Every kind of provider failure, as it appears in `--json` as `error.type`. */
export type ProviderErrorType =
  | 'AUTH'
  | 'PERMISSION'
  | 'RATE_LIMIT'
  | 'QUOTA_EXCEEDED'
  | 'MODEL_NOT_FOUND'
  | 'CONTEXT_LENGTH'
  | 'CONTENT_FILTER'
  | 'BAD_REQUEST'
  | 'TIMEOUT'
  | 'NETWORK'
  | 'SERVER_ERROR'
  | 'OVERLOADED'
  | 'BAD_RESPONSE'
  | 'CANCELLED'
  | 'UNKNOWN';

/** Fields of a provider failure, serializable as-is. */
export interface ProviderErrorFields {
  type: ProviderErrorType;
  message: string;
  provider: string;
  model: string;
  status: number | null;
  requestId: string | null;
  retryable: boolean;
  retryAfterMs: number | null;
  /** Text streamed before the failure (a stream cut midway), or null. */
  partialText?: string | null;
  /** What the reply had brought when it failed (usage, reasoning, finish reason), or null. */
  reply?: ReplySoFar | null;
}

/**
 * The one error type every adapter throws. Its message never contains a key; it is written in the
 * run's interface language (the server's own words quoted as sent), so code decides on `type`, never
 * on the message.
 */
export class ProviderError extends Error implements ProviderErrorFields {
  readonly type: ProviderErrorType;
  readonly provider: string;
  readonly model: string;
  readonly status: number | null;
  readonly requestId: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly partialText: string | null;
  readonly reply: ReplySoFar | null;

  constructor(fields: ProviderErrorFields, options?: { cause?: unknown }) {
    super(fields.message, options);
    this.name = 'ProviderError';
    this.type = fields.type;
    this.provider = fields.provider;
    this.model = fields.model;
    this.status = fields.status;
    this.requestId = fields.requestId;
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
    this.partialText = fields.partialText ?? null;
    this.reply = fields.reply ?? null;
  }

  /** The same error, carrying the text that arrived before it. */
  withPartialText(partialText: string): ProviderError {
    return new ProviderError({ ...this.fields(), partialText }, { cause: this.cause });
  }

  /**
   * The same error, carrying what the reply had brought: its text (kept as partial text when there
   * is any), reasoning, usage and finish reason.
   */
  withReply(reply: ReplySoFar): ProviderError {
    const partialText = reply.text === '' ? this.partialText : reply.text;
    return new ProviderError({ ...this.fields(), partialText, reply }, { cause: this.cause });
  }

  /** The plain fields, e.g. for JSON. */
  fields(): ProviderErrorFields {
    const { type, message, provider, model, status, requestId, retryable, retryAfterMs, partialText, reply } = this;
    return { type, message, provider, model, status, requestId, retryable, retryAfterMs, partialText, reply };
  }
}

const retryableTypes: ReadonlySet<ProviderErrorType> = new Set(['RATE_LIMIT', 'SERVER_ERROR', 'OVERLOADED', 'TIMEOUT', 'NETWORK']);

/** Whether this kind of failure could succeed if the call were made again. */
export const isRetryableType = (type: ProviderErrorType): boolean => retryableTypes.has(type);

/**
 * A failure found on our side (no HTTP status): retryable as its type says, unless `extra` says
 * otherwise.
 */
export function localProviderError(
  type: ProviderErrorType,
  message: string,
  where: { provider: string; model: string },
  extra: Partial<ProviderErrorFields> = {},
  cause?: unknown,
): ProviderError {
  return new ProviderError(
    {
      type,
      message,
      provider: where.provider,
      model: where.model,
      status: null,
      requestId: null,
      retryable: isRetryableType(type),
      retryAfterMs: null,
      ...extra,
    },
    { cause },
  );
}
