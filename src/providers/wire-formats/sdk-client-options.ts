import type { AdapterConfig } from '../adapter-config.js';
import { keepingErrorBodies } from '../error-body-capture.js';
import { createNodeHttpFetch } from '../node-http-fetch.js';
import { silentSdkLogging } from '../silent-sdk-logger.js';

/**
 * What both official SDK clients are built with: the key, the base URL, no SDK retries (the runner has
 * its own policy), no SDK console output, our HTTP client (proxies, reply limits, error bodies kept),
 * the call's timeout and the preset's query. Each format adds its own auth headers.
 */
export function sdkClientOptions(config: AdapterConfig, timeoutMs?: number) {
  return {
    apiKey: config.apiKey ?? 'not-needed',
    baseURL: config.baseURL,
    maxRetries: 0,
    ...silentSdkLogging,
    fetch: keepingErrorBodies(config.fetch ?? createNodeHttpFetch({ env: config.env, maxReplyBytes: config.maxReplyBytes })),
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    ...(config.query && Object.keys(config.query).length > 0 ? { defaultQuery: config.query } : {}),
  };
}
