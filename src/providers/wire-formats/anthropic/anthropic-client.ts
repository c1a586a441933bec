import Anthropic from '@anthropic-ai/sdk';
import type { AdapterConfig } from '../../adapter-config.js';
import { sdkClientOptions } from '../sdk-client-options.js';

/**
 * The one place an Anthropic-format client is built: the shared options, and the key both as the
 * SDK's Bearer token and as `x-api-key`, which many proxies and older gateways read instead.
 */
export function createAnthropicClient(config: AdapterConfig, timeoutMs?: number): Anthropic {
  const options = sdkClientOptions(config, timeoutMs);
  return new Anthropic({ ...options, defaultHeaders: { ...config.headers, 'x-api-key': options.apiKey } });
}
