import { localProviderError, type ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import type { AdapterConfig } from './adapter-config.js';
import { readErrorDetails } from './read-error-details.js';
import { throwIfReplyError } from './throw-if-reply-error.js';
import { maxEventLineBytes, type StreamWatch } from './watch-event-stream.js';

/**
 * A stream that closed without its terminator (OpenAI format: no finish reason and no `[DONE]`;
 * Anthropic: no `message_stop`): the reply is cut off, not finished. Retried like a cut connection.
 */
function streamEndedEarly(where: { provider: string; model: string }, missing: string): ProviderError {
  return localProviderError('NETWORK', t('errors.provider.stream.endedEarly', { missing }), where);
}

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * The failure of a stream from which not one event could be read. Some servers answer a stream
 * request with a plain JSON body (an error inside a 200, as MiniMax does) or an HTML page: that is
 * said as it is, not as a stream that ended early.
 */
function streamWithoutEvents(config: AdapterConfig, watch: StreamWatch, requestId: string | null, missing: string): ProviderError {
  const where = { provider: config.provider, model: config.modelId };
  const head = watch.head.trim();
  if (head === '' || /^(data|event|id|retry):|^:/m.test(head)) return streamEndedEarly(where, missing);
  const json = parsedJson(head);
  try {
    throwIfReplyError(config, json, 200, requestId);
  } catch (error) {
    return error as ProviderError;
  }
  const what =
    json === undefined
      ? t('errors.provider.stream.quoted', { text: readErrorDetails(head).message })
      : t('errors.provider.stream.jsonReply');
  return localProviderError('BAD_RESPONSE', t('errors.provider.stream.notAStream', { what }), where, { requestId });
}

/**
 * The failure of a stream that closed unfinished: {@link streamWithoutEvents} when not one event could
 * be read, else {@link streamEndedEarly}.
 */
export function unfinishedStream(
  config: AdapterConfig,
  watch: StreamWatch,
  requestId: string | null,
  eventsRead: number,
  missing: string,
): ProviderError {
  return eventsRead === 0
    ? streamWithoutEvents(config, watch, requestId, missing)
    : streamEndedEarly({ provider: config.provider, model: config.modelId }, missing);
}

/** An event stream with a line too long to be an event (a hostile or broken server): not retried. */
export function eventLineTooLong(where: { provider: string; model: string }): ProviderError {
  const limit = `${maxEventLineBytes / 1024 / 1024} MiB`;
  return localProviderError('BAD_RESPONSE', t('errors.provider.stream.lineTooLong', { limit }), where, { retryable: false });
}
