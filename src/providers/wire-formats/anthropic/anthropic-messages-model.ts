import Anthropic from '@anthropic-ai/sdk';
import type { MessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { Stream } from '@anthropic-ai/sdk/streaming';
import { t } from '../../../i18n/translate.js';
import type { AdapterConfig } from '../../adapter-config.js';
import { monotonicNow } from '../../adapter-config.js';
import { guardedCall } from '../../guarded-call.js';
import { defaultReplyLimits, replyTooLong, withinCharLimit } from '../../reply-limits.js';
import {
  emptyUsage,
  type DeltaListener,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ReplySoFar,
  type Usage,
} from '../../language-model.js';
import { eventLineTooLong, unfinishedStream } from '../../stream-ended-early.js';
import { throwIfReplyError } from '../../throw-if-reply-error.js';
import { newStreamWatch, watchEventStream } from '../../watch-event-stream.js';
import { createAnthropicClient } from './anthropic-client.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage, type AnthropicUsage } from './map-anthropic-usage.js';
import { nameAnthropicEvents } from './name-anthropic-events.js';

/** Messages requires `max_tokens`; this is what we send when the user sets none. */
export const defaultAnthropicMaxTokens = 8192;

interface ContentBlock {
  type: string;
  text?: string;
  thinking?: string;
}

/** What a stream has brought so far. */
interface StreamState {
  text: string;
  reasoning: string | null;
  stopReason: string | null;
  usage: Usage;
  responseModel: string | null;
  messageId: string | null;
  stopped: boolean;
}

const replyOf = (state: StreamState): ReplySoFar => ({
  text: state.text,
  reasoning: state.reasoning,
  usage: state.usage,
  finishReason: state.stopReason === null ? null : mapAnthropicFinishReason(state.stopReason),
  responseModel: state.responseModel,
});

/** An Anthropic Messages model, native or through a proxy. */
export function createAnthropicMessagesModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const client = createAnthropicClient(config);
  const maxChars = config.maxReplyChars ?? defaultReplyLimits.maxReplyChars;

  /** Plain strings, or with --cache text blocks marked with `cache_control` (what prompt caching needs). */
  const buildBody = (request: GenerateRequest) => {
    const block = (text: string) =>
      request.cache ? [{ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const } }] : text;
    return {
      model: request.modelId,
      max_tokens: request.maxTokens ?? defaultAnthropicMaxTokens,
      messages: [{ role: 'user' as const, content: block(request.prompt) }],
      ...(request.system ? { system: block(request.system) } : {}),
      ...(request.temperature !== null ? { temperature: request.temperature } : {}),
    };
  };

  const call = <T>(
    request: GenerateRequest,
    run: (signal: AbortSignal, touch: () => void) => Promise<T>,
    soFar?: () => ReplySoFar | null,
  ) => guardedCall(config, Anthropic, request, run, soFar);

  return {
    provider: config.provider,
    modelId: config.modelId,

    generate: (request) =>
      call(request, async (signal) => {
        const started = now();
        const { data, request_id } = await client.messages
          .create({ ...buildBody(request), stream: false }, { signal, timeout: request.timeoutMs })
          .withResponse();
        throwIfReplyError(config, data, 200, request_id ?? null);
        const blocks = (Array.isArray(data.content) ? data.content : []) as ContentBlock[];
        const thinking = blocks.filter((block) => block.type === 'thinking').map((block) => block.thinking ?? '');
        return withinCharLimit(
          {
            text: blocks
              .filter((block) => block.type === 'text')
              .map((block) => block.text ?? '')
              .join(''),
            reasoning: thinking.length > 0 ? thinking.join('\n') : null,
            finishReason: mapAnthropicFinishReason(data.stop_reason),
            usage: mapAnthropicUsage(data.usage as AnthropicUsage),
            latencyMs: now() - started,
            ttftMs: null,
            responseModel: data.model ?? null,
            requestId: request_id ?? data.id ?? null,
          } satisfies GenerateResult,
          maxChars,
          { provider: config.provider, model: request.modelId },
        );
      }),

    stream: (request, onDelta: DeltaListener) => {
      const state: StreamState = {
        text: '',
        reasoning: null,
        stopReason: null,
        usage: emptyUsage(),
        responseModel: null,
        messageId: null,
        stopped: false,
      };
      return call(
        request,
        async (signal, touch) => {
          const started = now();
          const response = await client.messages
            .create({ ...buildBody(request), stream: true }, { signal, timeout: request.timeoutMs })
            .asResponse();
          const requestId = response.headers.get('request-id');
          const watch = newStreamWatch();
          // The line limit comes first: naming the events waits for whole lines.
          const lineTooLong = () => eventLineTooLong({ provider: config.provider, model: request.modelId });
          const body = response.body ? nameAnthropicEvents(watchEventStream(response.body, watch, lineTooLong)) : null;
          const stream = Stream.fromSSEResponse<MessageStreamEvent>(new Response(body, response), new AbortController(), client);
          let ttftMs: number | null = null;
          let events = 0;
          for await (const event of stream) {
            touch();
            events += 1;
            if (event.type === 'message_start') {
              state.responseModel = event.message.model ?? null;
              state.messageId = event.message.id ?? null;
              state.usage = mapAnthropicUsage(event.message.usage as AnthropicUsage, state.usage);
            } else if (event.type === 'content_block_delta') {
              const delta = event.delta as { type: string; text?: string; thinking?: string };
              // Text and reasoning past the character limit are cut, and the call stops with the rest kept.
              const room = Math.max(0, maxChars - state.text.length - (state.reasoning?.length ?? 0));
              const arrived =
                delta.type === 'text_delta' ? (delta.text ?? '') : delta.type === 'thinking_delta' ? (delta.thinking ?? '') : '';
              const kept = arrived.slice(0, room);
              if (delta.type === 'text_delta' && kept) {
                ttftMs ??= now() - started;
                state.text += kept;
                onDelta({ text: kept });
              } else if (delta.type === 'thinking_delta' && kept) {
                state.reasoning = (state.reasoning ?? '') + kept;
              }
              if (kept.length < arrived.length) throw replyTooLong({ provider: config.provider, model: request.modelId }, maxChars);
            } else if (event.type === 'message_delta') {
              state.stopReason = event.delta.stop_reason ?? state.stopReason;
              state.usage = mapAnthropicUsage(event.usage as AnthropicUsage, state.usage);
            } else if (event.type === 'message_stop') {
              state.stopped = true;
            }
          }
          if (!state.stopped && !signal.aborted) {
            throw unfinishedStream(config, watch, requestId, events, t('errors.provider.stream.noMessageStop'));
          }
          return {
            ...replyOf(state),
            finishReason: mapAnthropicFinishReason(state.stopReason),
            latencyMs: now() - started,
            ttftMs,
            requestId: requestId ?? state.messageId,
          } satisfies GenerateResult;
        },
        () => replyOf(state),
      );
    },
  };
}
