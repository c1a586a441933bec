import type { ModelEntry, ProviderPreset } from '../providers/provider-preset.js';
import type { ProviderConfig } from './config-schema.js';

/** Turns a config provider into a preset: a new endpoint, or the preset it extends with the fields it sets. */
export function presetFromConfig(id: string, config: ProviderConfig, base: ProviderPreset | undefined): ProviderPreset {
  const format = config.type ?? (base?.defaultFormat === 'anthropic' ? 'anthropic' : 'openai');
  const listed: ModelEntry[] = (config.models ?? []).map((model) => (typeof model === 'string' ? { id: model } : model));
  const known = [...listed, ...(base?.models ?? []).filter((model) => !listed.some((entry) => entry.id === model.id))];
  const models = known.map((model) => {
    const price = config.prices?.[model.id] ?? config.prices?.[`${id}:${model.id}`];
    return price ? { ...model, prices: price } : model;
  });
  const keyEnvs = config.apiKeyEnvs ?? (config.apiKeyEnv ? [config.apiKeyEnv] : undefined);
  const hasKey = keyEnvs !== undefined || config.apiKeys !== undefined;
  return {
    id,
    name: base ? `${base.name} (from config)` : `${id} (from config)`,
    aliases: base?.aliases ?? [],
    endpoints: config.baseURL ? { ...base?.endpoints, [format]: { config: config.baseURL } } : (base?.endpoints ?? {}),
    defaultFormat: config.baseURL || config.type ? format : (base?.defaultFormat ?? format),
    apiKeyEnvs: keyEnvs ?? (hasKey ? [] : base?.apiKeyEnvs),
    apiKeys: config.apiKeys,
    keyRotation: config.apiKeyEnvs !== undefined || config.apiKeys !== undefined,
    baseUrlEnvs: base?.baseUrlEnvs,
    modelEnvs: base?.modelEnvs,
    requiresKey: base ? base.requiresKey : hasKey,
    defaultModel: config.defaultModel ?? listed[0]?.id ?? base?.defaultModel ?? 'default',
    models,
    pricesAsOf: base?.pricesAsOf,
    maxConcurrency: config.maxConcurrency ?? base?.maxConcurrency,
    quirks: {
      ...base?.quirks,
      ...(config.maxTokensParam ? { maxTokensParam: config.maxTokensParam } : {}),
      ...(config.temperature ? { temperature: config.temperature } : {}),
      ...(config.headers ? { headers: { ...base?.quirks?.headers, ...config.headers } } : {}),
    },
  };
}
