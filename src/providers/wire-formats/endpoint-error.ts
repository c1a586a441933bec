import type { ProviderError } from '../../errors/provider-error.js';
import type { AdapterConfig } from '../adapter-config.js';
import { mapSdkError, type SdkErrorClasses } from '../map-sdk-error.js';
import type { EndpointCallOptions } from './wire-format-adapter.js';

/** Maps what a model-list or probe call threw, telling a timeout of `options.signal` from a cancel. */
export function endpointError(
  error: unknown,
  classes: SdkErrorClasses,
  config: AdapterConfig,
  options: EndpointCallOptions,
): ProviderError {
  const reason = options.signal?.aborted ? (options.signal.reason as { name?: string } | undefined) : undefined;
  return mapSdkError(error, classes, {
    provider: config.provider,
    model: '(model list)',
    apiKeyEnv: config.apiKeyEnv,
    timeoutMs: options.timeoutMs,
    timedOut: reason?.name === 'TimeoutError',
    cancelled: reason !== undefined && reason.name !== 'TimeoutError',
    secrets: [config.apiKey],
  });
}
