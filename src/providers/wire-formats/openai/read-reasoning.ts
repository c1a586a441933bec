/** Fields some OpenAI-compatible servers add to a message or delta. */
export interface ReasoningFields {
  reasoning_content?: string | null;
  reasoning?: string | null;
  reasoning_details?: { text?: string | null }[] | null;
}

/**
 * Reasoning as DeepSeek, Qwen, GLM, Kimi and SiliconFlow (`reasoning_content`), OpenRouter
 * (`reasoning`, `reasoning_details`) or MiniMax with `reasoning_split` (`reasoning_details`) send it.
 */
export function readReasoning(fields: ReasoningFields): string {
  if (fields.reasoning_content) return fields.reasoning_content;
  if (fields.reasoning) return fields.reasoning;
  return (fields.reasoning_details ?? []).map((detail) => detail.text ?? '').join('');
}

/** Joins reasoning from the different places it came from; null when there was none. */
export function joinReasoning(...parts: string[]): string | null {
  const joined = parts.filter((part) => part !== '').join('\n');
  return joined === '' ? null : joined;
}
