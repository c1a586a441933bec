import type { AdapterConfig } from './adapter-config.js';
import type { LanguageModel } from './language-model.js';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from './registry.js';
import { readReplyLimits } from './reply-limits.js';
import { loadWireFormat } from './wire-formats/wire-format-registry.js';

/** What a wire format needs to reach one resolved model: built once, here, for models, lists and probes. */
export function toAdapterConfig(model: ResolvedModel, env: Env): AdapterConfig {
  return {
    provider: model.provider.id,
    modelId: model.modelId,
    apiKey: model.apiKey,
    baseURL: model.baseURL ?? '',
    ...(model.command ? { command: model.command } : {}),
    apiKeyEnv: model.apiKeyEnv,
    maxTokensParam: model.provider.quirks?.maxTokensParam,
    headers: model.headers,
    query: model.query,
    apiKeyHeader: model.provider.quirks?.apiKeyHeader,
    env,
    knownModels: model.provider.models.map((entry) => entry.id),
    ...readReplyLimits(env),
  };
}

/** Builds the model through its wire format's adapter. */
export async function createLanguageModel(model: ResolvedModel, env: Env): Promise<LanguageModel> {
  return (await loadWireFormat(model.wireFormat)).createModel(toAdapterConfig(model, env));
}
