import type { AdapterConfig } from '../providers/adapter-config.js';
import { createAnthropicBatchApi } from './anthropic-batch-api.js';
import { createOpenAIBatchApi } from './openai-batch-api.js';
import type { BatchApi } from './batch-api.js';
import type { BatchApiOptions } from './batch-call.js';
import type { BatchRoute } from './batch-support.js';

/**
 * The batch API of one provider at the route `batchSupportFor` found (or a format and endpoint a
 * test names): the same config as its ordinary calls (key, base URL, headers, proxies, limits).
 */
export function createBatchApi(
  config: AdapterConfig,
  route: Pick<BatchRoute, 'format' | 'endpoint' | 'maxRequests' | 'omitTemperature'>,
  options: Omit<BatchApiOptions, 'endpoint' | 'maxRequests' | 'omitTemperature'> = {},
): BatchApi {
  const all: BatchApiOptions = {
    ...options,
    endpoint: route.endpoint,
    maxRequests: route.maxRequests,
    omitTemperature: route.omitTemperature,
  };
  return route.format === 'anthropic' ? createAnthropicBatchApi(config, all) : createOpenAIBatchApi(config, all);
}
