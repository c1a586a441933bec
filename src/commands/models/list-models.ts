import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { redactUrlCredentials } from '../../providers/redact-secrets.js';
import { listProviders } from '../../providers/registry.js';
import { resolveColorLevel } from '../../ui/color-level.js';

/** `wechat-writer models` options. */
export interface ListModelsOptions {
  json: boolean;
}

/** Lists providers, aliases, default models and whether a key is configured (never the key). */
export function runListModels(options: ListModelsOptions, io: CommandIO): ExitCodeValue {
  const providers = listProviders(io.env).map((status) => ({
    id: status.definition.id,
    name: status.definition.name,
    wireFormat: status.definition.wireFormat,
    aliases: status.aliases,
    defaultModel: `${status.definition.id}:${status.defaultModel}`,
    baseURL: status.baseURL === null ? null : redactUrlCredentials(status.baseURL),
    apiKeyEnv: status.apiKeyEnv,
    keyRequired: status.definition.requiresKey,
    keyConfigured: status.keyConfigured,
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ version: 1, providers }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
  const table = new Table({
    head: ['Provider', 'Aliases', 'Default model', 'Base URL', 'Key'].map((name) => color.bold(name)),
    style: { head: [], border: [] },
  });
  for (const provider of providers) {
    const key = !provider.keyRequired
      ? color.green('not needed')
      : provider.keyConfigured
        ? color.green(`✓ ${provider.apiKeyEnv}`)
        : color.yellow(`✗ set ${provider.apiKeyEnv}`);
    table.push([provider.id, provider.aliases.join(', '), provider.defaultModel, provider.baseURL ?? '—', key]);
  }
  io.stdout.write(`${table.toString()}\nUse ids as provider:model (e.g. --models openai:gpt-5.6-luna,claude,mock:alpha).\n`);
  return ExitCode.ok;
}
