import { localProviderError, type ProviderError } from '../errors/provider-error.js';

/**
 * A stream that closed without its terminator (OpenAI format: no finish reason and no `[DONE]`;
 * Anthropic: no `message_stop`): the reply is cut off, not finished. Retried like a cut connection.
 */
export function streamEndedEarly(where: { provider: string; model: string }, missing: string): ProviderError {
  return localProviderError(
    'NETWORK',
    `NETWORK: the stream ended before the reply was finished (${missing}); the text so far is kept as incomplete`,
    where,
  );
}
