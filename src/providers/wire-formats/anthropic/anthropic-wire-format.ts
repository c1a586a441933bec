import Anthropic from '@anthropic-ai/sdk';
import { sdkWireFormat } from '../sdk-wire-format.js';
import { createAnthropicClient } from './anthropic-client.js';
import { createAnthropicMessagesModel } from './anthropic-messages-model.js';
import { mapAnthropicUsage, type AnthropicUsage } from './map-anthropic-usage.js';

/** Anthropic Messages: Anthropic itself and every compatible endpoint (MiniMax, DeepSeek, Kimi, GLM, proxies). */
export const anthropicWireFormat = sdkWireFormat({
  createModel: createAnthropicMessagesModel,
  createClient: createAnthropicClient,
  errorClasses: Anthropic,
  listModels: (client, signal) => client.models.list({}, { signal }),
  firstModelPage: (client, signal) => client.get<unknown>('/v1/models', { signal }),
  normalizeUsage: (raw) => mapAnthropicUsage(raw as AnthropicUsage | null),
});
