import { localProviderError, ProviderError } from '../../errors/provider-error.js';
import { t } from '../../i18n/translate.js';
import type { AdapterConfig } from '../adapter-config.js';
import type { LanguageModel } from '../language-model.js';
import type { EndpointCallOptions, KeyProbeProgress } from './wire-format-adapter.js';

/** The first page of a server's model list, as each format's SDK fetches it. */
export type FirstModelPage = (options: EndpointCallOptions) => Promise<{ body: unknown }>;

/**
 * A key probe for formats with a `GET …/models`: the first page must be a model list (`data: [...]`);
 * where the server answers 404/405 (no model list there), a 1-token call with the default model.
 */
export async function probeWithModelList(
  config: AdapterConfig,
  options: EndpointCallOptions,
  progress: KeyProbeProgress,
  firstPage: FirstModelPage,
  createModel: (config: AdapterConfig) => LanguageModel,
): Promise<void> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  try {
    const { body } = await firstPage(options);
    progress.answered = true;
    if (!Array.isArray((body as { data?: unknown } | null)?.data)) {
      throw localProviderError(
        'BAD_RESPONSE',
        t('errors.provider.probe.notAModelList'),
        { provider: config.provider, model: '(model list)' },
        { status: 200 },
      );
    }
    return;
  } catch (error) {
    if (error instanceof ProviderError && error.status !== null) progress.answered = true;
    if (!(error instanceof ProviderError) || (error.status !== 404 && error.status !== 405)) throw error;
  }
  progress.method = 'generate';
  const remaining = Math.round(options.timeoutMs - (now() - started));
  const where = { provider: config.provider, model: config.modelId };
  if (remaining <= 0) throw localProviderError('TIMEOUT', t('errors.provider.probe.timeout', { ms: options.timeoutMs }), where);
  await createModel(config).generate({
    modelId: config.modelId,
    system: null,
    prompt: 'Reply with one word: ok',
    maxTokens: 1,
    temperature: null,
    timeoutMs: remaining,
    signal: options.signal,
  });
}
