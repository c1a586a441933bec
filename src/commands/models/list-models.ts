import { Chalk } from 'chalk';
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
import { fitTable, terminalWidth } from '../../ui/fit-table.js';
import { t } from '../../i18n/translate.js';
import { readProviderState } from './provider-state.js';
import { isLocalServer, localServerHint, probeLocalServers } from '../compare/probe-local-servers.js';

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
export function describePreset(status: ProviderStatus, runningLocal: ReadonlySet<string> | null = null) {
  const names = presetEnvNames(status.preset);
  const local = isLocalServer(status.preset);
  // a local server (Ollama) counts as usable only when it answered the probe
  const reachable = local && runningLocal !== null ? runningLocal.has(status.preset.id) : null;
  const problems = [...status.problems, ...(reachable === false && status.problems.length === 0 ? [localServerHint(status.preset)] : [])];
  return {
    id: status.preset.id,
    name: status.preset.name,
    wireFormat: status.wireFormat,
    aliases: status.aliases,
    defaultModel: `${status.preset.id}:${status.defaultModel}`,
    baseURL: safeUrl(status.baseURL),
    // a provider run through a local CLI has a command where others have a URL
    ...(status.command ? { command: status.command.command } : {}),
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
    usable: problems.length === 0,
    problems,
    /** Local servers only: whether it answered a quick GET; null for cloud providers. */
    reachable,
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
    throw new UsageError(t('cli.models.unknownRemote', { provider: presetId }));
  }
  const [model] = resolveModelList(presetId, io.env, catalog);
  if (!model) throw new UsageError(t('cli.models.remoteNeedsId'));
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
    io.stderr.write(`wechat-writer: ${t('cli.models.remoteFailed', { provider: presetId, message: terminalSafe(error.message) })}\n`);
    return ExitCode.someFailed;
  }
}

/** Lists presets, aliases, default models and whether they are configured (never the key), or a provider's remote list. */
export async function runListModels(options: ListModelsOptions, io: CommandIO): Promise<ExitCodeValue> {
  const settings = await loadSettings(options.config, io);
  if (options.remote !== undefined) return listRemote(options.remote, options, io, settings.catalog);
  const running = await probeLocalServers(io.env, settings.catalog);
  const described = listProviders(io.env, settings.catalog).map((status) => describePreset(status, running));
  // rests, unusable keys, recent success rates and limits: only providers with something to tell get them
  const state = await readProviderState(
    described.map((provider) => provider.id),
    io,
    settings,
  );
  const { health } = state;
  const providers = state.join(described, (provider) => provider.id);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ version: 1, providers }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
  const rows = providers.map((provider) => {
    const state = provider.usable
      ? color.green(
          provider.reachable === true
            ? `✓ ${t('cli.models.running')}`
            : provider.keyRequired
              ? `✓ ${provider.apiKeyEnv ?? t('cli.models.keyInConfig')}`
              : `✓ ${t('cli.models.noKeyNeeded')}`,
        )
      : color.yellow(`✗ ${provider.problems.join(', ')}`);
    const aliases = provider.aliases.length > 1 ? ` (${provider.aliases.slice(1).join(', ')})` : '';
    const healthCell = health.size > 0 ? [health.get(provider.id)?.label ?? t('health.ok')] : [];
    return [`${provider.id}${aliases}`, provider.defaultModel, provider.baseURL ?? provider.command ?? '—', state, ...healthCell];
  });
  const table = fitTable(
    [
      { header: t('cli.models.headProvider'), minWidth: 12 },
      { header: t('cli.models.headDefaultModel'), minWidth: 24 },
      { header: t('cli.models.headBaseUrl'), minWidth: 24, dropOrder: 1 },
      { header: t('cli.models.headStatus'), minWidth: 34 },
      // only when some provider has rested, failed or been called lately
      ...(health.size > 0 ? [{ header: t('health.head'), minWidth: 19 }] : []),
    ],
    rows,
    terminalWidth(io.stdout, io.env),
    { styleHeader: (text) => color.bold(text) },
  );
  io.stdout.write(`${table}\n${state.limitLines()}${t('cli.models.footer')}\n`);
  return ExitCode.ok;
}
