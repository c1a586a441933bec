import type { AdapterConfig } from './adapter-config.js';
import { startIdleTimer } from './idle-timer.js';
import type { GenerateRequest, ReplySoFar } from './language-model.js';
import { mapSdkError, type SdkErrorClasses } from './map-sdk-error.js';

/**
 * Runs one SDK call under the idle timeout and the caller's signal, and turns whatever it throws
 * into a typed ProviderError. `touch` restarts the idle wait (call it on every stream chunk);
 * `replySoFar` tells what the reply had brought when it failed (text, reasoning, usage), which the
 * error then carries.
 */
export async function guardedCall<T>(
  config: AdapterConfig,
  classes: SdkErrorClasses,
  request: GenerateRequest,
  run: (signal: AbortSignal, touch: () => void) => Promise<T>,
  replySoFar: () => ReplySoFar | null = () => null,
): Promise<T> {
  const timer = startIdleTimer(request.timeoutMs, request.signal);
  try {
    const value = await run(timer.signal, timer.touch);
    // The SDKs end a stream quietly when its signal aborts: that is still a failure.
    if (timer.signal.aborted) throw timer.signal.reason;
    return value;
  } catch (error) {
    const mapped = mapSdkError(error, classes, {
      provider: config.provider,
      model: request.modelId,
      apiKeyEnv: config.apiKeyEnv,
      timeoutMs: request.timeoutMs,
      timedOut: timer.timedOut,
      cancelled: timer.cancelled,
      secrets: [config.apiKey],
    });
    const reply = mapped.reply ?? replySoFar();
    throw reply === null ? mapped : mapped.withReply(reply);
  } finally {
    timer.dispose();
  }
}
