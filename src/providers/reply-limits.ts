import { localProviderError, type ProviderError } from '../errors/provider-error.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import type { ReplySoFar } from './language-model.js';

/**
 * How much one call may bring back: bytes of (decompressed) body, checked by the HTTP client before
 * the SDK sees them, and characters of text plus reasoning, checked by the adapters as a stream
 * arrives. The defaults are far above any real article; a hostile or broken server (a gzip bomb, an
 * endless stream, one giant line) is stopped there, with the text so far kept.
 */
export interface ReplyLimits {
  maxReplyBytes: number;
  maxReplyChars: number;
}

export const maxReplyBytesEnv = 'WECHAT_WRITER_MAX_REPLY_BYTES';
export const maxReplyCharsEnv = 'WECHAT_WRITER_MAX_REPLY_CHARS';
export const defaultReplyLimits: ReplyLimits = { maxReplyBytes: 16 * 1024 * 1024, maxReplyChars: 2_000_000 };

function readLimit(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1024) {
    throw new UsageError(t('errors.limits.badNumber', { name, value: raw, fallback }));
  }
  return value;
}

/** The limits from `WECHAT_WRITER_MAX_REPLY_BYTES` / `WECHAT_WRITER_MAX_REPLY_CHARS`, else the defaults (UsageError when malformed). */
export function readReplyLimits(env: Env): ReplyLimits {
  return {
    maxReplyBytes: readLimit(env, maxReplyBytesEnv, defaultReplyLimits.maxReplyBytes),
    maxReplyChars: readLimit(env, maxReplyCharsEnv, defaultReplyLimits.maxReplyChars),
  };
}

/** A size for messages: `16 MiB`, `1.5 MiB`, `2,000 bytes`. */
const bytesText = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`
    : t('errors.provider.reply.bytes', { count: bytes.toLocaleString('en') });

/**
 * What the HTTP client errors a body with when it passes the byte limit. It is no `TypeError`, so
 * the SDKs do not take it for a connection failure; mapSdkError finds it in a cause chain.
 */
export class ReplyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(t('errors.provider.reply.exceeded', { size: bytesText(limitBytes) }));
    this.name = 'ReplyTooLargeError';
  }
}

/** The typed error of a reply over the byte limit (not retried: the same server would send it again). */
export function replyTooLarge(where: { provider: string; model: string }, limitBytes: number): ProviderError {
  return localProviderError(
    'BAD_RESPONSE',
    t('errors.provider.reply.tooLarge', { size: bytesText(limitBytes), env: maxReplyBytesEnv }),
    where,
    { retryable: false },
  );
}

/** The typed error of a reply whose text and reasoning passed the character limit (not retried). */
export function replyTooLong(where: { provider: string; model: string }, limitChars: number): ProviderError {
  return localProviderError(
    'BAD_RESPONSE',
    t('errors.provider.reply.tooLong', { count: limitChars.toLocaleString('en'), env: maxReplyCharsEnv }),
    where,
    { retryable: false },
  );
}

/**
 * A whole (not streamed) reply within the character limit: returned as it is, or, when its text and
 * reasoning pass the limit, {@link replyTooLong} carrying them cut to the limit (text first).
 */
export function withinCharLimit<T extends ReplySoFar>(reply: T, limit: number, where: { provider: string; model: string }): T {
  const reasoning = reply.reasoning ?? '';
  if (reply.text.length + reasoning.length <= limit) return reply;
  const text = reply.text.slice(0, limit);
  throw replyTooLong(where, limit).withReply({ ...reply, text, reasoning: reasoning.slice(0, limit - text.length) || null });
}
