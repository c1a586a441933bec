import { emptyUsage, usageFrom, type Usage } from '../../language-model.js';

type Count = number | null | undefined;

/** The Chat Completions `usage` object with the fields OpenAI-compatible providers add, as far as we read it. */
export interface OpenAIUsage {
  prompt_tokens?: Count;
  completion_tokens?: Count;
  prompt_tokens_details?: { cached_tokens?: Count; cache_write_tokens?: Count } | null;
  completion_tokens_details?: { reasoning_tokens?: Count } | null;
  /** DeepSeek: the input split into cache hits and misses. */
  prompt_cache_hit_tokens?: Count;
  prompt_cache_miss_tokens?: Count;
  /** Moonshot (Kimi): cached input at the top level. */
  cached_tokens?: Count;
  /** Some servers put reasoning tokens at the top level or under Responses-style names. */
  reasoning_tokens?: Count;
  output_tokens_details?: { reasoning_tokens?: Count } | null;
  /** OpenRouter reports each call's cost in USD. */
  cost?: number | null;
}

const first = (...values: Count[]): number | null => values.find((value) => typeof value === 'number') ?? null;

/** Maps Chat Completions usage to normalized usage (input is the total, cached tokens included); absent counts stay `null`. */
export function mapOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  if (!usage || typeof usage !== 'object') return emptyUsage();
  const hit = first(usage.prompt_cache_hit_tokens);
  const miss = first(usage.prompt_cache_miss_tokens);
  return usageFrom({
    inputTokens: first(usage.prompt_tokens, hit !== null && miss !== null ? hit + miss : null),
    cacheReadTokens: first(usage.prompt_tokens_details?.cached_tokens, hit, usage.cached_tokens),
    cacheWriteTokens: first(usage.prompt_tokens_details?.cache_write_tokens),
    outputTokens: first(usage.completion_tokens),
    reasoningTokens: first(
      usage.completion_tokens_details?.reasoning_tokens,
      usage.output_tokens_details?.reasoning_tokens,
      usage.reasoning_tokens,
    ),
  });
}
