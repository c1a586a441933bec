/** A message or delta `content`: a string, or (Mistral's Magistral and other compatible servers) an array of parts. */
export type MessageContent = string | readonly unknown[] | null | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** The text of a thinking part: a string, or itself an array of text parts. */
function thinkingText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  return value.map((part) => (typeof part === 'string' ? part : isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/**
 * Splits `content` into the answer text and the reasoning: `text` / `output_text` parts are the answer;
 * `thinking` and `reasoning` parts (whose text may itself be an array of parts) are reasoning; other
 * parts (images, references) are left out, never stringified.
 */
export function readContentParts(content: MessageContent): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (!isRecord(part)) continue;
    else if (part.type === 'thinking' || part.type === 'reasoning') reasoning += thinkingText(part.thinking ?? part.reasoning ?? part.text);
    else if ((part.type === 'text' || part.type === 'output_text' || part.type === undefined) && typeof part.text === 'string')
      text += part.text;
  }
  return { text, reasoning };
}
