import type { AdapterConfig } from './adapter-config.js';
import type { LanguageModel } from './language-model.js';
import type { Env, ResolvedModel } from './registry.js';

/**
 * Builds the adapter for a resolved model. SDKs are imported only when a model of their wire format
 * is used, so a mock-only run loads neither.
 */
export async function createLanguageModel(model: ResolvedModel, env: Env): Promise<LanguageModel> {
  const config: AdapterConfig = {
    provider: model.provider.id,
    modelId: model.modelId,
    apiKey: model.apiKey,
    baseURL: model.baseURL ?? '',
    apiKeyEnv: model.apiKeyEnv,
    maxTokensParam: model.provider.quirks?.maxTokensParam,
    headers: model.headers,
    query: model.query,
    apiKeyHeader: model.provider.quirks?.apiKeyHeader,
  };
  if (model.wireFormat === 'openai') {
    const { createOpenAIChatModel } = await import('./openai/openai-chat-model.js');
    return createOpenAIChatModel(config);
  }
  if (model.wireFormat === 'anthropic') {
    const { createAnthropicMessagesModel } = await import('./anthropic/anthropic-messages-model.js');
    return createAnthropicMessagesModel(config);
  }
  const { createMockModel } = await import('./mock/mock-model.js');
  return createMockModel(model.modelId, env);
}
