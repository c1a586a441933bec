import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import { t } from '../../../i18n/translate.js';
import type { AdapterConfig } from '../../adapter-config.js';
import { monotonicNow } from '../../adapter-config.js';
import { guardedCall } from '../../guarded-call.js';
import { defaultReplyLimits, replyTooLong, withinCharLimit } from '../../reply-limits.js';
import type { DeltaListener, GenerateRequest, GenerateResult, LanguageModel, ReplySoFar } from '../../language-model.js';
import { eventLineTooLong, unfinishedStream } from '../../stream-ended-early.js';
import { throwIfReplyError } from '../../throw-if-reply-error.js';
import { renameThreadEvents } from '../../rename-thread-events.js';
import { newStreamWatch, watchEventStream } from '../../watch-event-stream.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.js';
import { createOpenAIClient } from './openai-client.js';
import { readContentParts, type MessageContent } from './read-content-parts.js';
import { joinReasoning, readReasoning, type ReasoningFields } from './read-reasoning.js';
import { createThinkTagSplitter, type SplitPiece } from './split-think-tags.js';

type ChatMessage = { role: 'system' | 'user'; content: string };

/** A message or a streamed delta, with the fields compatible servers add. */
type MessageFields = { content?: MessageContent } & ReasoningFields;

/** A streamed chunk as far as we read it: usage may sit in the final choice (Moonshot). */
interface ChunkFields {
  id?: string;
  model?: string;
  usage?: OpenAIUsage | null;
  choices?: { delta?: MessageFields; finish_reason?: string | null; usage?: OpenAIUsage | null }[] | null;
}

/** A reply as far as we read it. */
interface ReplyFields {
  id?: string;
  model?: string;
  usage?: OpenAIUsage | null;
  choices?: { message?: MessageFields; finish_reason?: string | null }[] | null;
}

/** What a stream has brought so far. */
interface StreamState {
  text: string;
  fieldReasoning: string;
  tagReasoning: string;
  finishReason: string | null;
  usage: OpenAIUsage | null;
  responseModel: string | null;
  responseId: string | null;
}

const replyOf = (state: StreamState): ReplySoFar => ({
  text: state.text,
  reasoning: joinReasoning(state.fieldReasoning, state.tagReasoning),
  usage: mapOpenAIUsage(state.usage),
  finishReason: state.finishReason === null ? null : mapOpenAIFinishReason(state.finishReason),
  responseModel: state.responseModel,
  reportedCostUsd: state.usage?.cost ?? null,
});

/** An OpenAI Chat Completions model, at any base URL (OpenAI, proxies, compatible APIs). */
export function createOpenAIChatModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const client = createOpenAIClient(config);
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;

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

  const call = <T>(
    request: GenerateRequest,
    run: (signal: AbortSignal, touch: () => void) => Promise<T>,
    soFar?: () => ReplySoFar | null,
  ) => guardedCall(config, OpenAI, request, run, soFar);

  return {
    provider: config.provider,
    modelId: config.modelId,

    generate: (request) =>
      call(request, async (signal) => {
        const started = now();
        const { data, request_id } = await client.chat.completions
          .create({ ...buildBody(request), stream: false }, { signal, timeout: request.timeoutMs })
          .withResponse();
        const reply = data as unknown as ReplyFields;
        throwIfReplyError(config, reply, 200, request_id ?? null);
        const choice = reply.choices?.[0];
        const message = choice?.message ?? {};
        const parts = readContentParts(message.content);
        const splitter = createThinkTagSplitter();
        const pieces = [splitter.push(parts.text), splitter.finish()];
        return withinCharLimit(
          {
            text: pieces.map((piece) => piece.text).join(''),
            reasoning: joinReasoning(readReasoning(message), parts.reasoning, pieces.map((piece) => piece.reasoning).join('')),
            finishReason: mapOpenAIFinishReason(choice?.finish_reason),
            usage: mapOpenAIUsage(reply.usage),
            latencyMs: now() - started,
            ttftMs: null,
            responseModel: reply.model ?? null,
            requestId: request_id ?? reply.id ?? null,
            reportedCostUsd: reply.usage?.cost ?? null,
          } satisfies GenerateResult,
          maxChars,
          { provider: config.provider, model: request.modelId },
        );
      }),

    stream: (request, onDelta: DeltaListener) => {
      const state: StreamState = {
        text: '',
        fieldReasoning: '',
        tagReasoning: '',
        finishReason: null,
        usage: null,
        responseModel: null,
        responseId: null,
      };
      return call(
        request,
        async (signal, touch) => {
          const started = now();
          const response = await client.chat.completions
            .create(
              { ...buildBody(request), stream: true, stream_options: { include_usage: true } },
              { signal, timeout: request.timeoutMs },
            )
            .asResponse();
          const requestId = response.headers.get('x-request-id');
          const watch = newStreamWatch();
          // The line limit comes first: the renaming waits for whole lines.
          const lineTooLong = () => eventLineTooLong({ provider: config.provider, model: request.modelId });
          const body = response.body ? renameThreadEvents(watchEventStream(response.body, watch, lineTooLong)) : null;
          const stream = Stream.fromSSEResponse<ChunkFields>(new Response(body, response), new AbortController(), client);
          let ttftMs: number | null = null;
          const splitter = createThinkTagSplitter();
          const used = () => state.text.length + state.fieldReasoning.length + state.tagReasoning.length;
          // Text and reasoning past the character limit are cut, and the call stops with the rest kept.
          const keepWithinLimit = () => {
            if (used() <= maxChars) return;
            state.fieldReasoning = state.fieldReasoning.slice(0, Math.max(0, maxChars - state.text.length));
            state.tagReasoning = state.tagReasoning.slice(0, Math.max(0, maxChars - state.text.length - state.fieldReasoning.length));
            throw replyTooLong({ provider: config.provider, model: request.modelId }, maxChars);
          };
          const emit = (piece: SplitPiece) => {
            state.tagReasoning += piece.reasoning;
            if (piece.text !== '') {
              ttftMs ??= now() - started;
              const text = piece.text.slice(0, Math.max(0, maxChars - used()));
              state.text += text;
              if (text !== '') onDelta({ text });
              if (text.length < piece.text.length) throw replyTooLong({ provider: config.provider, model: request.modelId }, maxChars);
            }
            keepWithinLimit();
          };
          let chunks = 0;
          for await (const chunk of stream) {
            touch();
            chunks += 1;
            throwIfReplyError(config, chunk, undefined, requestId ?? state.responseId);
            state.responseModel ??= chunk.model ?? null;
            state.responseId ??= chunk.id ?? null;
            const choice = chunk.choices?.[0];
            state.usage = chunk.usage ?? choice?.usage ?? state.usage;
            if (!choice) continue;
            const delta = choice.delta ?? {};
            const parts = readContentParts(delta.content);
            state.fieldReasoning += readReasoning(delta) + parts.reasoning;
            keepWithinLimit();
            if (parts.text) emit(splitter.push(parts.text));
            if (choice.finish_reason) state.finishReason = choice.finish_reason;
          }
          emit(splitter.finish());
          if (state.finishReason === null && !watch.done && !signal.aborted) {
            throw unfinishedStream(config, watch, requestId, chunks, t('errors.provider.stream.noFinishReason'));
          }
          return {
            ...replyOf(state),
            finishReason: mapOpenAIFinishReason(state.finishReason),
            latencyMs: now() - started,
            ttftMs,
            requestId: requestId ?? state.responseId,
          } satisfies GenerateResult;
        },
        () => replyOf(state),
      );
    },
  };
}
