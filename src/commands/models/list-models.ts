import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { ProviderError } from '../../errors/provider-error.js';
import { UsageError } from '../../errors/usage-error.js';
import { redactUrlCredentials } from '../../providers/redact-secrets.js';
import { findProvider, listProviders, presetEnvNames, resolveModelList, type ProviderStatus } from '../../providers/registry.js';
import { loadSettings } from '../../config/load-settings.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import type { Settings } from '../../config/settings.js';
import { resolveColorLevel } from '../../ui/color-level.js';

/** `wechat-writer models` options. */
export interface ListModelsOptions {
  json: boolean;
  /** Ask this preset's `/models` endpoint instead of listing the catalog. */
  remote?: string;
  /** The config file (`--config`); its providers are listed with the built-in ones. */
  config?: string;
}

const safeUrl = (url: string | null) => (url === null ? null : redactUrlCredentials(url));

/** One preset as `models --json` shows it: where it goes, which variables configure it, never a key. */
export function describePreset(status: ProviderStatus) {
  const names = presetEnvNames(status.preset);
  return {
    id: status.preset.id,
    name: status.preset.name,
    wireFormat: status.wireFormat,
    aliases: status.aliases,
    defaultModel: `${status.preset.id}:${status.defaultModel}`,
    baseURL: safeUrl(status.baseURL),
    region: status.region,
    endpoints: Object.fromEntries(
      Object.entries(status.preset.endpoints).map(([format, regions]) => [
        format,
        Object.fromEntries(Object.entries(regions ?? {}).map(([region, url]) => [region, redactUrlCredentials(url)])),
      ]),
    ),
    apiKeyEnv: status.apiKeyEnv,
    apiKeyEnvs: status.preset.requiresKey ? names.apiKey : [],
    baseUrlEnv: names.baseUrl[0] ?? null,
    modelEnv: names.model[0] ?? null,
    regionEnv: names.region,
    formatEnv: names.format,
    keyRequired: status.preset.requiresKey,
    keyConfigured: status.keyConfigured,
    usable: status.problems.length === 0,
    problems: status.problems,
    models: status.preset.models.map((model) => ({ id: `${status.preset.id}:${model.id}`, prices: model.prices ?? null })),
    pricesAsOf: status.preset.pricesAsOf ?? null,
  };
}

async function listRemote(
  presetId: string,
  options: ListModelsOptions,
  io: CommandIO,
  catalog: Settings['catalog'],
): Promise<ExitCodeValue> {
  if (!findProvider(presetId, catalog)) {
    throw new UsageError(`models --remote: unknown provider "${presetId}" (list them: wechat-writer models)`);
  }
  const [model] = resolveModelList(presetId, io.env, catalog);
  if (!model) throw new UsageError(`models --remote needs a provider id, e.g. --remote deepseek`);
  const { listRemoteModels } = await import('../../providers/list-remote-models.js');
  try {
    const ids = await listRemoteModels(model, io.env);
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ provider: presetId, models: ids }, null, 2)}\n`
        : ids.map((id) => `${presetId}:${terminalSafe(id)}\n`).join(''),
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    io.stderr.write(`wechat-writer: ${presetId} /models failed: ${terminalSafe(error.message)}\n`);
    return ExitCode.someFailed;
  }
}

/** Lists presets, aliases, default models and whether they are configured (never the key), or a provider's remote list. */
export async function runListModels(options: ListModelsOptions, io: CommandIO): Promise<ExitCodeValue> {
  const settings = await loadSettings(options.config, io);
  if (options.remote !== undefined) return listRemote(options.remote, options, io, settings.catalog);
  const providers = listProviders(io.env, settings.catalog).map(describePreset);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ version: 1, providers }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
  const table = new Table({
    head: ['Provider', 'Default model', 'Base URL', 'Status'].map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
  });
  for (const provider of providers) {
    const state = provider.usable
      ? color.green(provider.keyRequired ? `✓ ${provider.apiKeyEnv ?? 'key in config'}` : '✓ no key needed')
      : color.yellow(`✗ ${provider.problems.join(', ')}`);
    const aliases = provider.aliases.length > 1 ? ` (${provider.aliases.slice(1).join(', ')})` : '';
    table.push([`${provider.id}${aliases}`, provider.defaultModel, provider.baseURL ?? '—', state]);
  }
  io.stdout.write(
    `${table.toString()}\nUse ids as provider:model (e.g. --models deepseek,claude,mock:alpha). Every preset reads <ID>_API_KEY, <ID>_BASE_URL, <ID>_MODEL, <ID>_REGION; --json for details.\n`,
  );
  return ExitCode.ok;
}
