import type { FinishReason } from '../../language-model.js';

/** Maps an Anthropic Messages `stop_reason` to the unified vocabulary. */
export function mapAnthropicFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case null:
    case undefined:
    case '':
      return { unified: 'unknown', raw: null };
    default:
      return { unified: 'other', raw };
  }
}
