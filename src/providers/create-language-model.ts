import type { LanguageModel } from './language-model.js';
import type { Env, ResolvedModel } from './registry.js';

/**
 * Builds the adapter for a resolved model. SDKs are imported only when a model of their wire format
 * is used, so a mock-only run loads neither.
 */
export async function createLanguageModel(model: ResolvedModel, env: Env): Promise<LanguageModel> {
  const config = {
    provider: model.provider.id,
    modelId: model.modelId,
    apiKey: model.apiKey,
    baseURL: model.baseURL ?? '',
    apiKeyEnv: model.apiKeyEnv,
    maxTokensParam: model.provider.maxTokensParam,
  };
  switch (model.provider.wireFormat) {
    case 'openai': {
      const { createOpenAIChatModel } = await import('./openai/openai-chat-model.js');
      return createOpenAIChatModel(config);
    }
    case 'anthropic': {
      const { createAnthropicMessagesModel } = await import('./anthropic/anthropic-messages-model.js');
      return createAnthropicMessagesModel(config);
    }
    case 'mock': {
      const { createMockModel } = await import('./mock/mock-model.js');
      return createMockModel(model.modelId, env);
    }
  }
}
