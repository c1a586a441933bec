import { localProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import type { GenerateResult } from './language-model.js';

/**
 * Turns a reply that is no article into a failure that keeps what the reply brought (usage,
 * reasoning, finish reason, any text): an empty reply (BAD_RESPONSE; CONTENT_FILTER when the
 * provider says it filtered), and a reply the provider filtered or refused midway (CONTENT_FILTER,
 * its text kept as incomplete).
 */
export function checkReply(result: GenerateResult, provider: string, model: string): GenerateResult {
  const filtered = result.finishReason.unified === 'content-filter';
  if (result.text.trim() !== '' && !filtered) return result;
  const type = filtered ? 'CONTENT_FILTER' : 'BAD_RESPONSE';
  const reason = result.finishReason.raw ?? t('errors.provider.reply.noFinishReason');
  const ranOut = result.finishReason.unified === 'length';
  const message = filtered
    ? t('errors.provider.reply.filtered', { reason })
    : ranOut
      ? t(result.reasoning ? 'errors.provider.reply.ranOutThinking' : 'errors.provider.reply.ranOut')
      : t('errors.provider.reply.empty', { reason });
  const { text, reasoning, usage, finishReason, responseModel, reportedCostUsd } = result;
  throw localProviderError(type, message, { provider, model }, { requestId: result.requestId }).withReply({
    text,
    reasoning,
    usage,
    finishReason,
    responseModel,
    reportedCostUsd,
  });
}
