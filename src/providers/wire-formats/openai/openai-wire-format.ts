import OpenAI from 'openai';
import { endpointError } from '../endpoint-error.js';
import { probeWithModelList } from '../probe-with-model-list.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.js';
import { createOpenAIChatModel } from './openai-chat-model.js';
import { createOpenAIClient } from './openai-client.js';

/** OpenAI Chat Completions: OpenAI itself and every compatible server or proxy. */
export const openAIWireFormat: WireFormatAdapter = {
  createModel: createOpenAIChatModel,

  async listModels(config, options) {
    const client = createOpenAIClient(config, options.timeoutMs);
    const ids: string[] = [];
    try {
      for await (const entry of client.models.list({ signal: options.signal })) ids.push(entry.id);
    } catch (error) {
      throw endpointError(error, OpenAI, config, options);
    }
    return ids.sort();
  },

  probeKey: (config, options, progress) =>
    probeWithModelList(
      config,
      options,
      progress,
      async () => {
        const client = createOpenAIClient(config, options.timeoutMs);
        try {
          return { body: await client.get<unknown>('/models', { signal: options.signal }) };
        } catch (error) {
          throw endpointError(error, OpenAI, config, options);
        }
      },
      createOpenAIChatModel,
    ),

  normalizeUsage: (raw) => mapOpenAIUsage(raw as OpenAIUsage | null),
};
