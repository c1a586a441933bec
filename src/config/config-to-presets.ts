import { envPrefix, type CommandTemplate, type ModelEntry, type ProviderPreset } from '../providers/provider-preset.js';
import { t } from '../i18n/translate.js';
import type { ProviderConfig } from './config-schema.js';
import { keyEnvNames, keyValues, providerLimitsFrom } from '../limits/limit-schema.js';

/** Turns a config provider into a preset: a new endpoint, or the preset it extends with the fields it sets. */
export function presetFromConfig(id: string, config: ProviderConfig, base: ProviderPreset | undefined): ProviderPreset {
  if (config.type === 'claude-code' || config.type === 'command') return cliPreset(id, config);
  const format = config.type ?? (base?.defaultFormat === 'anthropic' ? 'anthropic' : 'openai');
  const listed: ModelEntry[] = config.models ?? [];
  const known = [...listed, ...(base?.models ?? []).filter((model) => !listed.some((entry) => entry.id === model.id))];
  // A price for a model listed nowhere still counts: `prices: { my-model: {...} }` adds the model.
  const pricedOnly = Object.keys(config.prices ?? {})
    .map((name) => (name.startsWith(`${id}:`) ? name.slice(id.length + 1) : name))
    .filter((name, index, names) => names.indexOf(name) === index && !known.some((model) => model.id === name))
    .map((name): ModelEntry => ({ id: name }));
  const models = [...known, ...pricedOnly].map((model) => {
    const price = config.prices?.[model.id] ?? config.prices?.[`${id}:${model.id}`];
    return price ? { ...model, prices: price } : model;
  });
  const keyEnvs = config.apiKeyEnvs ? keyEnvNames(config.apiKeyEnvs) : config.apiKeyEnv ? [config.apiKeyEnv] : undefined;
  const hasKey = keyEnvs !== undefined || config.apiKeys !== undefined;
  // Extending a preset under a new id (`my-ds: { preset: deepseek }`) keeps the preset's key variables.
  const baseKeyEnvs = base && base.id !== id ? (base.apiKeyEnvs ?? [`${envPrefix(base.id)}_API_KEY`]) : base?.apiKeyEnvs;
  return {
    id,
    name: t('config.fromConfig', { name: base ? base.name : id }),
    // An alias (`claude`) stays with the preset it names, not with an extension under a new id.
    aliases: base && base.id === id ? base.aliases : [],
    endpoints: config.baseURL ? { ...base?.endpoints, [format]: { config: config.baseURL } } : (base?.endpoints ?? {}),
    defaultFormat: config.baseURL || config.type ? format : (base?.defaultFormat ?? format),
    apiKeyEnvs: keyEnvs ?? (hasKey ? [] : baseKeyEnvs),
    apiKeys: config.apiKeys && keyValues(config.apiKeys),
    keyRotation: config.apiKeyEnvs !== undefined || config.apiKeys !== undefined,
    baseUrlEnvs: base?.baseUrlEnvs,
    modelEnvs: base?.modelEnvs,
    requiresKey: base ? base.requiresKey : hasKey,
    defaultModel: config.defaultModel ?? listed[0]?.id ?? base?.defaultModel ?? 'default',
    models,
    pricesAsOf: base?.pricesAsOf,
    maxConcurrency: config.maxConcurrency ?? base?.maxConcurrency,
    ...((config.batchApi ?? base?.batchApi) ? { batchApi: config.batchApi ?? base?.batchApi } : {}),
    limits: providerLimitsFrom(config),
    quirks: {
      ...base?.quirks,
      ...(config.maxTokensParam ? { maxTokensParam: config.maxTokensParam } : {}),
      ...(config.temperature ? { temperature: config.temperature } : {}),
      ...(config.headers ? { headers: { ...base?.quirks?.headers, ...config.headers } } : {}),
    },
  };
}

/** What a CLI provider starts: Claude Code by its command alone, any other CLI from the config's template. */
function commandTemplate(config: ProviderConfig): CommandTemplate {
  if (config.type === 'claude-code') return { command: config.command ?? 'claude' };
  return {
    command: config.command ?? '',
    args: config.args ?? [],
    output: config.output ?? 'text',
    ...(config.fields ? { fields: config.fields } : {}),
    ...(config.versionArgs ? { versionArgs: config.versionArgs } : {}),
    ...(config.install ? { install: config.install } : {}),
  };
}

/**
 * A provider run through a local CLI (`type: claude-code`, default command `claude` on PATH, or
 * `type: command` from a template): no key, no URL, no endpoint, only the command it starts.
 */
function cliPreset(id: string, config: ProviderConfig): ProviderPreset {
  const models: ModelEntry[] = (config.models ?? []).map((model) => {
    const price = config.prices?.[model.id] ?? config.prices?.[`${id}:${model.id}`];
    return price ? { ...model, prices: price } : model;
  });
  const format = config.type === 'claude-code' ? 'claude-code' : 'command';
  return {
    id,
    name: t('config.fromConfig', { name: id }),
    aliases: [],
    endpoints: {},
    defaultFormat: format,
    command: commandTemplate(config),
    apiKeyEnvs: [],
    requiresKey: false,
    defaultModel: config.defaultModel ?? models[0]?.id ?? (format === 'claude-code' ? 'sonnet' : 'default'),
    models,
    maxConcurrency: config.maxConcurrency,
    limits: providerLimitsFrom(config),
    quirks: {},
  };
}
