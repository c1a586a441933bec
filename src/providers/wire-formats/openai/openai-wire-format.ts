import OpenAI from 'openai';
import { sdkWireFormat } from '../sdk-wire-format.js';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.js';
import { createOpenAIChatModel } from './openai-chat-model.js';
import { createOpenAIClient } from './openai-client.js';

/** OpenAI Chat Completions: OpenAI itself and every compatible server or proxy. */
export const openAIWireFormat = sdkWireFormat({
  createModel: createOpenAIChatModel,
  createClient: createOpenAIClient,
  errorClasses: OpenAI,
  listModels: (client, signal) => client.models.list({ signal }),
  firstModelPage: (client, signal) => client.get<unknown>('/models', { signal }),
  normalizeUsage: (raw) => mapOpenAIUsage(raw as OpenAIUsage | null),
});
