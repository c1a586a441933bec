import { t } from '../../../i18n/translate.js';
import type { Usage } from '../../language-model.js';
import { mapAnthropicUsage, type AnthropicUsage } from '../anthropic/map-anthropic-usage.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { createClaudeCodeModel } from './claude-code-model.js';
import { claudeCodeInstall, findCommand } from './find-command.js';
import { exitError } from './map-claude-code-error.js';
import { probeLocalCommand } from './probe-local-command.js';

/**
 * The local Claude Code CLI as a provider (`type: claude-code`): no key, no URL, only its command
 * (`config.command`, default `claude` on PATH). Its model list is the config's. `doctor` checks that
 * the command is there and starts (`claude --version`); it makes no call, which would spend the subscription.
 */
export const claudeCodeWireFormat: WireFormatAdapter = {
  createModel: createClaudeCodeModel,
  listModels: async (config) => [...(config.knownModels ?? [])].sort(),
  probeKey: async (config, options, progress) => {
    const where = { provider: config.provider, model: config.modelId, secrets: [config.apiKey] };
    const env = config.env ?? process.env;
    const command = config.command?.command ?? 'claude';
    const probe = {
      file: findCommand(command, env),
      notFound: t('cliProvider.notFound', { command, install: claudeCodeInstall }),
      args: ['--version'],
      where,
      env,
      exitError: (exit: Parameters<typeof exitError>[0]) => exitError(exit, where),
      cannotStart: (detail: string) => t('cliProvider.cannotStart', { detail }),
    };
    await probeLocalCommand(probe, options, progress);
  },
  normalizeUsage: (raw): Usage => mapAnthropicUsage(raw as AnthropicUsage | null),
};
