import { ProviderError } from '../errors/provider-error.js';
import type { ReplySoFar } from '../providers/language-model.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { ModelResult } from './model-result.js';
import type { ResultError } from './result-error.js';

/**
 * Everything a server sends is untrusted: a proxy may echo the key it received (or a configured
 * secret header) into any field. These functions remove every secret the run knows from what a
 * provider returned, before it reaches a terminal, a file, a report or the history. Data (text,
 * reasoning, model id, request id) loses exact secret values only, so an article is never altered by
 * a pattern; messages (errors, warnings) also lose anything shaped like a key.
 */

/** The secrets worth looking for: set, at least 4 characters, each once, longest first. */
export function usableSecrets(secrets: readonly (string | null | undefined)[]): string[] {
  const usable = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);
  return [...new Set(usable)].sort((a, b) => b.length - a.length);
}

const exact = (text: string, secrets: readonly string[]) => redactSecrets(text, secrets, { keyShapes: false });
const exactOrNull = (text: string | null, secrets: readonly string[]) => (text === null ? null : exact(text, secrets));
const message = (text: string, secrets: readonly string[]) => redactSecrets(text, secrets);

export function redactResultError(error: ResultError, secrets: readonly string[]): ResultError {
  return { ...error, message: message(error.message, secrets), requestId: exactOrNull(error.requestId, secrets) };
}

/** The result with every string that came from a server redacted. */
export function redactResult<T extends ModelResult>(result: T, secrets: readonly (string | null | undefined)[]): T {
  const known = usableSecrets(secrets);
  if (known.length === 0) return { ...result, warnings: result.warnings.map((warning) => message(warning, known)) };
  return {
    ...result,
    text: exactOrNull(result.text, known),
    reasoning: exactOrNull(result.reasoning, known),
    responseModel: exactOrNull(result.responseModel, known),
    requestId: exactOrNull(result.requestId, known),
    warnings: result.warnings.map((warning) => message(warning, known)),
    fallback: result.fallback && { ...result.fallback, error: redactResultError(result.fallback.error, known) },
    error: result.error && redactResultError(result.error, known),
  };
}

function redactReply(reply: ReplySoFar, secrets: readonly string[]): ReplySoFar {
  return {
    ...reply,
    text: exact(reply.text, secrets),
    reasoning: exactOrNull(reply.reasoning, secrets),
    responseModel: exactOrNull(reply.responseModel, secrets),
  };
}

/** An Error standing for a cause, its message (and its own causes') redacted, the stack without the message. */
function redactCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (cause === undefined || cause === null) return cause;
  if (!(cause instanceof Error)) return message(String(cause), secrets);
  const inner = depth < 8 ? redactCause(cause.cause, secrets, depth + 1) : undefined;
  // A parser's message quotes the text it choked on: a piece of a secret no redaction would recognise.
  const text = cause instanceof SyntaxError ? (cause.message.split(/, (?:\.\.\.)?"/)[0] ?? '') : cause.message;
  const copy = new Error(message(text, secrets), inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  const code = (cause as NodeJS.ErrnoException).code;
  if (typeof code === 'string') (copy as NodeJS.ErrnoException).code = code;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/**
 * The same failure with its message, request id, partial text and reply redacted, and its causes
 * (which may carry the server's body) replaced by redacted copies, so even a `--debug` print of the
 * chain shows no secret.
 */
export function redactProviderError(error: ProviderError, secrets: readonly (string | null | undefined)[]): ProviderError {
  const known = usableSecrets(secrets);
  if (known.length === 0) return error;
  const fields = error.fields();
  const cause = redactCause(error.cause, known);
  const redacted = new ProviderError(
    {
      ...fields,
      message: message(fields.message, known),
      requestId: exactOrNull(fields.requestId, known),
      partialText: fields.partialText === undefined ? undefined : exactOrNull(fields.partialText, known),
      reply: fields.reply ? redactReply(fields.reply, known) : fields.reply,
    },
    cause === undefined ? undefined : { cause },
  );
  if (error.stack) redacted.stack = message(error.stack, known);
  return redacted;
}

/** Redacts a text that arrives in pieces: see `createStreamRedactor`. */
export interface StreamRedactor {
  /** Takes the next piece; returns what can be passed on now without risk of showing part of a secret. */
  push(text: string): string;
  /** The end of the stream (or a failure): the text held back, redacted. */
  finish(): string;
}

/**
 * Redacts streamed text in which a secret may arrive split across pieces (even one character each).
 * What is passed on is redacted; the only text held back is the longest end of what arrived that
 * could still become a secret (at most the longest secret minus one character), so ordinary text
 * passes at once.
 */
export function createStreamRedactor(secrets: readonly (string | null | undefined)[]): StreamRedactor {
  const known = usableSecrets(secrets);
  const longest = known[0]?.length ?? 0;
  let pending = '';
  /** Length of the longest end of `text` that starts some secret (but is not a whole one). */
  const heldLength = (text: string) => {
    for (let length = Math.min(longest - 1, text.length); length > 0; length -= 1) {
      const end = text.slice(text.length - length);
      if (known.some((secret) => secret.startsWith(end))) return length;
    }
    return 0;
  };
  return {
    push(text) {
      if (known.length === 0) return text;
      const redacted = exact(pending + text, known);
      const held = heldLength(redacted);
      pending = redacted.slice(redacted.length - held);
      return redacted.slice(0, redacted.length - held);
    },
    finish() {
      const rest = exact(pending, known);
      pending = '';
      return rest;
    },
  };
}
