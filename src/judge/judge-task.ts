import type { ModelTask } from '../run/run-with-fallbacks.js';
import type { RetryPolicy } from '../run/retry-policy.js';

/** How the judge's call is made; the comparison's own settings, by default 120 s, streamed, 2 retries. */
export type JudgeTaskSettings = Pick<ModelTask, 'timeoutMs' | 'stream' | 'retryPolicy' | 'maxTokens'>;

/** One judge request as a model task: no temperature, no caching, the comparison's bounds. */
export function judgeTask(
  request: { system: string; prompt: string },
  settings: Partial<JudgeTaskSettings> | undefined,
  retryPolicy: RetryPolicy,
): ModelTask {
  return {
    system: request.system,
    prompt: request.prompt,
    maxTokens: settings?.maxTokens ?? null,
    temperature: null,
    timeoutMs: settings?.timeoutMs ?? 120_000,
    stream: settings?.stream ?? true,
    cache: false,
    retryPolicy,
  };
}
