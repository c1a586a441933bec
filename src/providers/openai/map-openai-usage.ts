import { emptyUsage, type Usage } from '../language-model.js';

/** The Chat Completions `usage` object, as far as we read it. */
export interface OpenAIUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  /** OpenRouter reports each call's cost in USD. */
  cost?: number | null;
}

const count = (value: number | null | undefined): number | null => (typeof value === 'number' ? value : null);

/** Maps Chat Completions usage to normalized usage; absent counts stay `null`. */
export function mapOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  if (!usage) return emptyUsage();
  return {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    cacheReadTokens: count(usage.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: null,
    reasoningTokens: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}
