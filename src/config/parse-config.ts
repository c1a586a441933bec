import { parse } from 'yaml';
import * as z from './zod.js';
// only the Chinese locale: `z.locales` would bundle all forty-odd of zod's languages
import zhCN from 'zod/v4/locales/zh-CN.js';
import { UsageError } from '../errors/usage-error.js';
import { presetCatalog } from '../providers/preset-catalog.js';
import type { ProviderPreset } from '../providers/provider-preset.js';
import type { Env } from '../io/env.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';
import { configSchema, type ConfigFile } from './config-schema.js';
import { presetFromConfig } from './config-to-presets.js';
import { describeConfigIssue } from './describe-config-issue.js';
import { interpolateEnv } from './interpolate-env.js';
import { looksSecretName } from '../providers/secret-values.js';
import type { RoleSettings, Settings } from './settings.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks what the schema cannot: presets and providers that exist, and what a new provider needs.
 * Reads the document as written (not the schema's output), so it still runs when the schema found
 * other mistakes: every problem of the file is reported at once.
 */
function semanticProblems(document: unknown): string[] {
  const problems: string[] = [];
  const root = isRecord(document) ? document : {};
  const providers = isRecord(root.providers) ? root.providers : {};
  const providerIds = new Set([...presetCatalog.map((preset) => preset.id), ...Object.keys(providers)]);
  const aliases = new Set(presetCatalog.flatMap((preset) => preset.aliases));
  for (const [id, entry] of Object.entries(providers)) {
    const provider = isRecord(entry) ? entry : {};
    const builtIn = presetCatalog.some((preset) => preset.id === id);
    if (typeof provider.preset === 'string' && !presetCatalog.some((preset) => preset.id === provider.preset)) {
      const presets = presetCatalog.map((preset) => preset.id).join(', ');
      problems.push(`providers.${id}.preset: ${t('config.unknownPreset', { preset: String(provider.preset), presets })}`);
    }
    if (provider.preset === undefined && !builtIn && provider.type === undefined)
      problems.push(`providers.${id}.type: ${t('config.typeRequired')}`);
    // a local CLI (`type: claude-code`, `type: command`) has a command, not a URL
    const localCli = provider.type === 'claude-code' || provider.type === 'command';
    if (provider.preset === undefined && !builtIn && provider.baseURL === undefined && !localCli)
      problems.push(`providers.${id}.baseURL: ${t('config.baseUrlRequired')}`);
    if (provider.apiKeyEnv !== undefined && provider.apiKeyEnvs !== undefined) problems.push(`providers.${id}: ${t('config.keyEnvBoth')}`);
  }
  for (const [role, entry] of Object.entries(isRecord(root.roles) ? root.roles : {})) {
    const models = Array.isArray(entry) ? entry : isRecord(entry) && Array.isArray(entry.models) ? entry.models : [];
    models.forEach((model: unknown, index) => {
      if (typeof model !== 'string' || model.trim() === '') return;
      const provider = model.includes(':') ? model.slice(0, model.indexOf(':')) : model;
      if (!providerIds.has(provider) && !aliases.has(provider)) {
        const where = Array.isArray(entry) ? `roles.${role}[${index}]` : `roles.${role}.models[${index}]`;
        problems.push(`${where}: ${t('config.undefinedProvider', { model, provider, providers: [...providerIds].join(', ') })}`);
      }
    });
  }
  return problems;
}

/**
 * The values of `${VAR}` in a provider's config whose name says key, secret, token or password, and of
 * every `${VAR}` inside its `headers:` (a header value kept out of the file is treated as a secret
 * whatever its name; 8 characters at least, so a short word is never redacted from an article).
 */
function secretVariableValues(value: unknown, env: Env, found: string[] = [], inHeaders = false): string[] {
  if (typeof value === 'string') {
    for (const [, name] of value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      const secret = name && (looksSecretName(name) || inHeaders) ? env[name] : undefined;
      if (secret && secret.length >= (inHeaders && !looksSecretName(name ?? '') ? 8 : 4) && !found.includes(secret)) found.push(secret);
    }
  } else if (Array.isArray(value)) value.forEach((item) => secretVariableValues(item, env, found, inHeaders));
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) secretVariableValues(item, env, found, inHeaders || key === 'headers');
  }
  return found;
}

function toSettings(config: ConfigFile, file: string, document: unknown, env: Env): Settings {
  const written = isRecord(document) && isRecord(document.providers) ? document.providers : {};
  const overrides = Object.entries(config.providers ?? {}).map(([id, provider]) => {
    const preset = presetFromConfig(
      id,
      provider,
      presetCatalog.find((candidate) => candidate.id === (provider.preset ?? id)),
    );
    const secrets = secretVariableValues(written[id], env);
    return secrets.length > 0 ? { ...preset, secrets } : preset;
  });
  const catalog: ProviderPreset[] = [
    ...presetCatalog.filter((preset) => !overrides.some((override) => override.id === preset.id)),
    ...overrides,
  ];
  // The schema already reads a role written as a list as `{ models: [...] }`.
  const roles: Record<string, RoleSettings> = { ...config.roles };
  return {
    configFile: file,
    catalog,
    roles,
    retries: config.retry?.retries ?? null,
    concurrency: config.concurrency ?? null,
    language: config.language ?? null,
    health: config.health ?? null,
  };
}

/** Every path of the document, numbered in the order it is written. */
function pathsInOrder(value: unknown, path = '', order = new Map<string, number>()): Map<string, number> {
  order.set(path, order.size);
  if (Array.isArray(value)) value.forEach((item, index) => pathsInOrder(item, `${path}[${index}]`, order));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) pathsInOrder(item, path ? `${path}.${key}` : key, order);
  return order;
}

/** Problems (`path: message`) sorted as their places appear in the file; a missing key sorts with its parent. */
function inFileOrder(problems: readonly string[], document: unknown): string[] {
  const order = pathsInOrder(document);
  const rank = (problem: string) => {
    let path = problem.slice(0, Math.max(0, problem.indexOf(': ')));
    for (;;) {
      const found = order.get(path);
      if (found !== undefined) return found;
      const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      path = parent === path ? '' : parent;
    }
  };
  return problems
    .map((problem) => ({ problem, rank: rank(problem) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ problem }) => problem);
}

/** Parses, interpolates `${VAR}`, validates (every problem at once) and turns a config file into settings. */
export function parseConfig(text: string, file: string, env: Env): Settings {
  let document: unknown;
  try {
    document = parse(text) ?? {};
  } catch (error) {
    throw new UsageError(t('config.notYaml', { file, reason: (error as Error).message.split('\n')[0] ?? '' }));
  }
  const { value, missing } = interpolateEnv(document, env);
  const problems = missing.map(
    (variable) => `${variable.path}: ${t('config.variableNotSet', { reference: `\${${variable.name}}`, name: variable.name })}`,
  );
  // zod's own words (for the few problems described without our messages) in the run's language too.
  const zodMessages = currentLanguage() === 'zh-CN' ? { error: zhCN().localeError } : undefined;
  const parsed = configSchema.safeParse(value, zodMessages);
  if (!parsed.success) {
    // A value whose ${VAR} is unset is already reported; its knock-on schema error (e.g. "/v1" is no URL) is not.
    const unset = new Set(missing.map((variable) => variable.path));
    for (const issue of parsed.error.issues) {
      for (const problem of describeConfigIssue(issue, value, configSchema)) {
        if (!unset.has(problem.path)) problems.push(`${problem.path || t('config.topLevel')}: ${problem.message}`);
      }
    }
  }
  problems.push(...semanticProblems(value));
  if (problems.length > 0 || !parsed.success) {
    const list = inFileOrder(problems, value)
      .map((problem) => `\n  - ${problem}`)
      .join('');
    const key = problems.length === 1 ? 'config.problemsOne' : 'config.problemsMany';
    throw new UsageError(t(key, { file, count: problems.length, list }));
  }
  return toSettings(parsed.data, file, document, env);
}
