import { joinClauses } from '../errors/join-clauses.js';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import { presetCatalog } from './preset-catalog.js';
import {
  envPrefix,
  type CommandTemplate,
  type ModelPrice,
  type ProviderPreset,
  type TemperatureLimits,
  type WireFormat,
} from './provider-preset.js';
import { resolveEndpoint, type ResolvedEndpoint } from './resolve-endpoint.js';
import { secretParameterValues, urlPassword } from './secret-values.js';
import { localCommandProblems } from './wire-formats/claude-code/find-command.js';

/** A preset as it stands in this environment. Never carries the key itself. */
export interface ProviderStatus {
  preset: ProviderPreset;
  /** Every name that resolves to the default model: the provider id and its aliases. */
  aliases: string[];
  defaultModel: string;
  wireFormat: WireFormat;
  region: string | null;
  /** null for a provider run through a local CLI: it has `command` instead. */
  baseURL: string | null;
  /** What a provider run through a local CLI starts; null (or absent) for an HTTP endpoint. */
  command?: CommandTemplate | null;
  /** The env var that holds (or should hold) the key; null when no key is needed. */
  apiKeyEnv: string | null;
  keyConfigured: boolean;
  /** What else must be set before it can be used (e.g. `set AZURE_OPENAI_ENDPOINT`). */
  problems: string[];
  headers: Record<string, string>;
  query: Record<string, string>;
}

/** A model ready to be built: `provider:model` resolved against the environment and its preset. */
export interface ResolvedModel {
  /** Canonical id, `provider:model`. */
  id: string;
  provider: ProviderPreset;
  modelId: string;
  wireFormat: WireFormat;
  baseURL: string | null;
  /** What a provider run through a local CLI starts; null (or absent) for an HTTP endpoint. */
  command?: CommandTemplate | null;
  apiKey: string | null;
  /** Every key this model may use, in order (the first is `apiKey`); more than one only with key rotation. */
  apiKeys: string[];
  apiKeyEnv: string | null;
  headers: Record<string, string>;
  query: Record<string, string>;
  /**
   * Secrets besides the keys that this model's requests carry (secret header and query values, a
   * base-URL password, secret `${VAR}` values of its config): a server must never echo them to us.
   */
  secrets?: string[];
  temperature: TemperatureLimits | null;
  prices: ModelPrice | null;
}

const firstSet = (env: Env, names: readonly string[]) => names.find((name) => (env[name] ?? '').trim() !== '');

/** The keys of a preset in this environment: the first key variable set, or with rotation every key set, then config keys. */
function presetKeys(preset: ProviderPreset, env: Env): string[] {
  const names = presetEnvNames(preset).apiKey;
  const fromEnv = names.map((name) => (env[name] ?? '').trim()).filter((key) => key !== '');
  const keys = preset.keyRotation
    ? [...fromEnv, ...(preset.apiKeys ?? [])]
    : [fromEnv[0] ?? preset.apiKeys?.[0]].filter((key) => key !== undefined);
  return keys.filter((key, index) => keys.indexOf(key) === index);
}

/** The key, base-URL and model variables of a preset, in the order they are read. */
export function presetEnvNames(preset: ProviderPreset) {
  const prefix = envPrefix(preset.id);
  return {
    apiKey: preset.apiKeyEnvs ?? [`${prefix}_API_KEY`],
    baseUrl: [`${prefix}_BASE_URL`, ...(preset.baseUrlEnvs ?? [])],
    model: [`${prefix}_MODEL`, ...(preset.modelEnvs ?? [])],
    region: `${prefix}_REGION`,
    format: `${prefix}_API_FORMAT`,
  };
}

const proxyVariables = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** Every secret a model's requests carry: its keys and its other `secrets`, each once. */
export function secretsOf(...models: readonly ResolvedModel[]): string[] {
  const all = models.flatMap((model) => [model.apiKey, ...model.apiKeys, ...(model.secrets ?? [])]);
  return all.filter((secret, index): secret is string => typeof secret === 'string' && secret.length >= 4 && all.indexOf(secret) === index);
}

/** Looks a preset up by id. */
export function findProvider(id: string, catalog: readonly ProviderPreset[] = presetCatalog): ProviderPreset | undefined {
  return catalog.find((preset) => preset.id === id);
}

/** The status of one preset in this environment. */
export function providerStatus(preset: ProviderPreset, env: Env): ProviderStatus {
  const names = presetEnvNames(preset);
  const keyEnv = firstSet(env, names.apiKey);
  const modelEnv = firstSet(env, names.model);
  const keyConfigured = !preset.requiresKey || presetKeys(preset, env).length > 0;
  // a local CLI has no URL, region or format to pick: only its command, checked below
  const endpoint: ResolvedEndpoint = preset.command
    ? { wireFormat: preset.defaultFormat, region: null, baseURL: null, headers: {}, query: {}, problems: [] }
    : resolveEndpoint(preset, env, names);
  const keyHint = names.apiKey[0]
    ? t('errors.registry.setVariable', { name: names.apiKey[0] })
    : t('errors.registry.keyInConfig', { provider: preset.id });
  const problems = [
    ...(keyConfigured ? [] : [keyHint]),
    ...endpoint.problems,
    ...localCommandProblems(endpoint.wireFormat, preset.command ?? null, env),
  ];
  return {
    preset,
    aliases: [preset.id, ...preset.aliases],
    defaultModel: modelEnv ? (env[modelEnv] as string).trim() : preset.defaultModel,
    wireFormat: endpoint.wireFormat,
    region: endpoint.region,
    baseURL: endpoint.baseURL,
    command: preset.command ?? null,
    apiKeyEnv: keyEnv ?? names.apiKey[0] ?? null,
    keyConfigured,
    problems,
    headers: endpoint.headers,
    query: endpoint.query,
  };
}

/** Every known preset with its status. */
export function listProviders(env: Env, catalog: readonly ProviderPreset[] = presetCatalog): ProviderStatus[] {
  return catalog.map((preset) => providerStatus(preset, env));
}

function knownNamesHint(catalog: readonly ProviderPreset[]): string {
  const providers = catalog.map((preset) => preset.id).join(', ');
  const aliases = catalog.flatMap((preset) => preset.aliases).join(', ');
  return t('errors.registry.knownNames', { providers, aliases });
}

/** Resolves one `provider:model` id or alias. Does not check that it is usable. */
export function resolveModel(spec: string, env: Env, catalog: readonly ProviderPreset[] = presetCatalog): ResolvedModel {
  const trimmed = spec.trim();
  const separator = trimmed.indexOf(':');
  const providerName = separator === -1 ? trimmed : trimmed.slice(0, separator);
  const preset = catalog.find((candidate) => candidate.id === providerName || candidate.aliases.includes(providerName));
  if (!preset) throw new UsageError(t('errors.registry.unknownModel', { spec: trimmed, hint: knownNamesHint(catalog) }));
  const status = providerStatus(preset, env);
  const modelId = separator === -1 ? status.defaultModel : trimmed.slice(separator + 1).trim();
  if (modelId === '') {
    throw new UsageError(t('errors.registry.modelIdMissing', { spec: trimmed, provider: preset.id, example: preset.defaultModel }));
  }
  const keys = presetKeys(preset, env);
  const entry = preset.models.find((model) => model.id === modelId);
  return {
    id: `${preset.id}:${modelId}`,
    provider: preset,
    modelId,
    wireFormat: status.wireFormat,
    baseURL: status.baseURL?.replaceAll('{model}', encodeURIComponent(modelId)) ?? null,
    command: status.command ?? null,
    apiKey: keys[0] ?? null,
    apiKeys: keys,
    apiKeyEnv: status.apiKeyEnv,
    headers: status.headers,
    query: status.query,
    secrets: [
      ...secretParameterValues(status.headers, preset.quirks?.headers),
      ...secretParameterValues(status.query, preset.quirks?.query),
      ...urlPassword(status.baseURL),
      // a proxy's password too: a plain http:// endpoint's request goes to the proxy whole, Proxy-Authorization included
      ...proxyVariables.flatMap((name) => urlPassword(env[name]?.trim() || null)),
      ...(preset.secrets ?? []),
    ].filter((secret, index, all) => secret.length >= 4 && all.indexOf(secret) === index),
    temperature: entry?.temperature ?? preset.quirks?.temperature ?? null,
    prices: entry?.prices ?? null,
  };
}

/**
 * Resolves a comma-separated model list (`all` = every provider with a key, mock excluded) and
 * checks every model is usable up front: a missing key (or endpoint) fails here, before any call.
 */
export function resolveModelList(list: string, env: Env, catalog: readonly ProviderPreset[] = presetCatalog): ResolvedModel[] {
  const specs = list
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length === 0) throw new UsageError(t('errors.registry.noModels'));
  const expanded = specs.flatMap((spec) => {
    if (spec !== 'all') return [spec];
    const configured = listProviders(env, catalog).filter((status) => status.preset.requiresKey && status.problems.length === 0);
    if (configured.length === 0) {
      throw new UsageError(t('errors.registry.noneConfigured'));
    }
    return configured.map((status) => status.preset.id);
  });
  const resolved = expanded.map((spec) => resolveModel(spec, env, catalog));
  const unique = resolved.filter((model, index) => resolved.findIndex((other) => other.id === model.id) === index);
  const missingKeys = unique.filter((model) => model.provider.requiresKey && model.apiKey === null);
  if (missingKeys.length > 0) {
    const details = joinClauses(
      missingKeys.map((model) => t('errors.registry.needsKey', { model: model.id, env: String(model.apiKeyEnv) })),
    );
    throw new UsageError(t('errors.registry.missingKey', { details }));
  }
  const otherProblems = unique.flatMap((model) =>
    providerStatus(model.provider, env).problems.map((problem) => t('errors.registry.modelProblem', { model: model.id, problem })),
  );
  if (otherProblems.length > 0) throw new UsageError(t('errors.registry.cannotUse', { problems: joinClauses(otherProblems) }));
  return unique;
}
