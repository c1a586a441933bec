import { createHash } from 'node:crypto';
import type { ResolvedModel } from '../providers/registry.js';

/** What decides an answer, besides the model: the prompt and the parameters sent with it. */
export interface RequestParts {
  system: string;
  prompt: string;
  maxTokens: number | null;
  temperature: number | null;
}

/**
 * The key of a request: SHA-256 of the model (id, wire format, endpoint), the system prompt, the prompt,
 * max tokens and temperature. Two calls with the same key ask the same thing; never holds a key or
 * header value.
 */
export function requestKey(model: ResolvedModel, request: RequestParts): string {
  const parts = [1, model.id, model.wireFormat, model.baseURL, request.system, request.prompt, request.maxTokens, request.temperature];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
