import OpenAI from 'openai';
import type { AdapterConfig } from '../../adapter-config.js';
import { keepingErrorBodies } from '../../error-body-capture.js';
import { createNodeHttpFetch } from '../../node-http-fetch.js';
import { silentSdkLogging } from '../../silent-sdk-logger.js';

/**
 * The one place an OpenAI-format client is built: our HTTP client (error bodies kept), no SDK
 * retries (the runner has its own policy), the preset's headers and query, and Azure's `api-key`
 * header instead of `Authorization: Bearer` where the preset says so.
 */
export function createOpenAIClient(config: AdapterConfig, timeoutMs?: number): OpenAI {
  const apiKey = config.apiKey ?? 'not-needed';
  return new OpenAI({
    apiKey,
    baseURL: config.baseURL,
    maxRetries: 0,
    ...silentSdkLogging,
    fetch: keepingErrorBodies(config.fetch ?? createNodeHttpFetch({ env: config.env, maxReplyBytes: config.maxReplyBytes })),
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    defaultHeaders: {
      ...config.headers,
      ...(config.apiKeyHeader === 'api-key' ? { 'api-key': apiKey, Authorization: null } : {}),
    },
    ...(config.query && Object.keys(config.query).length > 0 ? { defaultQuery: config.query } : {}),
  });
}
