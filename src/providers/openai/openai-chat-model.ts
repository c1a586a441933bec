import OpenAI from 'openai';
import type { AdapterConfig } from '../adapter-config.js';
import { monotonicNow } from '../adapter-config.js';
import { guardedCall } from '../guarded-call.js';
import { nodeHttpFetch } from '../node-http-fetch.js';
import type { DeltaListener, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.js';
import { joinReasoning, readReasoning, type ReasoningFields } from './read-reasoning.js';
import { createThinkTagSplitter, type SplitPiece } from './split-think-tags.js';

type ChatMessage = { role: 'system' | 'user'; content: string };

/** An OpenAI Chat Completions model, at any base URL (OpenAI, proxies, compatible APIs). */
export function createOpenAIChatModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const apiKey = config.apiKey ?? 'not-needed';
  const client = new OpenAI({
    apiKey,
    baseURL: config.baseURL,
    maxRetries: 0,
    fetch: nodeHttpFetch,
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
        const message = (choice?.message ?? {}) as { content?: string | null } & ReasoningFields;
        const splitter = createThinkTagSplitter();
        const pieces = [splitter.push(message.content ?? ''), splitter.finish()];
        return {
          text: pieces.map((piece) => piece.text).join(''),
          reasoning: joinReasoning(readReasoning(message), pieces.map((piece) => piece.reasoning).join('')),
          finishReason: mapOpenAIFinishReason(choice?.finish_reason),
          usage: mapOpenAIUsage(data.usage as OpenAIUsage | undefined),
          latencyMs: now() - started,
          ttftMs: null,
          responseModel: data.model ?? null,
          requestId: request_id ?? data.id ?? null,
          reportedCostUsd: (data.usage as OpenAIUsage | undefined)?.cost ?? null,
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
          let fieldReasoning = '';
          let tagReasoning = '';
          let ttftMs: number | null = null;
          let finishReason: string | null = null;
          let usage: OpenAIUsage | null = null;
          let responseModel: string | null = null;
          let responseId: string | null = null;
          const splitter = createThinkTagSplitter();
          const emit = (piece: SplitPiece) => {
            tagReasoning += piece.reasoning;
            if (piece.text === '') return;
            ttftMs ??= now() - started;
            text += piece.text;
            onDelta({ text: piece.text });
          };
          for await (const chunk of stream) {
            touch();
            responseModel ??= chunk.model ?? null;
            responseId ??= chunk.id ?? null;
            // Moonshot reports streamed usage inside the final choice rather than at the top level.
            const choice = chunk.choices?.[0] as (typeof chunk.choices)[number] & { usage?: OpenAIUsage };
            usage = (chunk.usage as OpenAIUsage | null | undefined) ?? choice?.usage ?? usage;
            if (!choice) continue;
            const delta = (choice.delta ?? {}) as { content?: string | null } & ReasoningFields;
            fieldReasoning += readReasoning(delta);
            if (delta.content) emit(splitter.push(delta.content));
            if (choice.finish_reason) finishReason = choice.finish_reason;
          }
          emit(splitter.finish());
          return {
            text,
            reasoning: joinReasoning(fieldReasoning, tagReasoning),
            finishReason: mapOpenAIFinishReason(finishReason),
            usage: mapOpenAIUsage(usage),
            latencyMs: now() - started,
            ttftMs,
            responseModel,
            requestId: request_id ?? responseId,
            reportedCostUsd: usage?.cost ?? null,
          } satisfies GenerateResult;
        },
        () => text,
      );
    },
  };
}
