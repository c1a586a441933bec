import type { AdapterConfig } from './adapter-config.js';
import { mapHttpError } from './map-http-error.js';
import { replyError } from './read-error-details.js';

/**
 * Throws the typed error that a reply or a stream chunk carries instead of content (a MiniMax
 * `base_resp` with a non-zero code, an `error` object on HTTP 200), if it carries one.
 */
export function throwIfReplyError(config: AdapterConfig, body: unknown, status: number | undefined, requestId: string | null): void {
  if (!replyError(body)) return;
  throw mapHttpError({
    provider: config.provider,
    model: config.modelId,
    status,
    body,
    headers: undefined,
    requestId,
    apiKeyEnv: config.apiKeyEnv,
    secrets: [config.apiKey],
  });
}
