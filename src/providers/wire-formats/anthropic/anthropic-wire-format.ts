import Anthropic from '@anthropic-ai/sdk';
import { endpointError } from '../endpoint-error.js';
import { probeWithModelList } from '../probe-with-model-list.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { createAnthropicClient } from './anthropic-client.js';
import { createAnthropicMessagesModel } from './anthropic-messages-model.js';
import { mapAnthropicUsage, type AnthropicUsage } from './map-anthropic-usage.js';

/** Anthropic Messages: Anthropic itself and every compatible endpoint (MiniMax, DeepSeek, Kimi, GLM, proxies). */
export const anthropicWireFormat: WireFormatAdapter = {
  createModel: createAnthropicMessagesModel,

  async listModels(config, options) {
    const client = createAnthropicClient(config, options.timeoutMs);
    const ids: string[] = [];
    try {
      for await (const entry of client.models.list({}, { signal: options.signal })) ids.push(entry.id);
    } catch (error) {
      throw endpointError(error, Anthropic, config, options);
    }
    return ids.sort();
  },

  probeKey: (config, options, progress) =>
    probeWithModelList(
      config,
      options,
      progress,
      async () => {
        const client = createAnthropicClient(config, options.timeoutMs);
        try {
          return { body: await client.get<unknown>('/v1/models', { signal: options.signal }) };
        } catch (error) {
          throw endpointError(error, Anthropic, config, options);
        }
      },
      createAnthropicMessagesModel,
    ),

  normalizeUsage: (raw) => mapAnthropicUsage(raw as AnthropicUsage | null),
};
