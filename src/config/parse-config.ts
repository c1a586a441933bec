import { parse } from 'yaml';
import { UsageError } from '../errors/usage-error.js';
import { presetCatalog } from '../providers/preset-catalog.js';
import type { ProviderPreset } from '../providers/provider-preset.js';
import type { Env } from '../providers/registry.js';
import { configSchema, type ConfigFile } from './config-schema.js';
import { presetFromConfig } from './config-to-presets.js';
import { interpolateEnv } from './interpolate-env.js';
import type { RoleSettings, Settings } from './load-settings.js';

const pathOf = (parts: readonly PropertyKey[]) =>
  parts.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );

function semanticProblems(config: ConfigFile): string[] {
  const problems: string[] = [];
  const providerIds = new Set([...presetCatalog.map((preset) => preset.id), ...Object.keys(config.providers ?? {})]);
  const aliases = new Set(presetCatalog.flatMap((preset) => preset.aliases));
  for (const [id, provider] of Object.entries(config.providers ?? {})) {
    const builtIn = presetCatalog.some((preset) => preset.id === id);
    if (provider.preset && !presetCatalog.some((preset) => preset.id === provider.preset)) {
      problems.push(
        `providers.${id}.preset: unknown preset "${provider.preset}" (known: ${presetCatalog.map((preset) => preset.id).join(', ')})`,
      );
    }
    if (!provider.preset && !builtIn && !provider.type)
      problems.push(`providers.${id}.type: required (openai or anthropic), or extend a preset with preset: <id>`);
    if (!provider.preset && !builtIn && !provider.baseURL)
      problems.push(`providers.${id}.baseURL: required for a provider that extends no preset`);
  }
  for (const [role, entry] of Object.entries(config.roles ?? {})) {
    const models = Array.isArray(entry) ? entry : entry.models;
    models.forEach((model, index) => {
      const provider = model.includes(':') ? model.slice(0, model.indexOf(':')) : model;
      if (!providerIds.has(provider) && !aliases.has(provider)) {
        const where = Array.isArray(entry) ? `roles.${role}[${index}]` : `roles.${role}.models[${index}]`;
        problems.push(
          `${where}: "${model}" names undefined provider "${provider}" (define it under providers, or use: ${[...providerIds].join(', ')})`,
        );
      }
    });
  }
  return problems;
}

function toSettings(config: ConfigFile, file: string): Settings {
  const overrides = Object.entries(config.providers ?? {}).map(([id, provider]) =>
    presetFromConfig(
      id,
      provider,
      presetCatalog.find((preset) => preset.id === (provider.preset ?? id)),
    ),
  );
  const catalog: ProviderPreset[] = [
    ...presetCatalog.filter((preset) => !overrides.some((override) => override.id === preset.id)),
    ...overrides,
  ];
  const roles: Record<string, RoleSettings> = Object.fromEntries(
    Object.entries(config.roles ?? {}).map(([role, entry]) => [role, Array.isArray(entry) ? { models: entry } : entry]),
  );
  return { configFile: file, catalog, roles, retries: config.retry?.retries ?? null, concurrency: config.concurrency ?? null };
}

/** Parses, interpolates `${VAR}`, validates (every problem at once) and turns a config file into settings. */
export function parseConfig(text: string, file: string, env: Env): Settings {
  let document: unknown;
  try {
    document = parse(text) ?? {};
  } catch (error) {
    throw new UsageError(`config ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const { value, missing } = interpolateEnv(document, env);
  const problems = missing.map(
    (variable) => `${variable.path}: \${${variable.name}} is not set (set ${variable.name} in the environment or .env)`,
  );
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.map((key) => `"${key}"`).join(', ')})` : '';
      problems.push(`${pathOf(issue.path) || '(top level)'}: ${issue.message}${keys}`);
    }
  } else {
    problems.push(...semanticProblems(parsed.data));
  }
  if (problems.length > 0 || !parsed.success) {
    const list = problems.map((problem) => `\n  - ${problem}`).join('');
    throw new UsageError(`config ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was called:${list}`);
  }
  return toSettings(parsed.data, file);
}
