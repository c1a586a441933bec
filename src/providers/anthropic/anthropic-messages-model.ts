import Anthropic from '@anthropic-ai/sdk';
import type { AdapterConfig } from '../adapter-config.js';
import { monotonicNow } from '../adapter-config.js';
import { guardedCall } from '../guarded-call.js';
import { nodeHttpFetch } from '../node-http-fetch.js';
import { emptyUsage, type DeltaListener, type GenerateRequest, type GenerateResult, type LanguageModel } from '../language-model.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage, type AnthropicUsage } from './map-anthropic-usage.js';

/** Messages requires `max_tokens`; this is what we send when the user sets none. */
export const defaultAnthropicMaxTokens = 8192;

interface ContentBlock {
  type: string;
  text?: string;
  thinking?: string;
}

/** An Anthropic Messages model, native or through a proxy. */
export function createAnthropicMessagesModel(config: AdapterConfig): LanguageModel {
  const now = config.now ?? monotonicNow;
  const apiKey = config.apiKey ?? 'not-needed';
  const client = new Anthropic({
    apiKey,
    baseURL: config.baseURL,
    maxRetries: 0,
    fetch: nodeHttpFetch,
    // The SDK sends the key as a Bearer token; many proxies and older gateways read only x-api-key.
    defaultHeaders: { ...config.headers, 'x-api-key': apiKey },
    ...(config.query && Object.keys(config.query).length > 0 ? { defaultQuery: config.query } : {}),
  });

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

  const call = <T>(request: GenerateRequest, run: (signal: AbortSignal, touch: () => void) => Promise<T>, partialText?: () => string) =>
    guardedCall(config, Anthropic, request, run, partialText);

  return {
    provider: config.provider,
    modelId: config.modelId,

    generate: (request) =>
      call(request, async (signal) => {
        const started = now();
        const { data, request_id } = await client.messages
          .create({ ...buildBody(request), stream: false }, { signal, timeout: request.timeoutMs })
          .withResponse();
        const blocks = (data.content ?? []) as ContentBlock[];
        const thinking = blocks.filter((block) => block.type === 'thinking').map((block) => block.thinking ?? '');
        return {
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
        } satisfies GenerateResult;
      }),

    stream: (request, onDelta: DeltaListener) => {
      let text = '';
      return call(
        request,
        async (signal, touch) => {
          const started = now();
          const { data: stream, request_id } = await client.messages
            .create({ ...buildBody(request), stream: true }, { signal, timeout: request.timeoutMs })
            .withResponse();
          let reasoning: string | null = null;
          let ttftMs: number | null = null;
          let stopReason: string | null = null;
          let usage = emptyUsage();
          let responseModel: string | null = null;
          let messageId: string | null = null;
          for await (const event of stream) {
            touch();
            if (event.type === 'message_start') {
              responseModel = event.message.model ?? null;
              messageId = event.message.id ?? null;
              usage = mapAnthropicUsage(event.message.usage as AnthropicUsage, usage);
            } else if (event.type === 'content_block_delta') {
              const delta = event.delta as { type: string; text?: string; thinking?: string };
              if (delta.type === 'text_delta' && delta.text) {
                ttftMs ??= now() - started;
                text += delta.text;
                onDelta({ text: delta.text });
              } else if (delta.type === 'thinking_delta' && delta.thinking) {
                reasoning = (reasoning ?? '') + delta.thinking;
              }
            } else if (event.type === 'message_delta') {
              stopReason = event.delta.stop_reason ?? stopReason;
              usage = mapAnthropicUsage(event.usage as AnthropicUsage, usage);
            }
          }
          return {
            text,
            reasoning,
            finishReason: mapAnthropicFinishReason(stopReason),
            usage,
            latencyMs: now() - started,
            ttftMs,
            responseModel,
            requestId: request_id ?? messageId,
          } satisfies GenerateResult;
        },
        () => text,
      );
    },
  };
}
