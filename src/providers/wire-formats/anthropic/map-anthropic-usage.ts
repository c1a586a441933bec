import { emptyUsage, usageFrom, type Usage } from '../../language-model.js';

type Count = number | null | undefined;

/** The Messages `usage` object (or a streamed part of it), as far as we read it. */
export interface AnthropicUsage {
  input_tokens?: Count;
  output_tokens?: Count;
  cache_creation_input_tokens?: Count;
  cache_read_input_tokens?: Count;
}

const count = (value: Count): number | null => (typeof value === 'number' ? value : null);

/**
 * Merges a usage part into what is known so far. Messages reports `input_tokens` without the cached
 * part; the normalized input is the total. A stream reports input counts in `message_start` and the
 * final output count in `message_delta` (some servers repeat or correct the input there); later
 * non-null counts win.
 */
export function mapAnthropicUsage(part: AnthropicUsage | null | undefined, known: Usage = emptyUsage()): Usage {
  if (!part || typeof part !== 'object') return known;
  return usageFrom({
    noCacheInputTokens: count(part.input_tokens) ?? known.noCacheInputTokens,
    cacheReadTokens: count(part.cache_read_input_tokens) ?? known.cacheReadTokens,
    cacheWriteTokens: count(part.cache_creation_input_tokens) ?? known.cacheWriteTokens,
    outputTokens: count(part.output_tokens) ?? known.outputTokens,
    reasoningTokens: known.reasoningTokens,
  });
}
