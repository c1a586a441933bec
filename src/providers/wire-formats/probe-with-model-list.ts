import { localProviderError, ProviderError } from '../../errors/provider-error.js';
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
      const detail = 'the model list is not a model list (is the base URL right?)';
      throw localProviderError(
        'BAD_RESPONSE',
        `BAD_RESPONSE: ${detail}`,
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
  if (remaining <= 0) throw localProviderError('TIMEOUT', `TIMEOUT: no answer within ${options.timeoutMs} ms`, where);
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
