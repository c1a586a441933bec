import { describe, expect, it } from 'vitest';
import { mapAnthropicFinishReason } from '../../src/providers/wire-formats/anthropic/map-anthropic-finish-reason.js';
import { mapAnthropicUsage } from '../../src/providers/wire-formats/anthropic/map-anthropic-usage.js';
import { mapOpenAIFinishReason } from '../../src/providers/wire-formats/openai/map-openai-finish-reason.js';
import { mapOpenAIUsage } from '../../src/providers/wire-formats/openai/map-openai-usage.js';

describe('finish reasons', () => {
  it('unifies OpenAI and Anthropic reasons and keeps the raw one', () => {
    expect(mapOpenAIFinishReason('stop')).toEqual({ unified: 'stop', raw: 'stop' });
    expect(mapOpenAIFinishReason('length')).toEqual({ unified: 'length', raw: 'length' });
    expect(mapOpenAIFinishReason('content_filter').unified).toBe('content-filter');
    expect(mapOpenAIFinishReason('tool_calls').unified).toBe('tool-calls');
    expect(mapOpenAIFinishReason('weird')).toEqual({ unified: 'other', raw: 'weird' });
    expect(mapOpenAIFinishReason(null)).toEqual({ unified: 'unknown', raw: null });
    expect(mapAnthropicFinishReason('end_turn')).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(mapAnthropicFinishReason('max_tokens').unified).toBe('length');
    expect(mapAnthropicFinishReason('refusal').unified).toBe('content-filter');
    expect(mapAnthropicFinishReason('tool_use').unified).toBe('tool-calls');
  });
});

describe('usage', () => {
  it('maps OpenAI usage details and keeps unreported counts null', () => {
    expect(
      mapOpenAIUsage({
        prompt_tokens: 10,
        completion_tokens: 5,
        prompt_tokens_details: { cached_tokens: 2 },
        completion_tokens_details: { reasoning_tokens: 1 },
      }),
    ).toEqual({
      inputTokens: 10,
      noCacheInputTokens: 8,
      outputTokens: 5,
      cacheReadTokens: 2,
      cacheWriteTokens: null,
      reasoningTokens: 1,
    });
    expect(mapOpenAIUsage(undefined).inputTokens).toBeNull();
    expect(mapOpenAIUsage({ completion_tokens: 3 }).inputTokens).toBeNull();
  });

  it('merges Anthropic usage parts, later counts winning', () => {
    const start = mapAnthropicUsage({ input_tokens: 20, output_tokens: 1, cache_read_input_tokens: 5, cache_creation_input_tokens: null });
    const end = mapAnthropicUsage({ output_tokens: 42 }, start);
    // Messages counts input_tokens without the cache; the normalized input is the total.
    expect(end).toEqual({
      inputTokens: 25,
      noCacheInputTokens: 20,
      outputTokens: 42,
      cacheReadTokens: 5,
      cacheWriteTokens: null,
      reasoningTokens: null,
    });
  });
});
