import OpenAI from 'openai';
import type { AdapterConfig } from '../adapter-config.js';
import { monotonicNow } from '../adapter-config.js';
import { guardedCall } from '../guarded-call.js';
import type { DeltaListener, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.js';

type ChatMessage = { role: 'system' | 'user'; content: string };

/** Fields some OpenAI-compatible servers add to a message or delta. */
interface CompatibleFields {
  reasoning_content?: string | null;
  reasoning?: string | null;
}

/** An OpenAI Chat Completions model, at any base URL (OpenAI, proxies, compatible APIs). */
export function createOpenAIChatModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const apiKey = config.apiKey ?? 'not-needed';
  const client = new OpenAI({
    apiKey,
    baseURL: config.baseURL,
    maxRetries: 0,
    defaultHeaders: {
      ...config.headers,
      ...(config.apiKeyHeader === 'api-key' ? { 'api-key': apiKey, Authorization: null } : {}),
    },
    ...(config.query && Object.keys(config.query).length > 0 ? { defaultQuery: config.query } : {}),
  });

  const buildBody = (request: GenerateRequest) => {
    const messages: ChatMessage[] = [];
    if (request.system) messages.push({ role: 'system', content: request.system });
    messages.push({ role: 'user', content: request.prompt });
    return {
      model: request.modelId,
      messages,
      ...(request.maxTokens !== null ? { [config.maxTokensParam ?? 'max_completion_tokens']: request.maxTokens } : {}),
      ...(request.temperature !== null ? { temperature: request.temperature } : {}),
    };
  };

  const call = <T>(request: GenerateRequest, run: (signal: AbortSignal, touch: () => void) => Promise<T>, partialText?: () => string) =>
    guardedCall(config, OpenAI, request, run, partialText);

  return {
    provider: config.provider,
    modelId: config.modelId,

    generate: (request) =>
      call(request, async (signal) => {
        const started = now();
        const { data, request_id } = await client.chat.completions
          .create({ ...buildBody(request), stream: false }, { signal, timeout: request.timeoutMs })
          .withResponse();
        const choice = data.choices?.[0];
        const message = (choice?.message ?? {}) as { content?: string | null } & CompatibleFields;
        return {
          text: message.content ?? '',
          reasoning: message.reasoning_content ?? message.reasoning ?? null,
          finishReason: mapOpenAIFinishReason(choice?.finish_reason),
          usage: mapOpenAIUsage(data.usage as OpenAIUsage | undefined),
          latencyMs: now() - started,
          ttftMs: null,
          responseModel: data.model ?? null,
          requestId: request_id ?? data.id ?? null,
        } satisfies GenerateResult;
      }),

    stream: (request, onDelta: DeltaListener) => {
      let text = '';
      return call(
        request,
        async (signal, touch) => {
          const started = now();
          const { data: stream, request_id } = await client.chat.completions
            .create(
              { ...buildBody(request), stream: true, stream_options: { include_usage: true } },
              { signal, timeout: request.timeoutMs },
            )
            .withResponse();
          let reasoning: string | null = null;
          let ttftMs: number | null = null;
          let finishReason: string | null = null;
          let usage: OpenAIUsage | null = null;
          let responseModel: string | null = null;
          let responseId: string | null = null;
          for await (const chunk of stream) {
            touch();
            responseModel ??= chunk.model ?? null;
            responseId ??= chunk.id ?? null;
            const choice = chunk.choices?.[0] as (typeof chunk.choices)[number] & { usage?: OpenAIUsage };
            usage = (chunk.usage as OpenAIUsage | null | undefined) ?? choice?.usage ?? usage;
            if (!choice) continue;
            const delta = (choice.delta ?? {}) as { content?: string | null } & CompatibleFields;
            const reasoningPiece = delta.reasoning_content ?? delta.reasoning;
            if (reasoningPiece) reasoning = (reasoning ?? '') + reasoningPiece;
            if (delta.content) {
              ttftMs ??= now() - started;
              text += delta.content;
              onDelta({ text: delta.content });
            }
            if (choice.finish_reason) finishReason = choice.finish_reason;
          }
          return {
            text,
            reasoning,
            finishReason: mapOpenAIFinishReason(finishReason),
            usage: mapOpenAIUsage(usage),
            latencyMs: now() - started,
            ttftMs,
            responseModel,
            requestId: request_id ?? responseId,
          } satisfies GenerateResult;
        },
        () => text,
      );
    },
  };
}
