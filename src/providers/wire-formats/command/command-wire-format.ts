import { t } from '../../../i18n/translate.js';
import { usageFrom, type Usage, type UsageCounts } from '../../language-model.js';
import { commandNotFound, findCommand } from '../claude-code/find-command.js';
import { oneLine } from '../claude-code/map-claude-code-error.js';
import { probeLocalCommand } from '../claude-code/probe-local-command.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { createCommandModel } from './command-model.js';
import { commandName, exitFailure } from './map-command-error.js';

/**
 * Any local CLI as a provider (`type: command`), from the config's template: no key, no URL. Its model
 * list is the config's. `doctor` checks that the command is there and starts (`versionArgs`, default
 * `--version`); it makes no call, which would spend the subscription.
 */
export const commandWireFormat: WireFormatAdapter = {
  createModel: createCommandModel,
  listModels: async (config) => [...(config.knownModels ?? [])].sort(),
  probeKey: async (config, options, progress) => {
    const template = config.command ?? { command: '' };
    const where = { provider: config.provider, model: config.modelId, secrets: [config.apiKey], command: commandName(template.command) };
    const env = config.env ?? process.env;
    const probe = {
      file: findCommand(template.command, env),
      notFound: commandNotFound('command', template),
      args: template.versionArgs ?? ['--version'],
      where,
      env,
      exitError: (exit: Parameters<typeof exitFailure>[0]) => exitFailure(exit, where),
      cannotStart: (detail: string) =>
        t('cliProvider.command.cannotStart', { command: where.command, detail: oneLine(detail, where.secrets) }),
    };
    await probeLocalCommand(probe, options, progress);
  },
  normalizeUsage: (raw): Usage => usageFrom((raw ?? {}) as UsageCounts),
};
