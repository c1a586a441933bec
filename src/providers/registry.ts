import { UsageError } from '../errors/usage-error.js';
import { providerDefinitions, type ProviderDefinition } from './provider-definitions.js';

/** Environment variables as read from the process (after `.env`). */
export type Env = Record<string, string | undefined>;

/** A provider's settings as they stand in this environment. Never carries the key itself. */
export interface ProviderStatus {
  definition: ProviderDefinition;
  /** Every name that resolves to the default model: the provider id and its aliases. */
  aliases: string[];
  defaultModel: string;
  baseURL: string | null;
  /** The env var that holds (or should hold) the key; null when no key is needed. */
  apiKeyEnv: string | null;
  keyConfigured: boolean;
}

/** A model ready to be built: `provider:model` resolved against the environment. */
export interface ResolvedModel {
  /** Canonical id, `provider:model`. */
  id: string;
  provider: ProviderDefinition;
  modelId: string;
  baseURL: string | null;
  apiKey: string | null;
  apiKeyEnv: string | null;
}

const firstSet = (env: Env, names: readonly string[]) => names.find((name) => (env[name] ?? '').trim() !== '');

/** Looks a provider up by id. */
export function findProvider(id: string): ProviderDefinition | undefined {
  return providerDefinitions.find((definition) => definition.id === id);
}

/** The status of one provider in this environment. */
export function providerStatus(definition: ProviderDefinition, env: Env): ProviderStatus {
  const keyEnv = firstSet(env, definition.apiKeyEnvs);
  const baseUrlEnv = firstSet(env, definition.baseUrlEnvs);
  const modelEnv = firstSet(env, definition.modelEnvs);
  return {
    definition,
    aliases: [definition.id, ...definition.aliases],
    defaultModel: modelEnv ? (env[modelEnv] as string).trim() : definition.defaultModel,
    baseURL: baseUrlEnv ? (env[baseUrlEnv] as string).trim() : definition.defaultBaseURL,
    apiKeyEnv: keyEnv ?? definition.apiKeyEnvs[0] ?? null,
    keyConfigured: !definition.requiresKey || keyEnv !== undefined,
  };
}

/** Every known provider with its status. */
export function listProviders(env: Env): ProviderStatus[] {
  return providerDefinitions.map((definition) => providerStatus(definition, env));
}

function knownNamesHint(): string {
  const providers = providerDefinitions.map((definition) => definition.id).join(', ');
  const aliases = providerDefinitions.flatMap((definition) => [...definition.aliases, definition.id]).join(', ');
  return `known providers: ${providers}; aliases: ${aliases}; use provider:model, e.g. openai:gpt-5.6-luna or mock:alpha (list them: wechat-writer models)`;
}

/** Resolves one `provider:model` id or alias. Does not check the key. */
export function resolveModel(spec: string, env: Env): ResolvedModel {
  const trimmed = spec.trim();
  const separator = trimmed.indexOf(':');
  const providerName = separator === -1 ? trimmed : trimmed.slice(0, separator);
  const definition =
    separator === -1
      ? providerDefinitions.find((candidate) => candidate.id === trimmed || candidate.aliases.includes(trimmed))
      : findProvider(providerName);
  if (!definition) throw new UsageError(`unknown model "${trimmed}": ${knownNamesHint()}`);
  const status = providerStatus(definition, env);
  const modelId = separator === -1 ? status.defaultModel : trimmed.slice(separator + 1).trim();
  if (modelId === '')
    throw new UsageError(
      `model id missing in "${trimmed}": write ${definition.id}:<model>, e.g. ${definition.id}:${definition.defaultModel}`,
    );
  const keyEnv = firstSet(env, definition.apiKeyEnvs);
  return {
    id: `${definition.id}:${modelId}`,
    provider: definition,
    modelId,
    baseURL: status.baseURL,
    apiKey: keyEnv ? (env[keyEnv] as string).trim() : null,
    apiKeyEnv: status.apiKeyEnv,
  };
}

/**
 * Resolves a comma-separated model list (`all` = every provider with a key, mock excluded) and
 * checks every key up front: a missing key fails here, before any call, naming the variable.
 */
export function resolveModelList(list: string, env: Env): ResolvedModel[] {
  const specs = list
    .split(',')
    .map((spec) => spec.trim())
    .filter((spec) => spec !== '');
  if (specs.length === 0) throw new UsageError('no models given: pass --models, e.g. --models mock:alpha,gpt');
  const expanded = specs.flatMap((spec) => {
    if (spec !== 'all') return [spec];
    const configured = listProviders(env).filter((status) => status.definition.requiresKey && status.keyConfigured);
    if (configured.length === 0) {
      throw new UsageError(
        '--models all found no provider with a key: set OPENAI_API_KEY, ANTHROPIC_API_KEY or MINIMAX_API_KEY (or use --models mock:alpha,mock:beta)',
      );
    }
    return configured.map((status) => status.definition.id);
  });
  const resolved = expanded.map((spec) => resolveModel(spec, env));
  const unique = resolved.filter((model, index) => resolved.findIndex((other) => other.id === model.id) === index);
  const missing = unique.filter((model) => model.provider.requiresKey && model.apiKey === null);
  if (missing.length > 0) {
    const details = missing.map((model) => `${model.id} needs ${model.apiKeyEnv}`).join('; ');
    throw new UsageError(`missing API key: ${details}; set it in the environment or in .env (see .env.example)`);
  }
  return unique;
}
