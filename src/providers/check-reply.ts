import { localProviderError } from '../errors/provider-error.js';
import type { GenerateResult } from './language-model.js';

/** Turns an empty reply into a failure: CONTENT_FILTER when the provider says it filtered, else BAD_RESPONSE. */
export function checkReply(result: GenerateResult, provider: string, model: string): GenerateResult {
  if (result.text.trim() !== '') return result;
  const filtered = result.finishReason.unified === 'content-filter';
  const type = filtered ? 'CONTENT_FILTER' : 'BAD_RESPONSE';
  const reason = result.finishReason.raw ?? 'none';
  const ranOut = result.finishReason.unified === 'length';
  const message = filtered
    ? `CONTENT_FILTER: the provider filtered the reply (finish reason ${reason}); rephrase the brief`
    : ranOut
      ? `BAD_RESPONSE: the model used all its output tokens${result.reasoning ? ' thinking' : ''} before writing the answer; raise --max-tokens`
      : `BAD_RESPONSE: the model returned an empty reply (finish reason ${reason}); try again or another model`;
  throw localProviderError(type, message, { provider, model }, { requestId: result.requestId });
}
