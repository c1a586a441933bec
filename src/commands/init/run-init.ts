import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { InitPrompter } from '../../cli/prompter.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { presetCatalog } from '../../providers/preset-catalog.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import { presetEnvNames } from '../../providers/registry.js';
import { starterConfig } from './starter-config.js';
import { updateEnvFile } from './update-env-file.js';

/** The presets `init` offers: those that take a key (Ollama and the mock need none). */
export function keyedPresets(catalog: readonly ProviderPreset[] = presetCatalog): { preset: ProviderPreset; keyEnv: string }[] {
  return catalog.flatMap((preset) => {
    const keyEnv = presetEnvNames(preset).apiKey[0];
    return preset.requiresKey && keyEnv ? [{ preset, keyEnv }] : [];
  });
}

async function defaultPrompter(io: CommandIO): Promise<InitPrompter> {
  const { createInquirerInitPrompter } = await import('../../cli/inquirer-prompter.js');
  return createInquirerInitPrompter(io.stderr as NodeJS.WritableStream);
}

const validKey = (value: string) => (/[\s]/.test(value.trim()) ? t('cli.init.keyHasSpace') : true);

/**
 * `wechat-writer init`: asks which providers, then each key hidden (never echoed, never printed),
 * writes them to ./.env (updating those names, keeping every other line, mode 600) and says which
 * names it wrote; offers a starter config for `write`. Without a terminal it explains how to run it.
 */
export async function runInit(io: CommandIO, createPrompter?: () => Promise<InitPrompter>): Promise<ExitCodeValue> {
  if (!io.interactive) throw new UsageError(t('cli.init.needsTerminal'));
  const prompter = await (createPrompter ?? (() => defaultPrompter(io)))();
  const offered = keyedPresets();
  const chosen = await prompter.checkbox<string>({
    message: t('cli.init.whichProviders'),
    pageSize: offered.length,
    choices: offered.map(({ preset, keyEnv }) => ({
      name: `${preset.id} — ${preset.name}`,
      value: preset.id,
      description: keyEnv,
      checked: (io.env[keyEnv] ?? '').trim() !== '',
    })),
  });
  const entries: Record<string, string> = {};
  for (const { preset, keyEnv } of offered.filter((entry) => chosen.includes(entry.preset.id))) {
    const hasOne = (io.env[keyEnv] ?? '').trim() !== '';
    const key = (
      await prompter.password({
        message: t(hasOne ? 'cli.init.keyQuestionKeep' : 'cli.init.keyQuestion', { provider: preset.id, name: keyEnv }),
        validate: validKey,
      })
    ).trim();
    if (key !== '') entries[keyEnv] = key;
  }
  const envFile = path.join(io.cwd, '.env');
  if (Object.keys(entries).length > 0) {
    const written = updateEnvFile(envFile, entries);
    io.stderr.write(`${t('cli.init.wroteEnv', { names: written.join(', '), file: envFile })}\n`);
  } else {
    io.stderr.write(`${t('cli.init.noKeys')}\n`);
  }
  const configFile = path.join(io.cwd, 'wechat-writer.config.yaml');
  const models = offered.filter((entry) => chosen.includes(entry.preset.id)).map(({ preset }) => `${preset.id}:${preset.defaultModel}`);
  if (existsSync(configFile)) {
    io.stderr.write(`${t('cli.init.configExists', { file: configFile })}\n`);
  } else if (await prompter.confirm({ message: t('cli.init.configQuestion'), default: models.length > 0 })) {
    writeFileSync(configFile, starterConfig(models, t('cli.init.configHeader')), { flag: 'wx' });
    io.stderr.write(`${t('cli.init.wroteConfig', { file: configFile })}\n`);
  }
  io.stderr.write(`${t('cli.init.next')}\n`);
  return ExitCode.ok;
}
