import OpenAI from 'openai';
import type { AdapterConfig } from '../../adapter-config.js';
import { sdkClientOptions } from '../sdk-client-options.js';

/**
 * The one place an OpenAI-format client is built: the shared options, and Azure's `api-key` header
 * instead of `Authorization: Bearer` where the preset says so.
 */
export function createOpenAIClient(config: AdapterConfig, timeoutMs?: number): OpenAI {
  const options = sdkClientOptions(config, timeoutMs);
  return new OpenAI({
    ...options,
    defaultHeaders: {
      ...config.headers,
      ...(config.apiKeyHeader === 'api-key' ? { 'api-key': options.apiKey, Authorization: null } : {}),
    },
  });
}
