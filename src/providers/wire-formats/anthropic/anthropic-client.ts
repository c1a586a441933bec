import Anthropic from '@anthropic-ai/sdk';
import type { AdapterConfig } from '../../adapter-config.js';
import { keepingErrorBodies } from '../../error-body-capture.js';
import { createNodeHttpFetch } from '../../node-http-fetch.js';
import { silentSdkLogging } from '../../silent-sdk-logger.js';

/**
 * The one place an Anthropic-format client is built: our HTTP client (error bodies kept), no SDK
 * retries, the preset's headers and query, and the key both as the SDK's Bearer token and as
 * `x-api-key`, which many proxies and older gateways read instead.
 */
export function createAnthropicClient(config: AdapterConfig, timeoutMs?: number): Anthropic {
  const apiKey = config.apiKey ?? 'not-needed';
  return new Anthropic({
    apiKey,
    baseURL: config.baseURL,
    maxRetries: 0,
    ...silentSdkLogging,
    fetch: keepingErrorBodies(config.fetch ?? createNodeHttpFetch({ env: config.env, maxReplyBytes: config.maxReplyBytes })),
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    defaultHeaders: { ...config.headers, 'x-api-key': apiKey },
    ...(config.query && Object.keys(config.query).length > 0 ? { defaultQuery: config.query } : {}),
  });
}
