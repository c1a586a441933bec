import { localProviderError } from '../../../errors/provider-error.js';
import { t } from '../../../i18n/translate.js';
import type { Usage } from '../../language-model.js';
import { replyTooLarge } from '../../reply-limits.js';
import { mapAnthropicUsage, type AnthropicUsage } from '../anthropic/map-anthropic-usage.js';
import type { WireFormatAdapter } from '../wire-format-adapter.js';
import { createClaudeCodeModel } from './claude-code-model.js';
import { claudeCodeInstall, findCommand } from './find-command.js';
import { exitError } from './map-claude-code-error.js';
import { CliProcessError, runCliProcess } from './run-cli-process.js';

/**
 * The local Claude Code CLI as a provider (`type: claude-code`): no key, no URL; its command stands in
 * the base URL. Its model list is the config's. `doctor` checks that the command is there and starts
 * (`claude --version`); it makes no call, which would spend the subscription.
 */
export const claudeCodeWireFormat: WireFormatAdapter = {
  createModel: createClaudeCodeModel,
  listModels: async (config) => [...(config.knownModels ?? [])].sort(),
  probeKey: async (config, options, progress) => {
    progress.method = 'command';
    const where = { provider: config.provider, model: config.modelId, secrets: [config.apiKey] };
    const env = config.env ?? process.env;
    const file = findCommand(config.baseURL, env);
    if (file === null) {
      const message = t('cliProvider.notFound', { command: config.baseURL, install: claudeCodeInstall });
      throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${message}`, where);
    }
    try {
      const exit = await runCliProcess({
        file,
        args: ['--version'],
        stdin: '',
        env,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        onLine: () => {},
        maxStdoutBytes: 64 * 1024,
        tooLarge: () => replyTooLarge(where, 64 * 1024),
      });
      progress.answered = true;
      if (exit.code !== 0) throw exitError(exit, where);
    } catch (error) {
      if (!(error instanceof CliProcessError)) throw error;
      if (error.reason === 'timeout')
        throw localProviderError('TIMEOUT', t('errors.provider.probe.timeout', { ms: options.timeoutMs }), where);
      if (error.reason === 'cancelled') throw localProviderError('CANCELLED', t('errors.provider.sdk.cancelled'), where);
      throw localProviderError('BAD_REQUEST', `BAD_REQUEST: ${t('cliProvider.cannotStart', { detail: error.message })}`, where);
    }
  },
  normalizeUsage: (raw): Usage => mapAnthropicUsage(raw as AnthropicUsage | null),
};
