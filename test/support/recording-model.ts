import { isRetryableType, ProviderError, type ProviderErrorFields } from '../../src/errors/provider-error.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../src/providers/language-model.js';
import type { ResolvedModel } from '../../src/providers/registry.js';

/** A fake LanguageModel that records every call and answers from a script: text, or an error to throw. */
export interface RecordingProvider {
  calls: { model: string; request: GenerateRequest; streamed: boolean }[];
  createModel(model: ResolvedModel): Promise<LanguageModel>;
}

type Outcome = string | ProviderError | Error;

/** Answers per model id: one outcome for every call, or a list consumed call by call (the last one repeats). */
export function createRecordingProvider(script: Record<string, Outcome | Outcome[]>): RecordingProvider {
  const calls: RecordingProvider['calls'] = [];
  const next = (modelId: string): Outcome | undefined => {
    const planned = script[modelId];
    if (!Array.isArray(planned)) return planned;
    const index = calls.filter((call) => call.model === modelId).length - 1;
    return planned[Math.min(index, planned.length - 1)];
  };
  const answer = (
    model: ResolvedModel,
    request: GenerateRequest,
    streamed: boolean,
    onDelta?: (text: string) => void,
  ): Promise<GenerateResult> => {
    calls.push({ model: model.id, request, streamed });
    const scripted = next(model.id) ?? `# ${model.id}\n\ntext`;
    if (scripted instanceof Error) return Promise.reject(scripted);
    onDelta?.(scripted);
    return Promise.resolve({
      text: scripted,
      reasoning: null,
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: 10,
        noCacheInputTokens: 10,
        outputTokens: Array.from(scripted).length,
        cacheReadTokens: null,
        cacheWriteTokens: null,
        reasoningTokens: null,
      },
      latencyMs: 12.4,
      ttftMs: streamed ? 3.6 : null,
      responseModel: `${model.modelId}-served`,
      requestId: `req-${model.modelId}`,
    });
  };
  return {
    calls,
    createModel: async (model) => ({
      provider: model.provider.id,
      modelId: model.modelId,
      generate: (request) => answer(model, request, false),
      stream: (request, onDelta) => answer(model, request, true, (text) => onDelta({ text })),
    }),
  };
}

/** A typed failure as an adapter would throw it. */
export const providerFailure = (type: ProviderError['type'], extra: Partial<ProviderErrorFields> = {}) =>
  new ProviderError({
    type,
    message: `${type}: scripted failure`,
    provider: 'openai',
    model: 'm',
    status: 500,
    requestId: 'req-x',
    retryable: isRetryableType(type),
    retryAfterMs: null,
    ...extra,
  });
