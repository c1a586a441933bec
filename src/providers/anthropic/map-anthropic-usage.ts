import { emptyUsage, type Usage } from '../language-model.js';

/** The Messages `usage` object (or a streamed part of it), as far as we read it. */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const count = (value: number | null | undefined): number | null => (typeof value === 'number' ? value : null);

/**
 * Merges a usage part into what is known so far. A stream reports input counts in `message_start`
 * and the final output count in `message_delta`; later non-null counts win.
 */
export function mapAnthropicUsage(part: AnthropicUsage | null | undefined, known: Usage = emptyUsage()): Usage {
  if (!part) return known;
  return {
    inputTokens: count(part.input_tokens) ?? known.inputTokens,
    outputTokens: count(part.output_tokens) ?? known.outputTokens,
    cacheReadTokens: count(part.cache_read_input_tokens) ?? known.cacheReadTokens,
    cacheWriteTokens: count(part.cache_creation_input_tokens) ?? known.cacheWriteTokens,
    reasoningTokens: known.reasoningTokens,
  };
}
