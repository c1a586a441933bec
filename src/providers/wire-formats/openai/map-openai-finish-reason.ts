import type { FinishReason } from '../../language-model.js';

/** Maps a Chat Completions `finish_reason` to the unified vocabulary. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return { unified: 'stop', raw };
    case 'length':
      return { unified: 'length', raw };
    case 'content_filter':
    case 'sensitive':
      return { unified: 'content-filter', raw };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw };
    case null:
    case undefined:
    case '':
      return { unified: 'unknown', raw: null };
    default:
      return { unified: 'other', raw };
  }
}
