import type { BatchPrompt } from '../../batch/read-prompt-batch.js';
import type { StoredRun } from '../../store/history-store.js';
import type { CompareCommandOptions } from '../compare/run-compare.js';

const optionText = (value: unknown) => (typeof value === 'number' ? String(value) : undefined);

/** A stored comparison (or batch) as the options that ran it: its prompt(s), models and settings. */
export function storedCompareOptions(run: StoredRun): Omit<CompareCommandOptions, 'json'> {
  const stored = run.options;
  return {
    models: Array.isArray(stored.models) ? stored.models.join(',') : '',
    promptText: { text: run.prompt, source: run.promptSource, topic: run.topic },
    promptBatch: Array.isArray(stored.prompts) ? (stored.prompts as BatchPrompt[]) : undefined,
    concurrency: optionText(stored.concurrency),
    systemText: run.systemPrompt ?? undefined,
    maxTokens: optionText(stored.maxTokens),
    temperature: optionText(stored.temperature),
    timeout: optionText(stored.timeoutMs),
    retries: optionText(stored.retries),
    fallback: typeof stored.fallback === 'string' ? stored.fallback : undefined,
    judge: typeof stored.judge === 'string' ? stored.judge : undefined,
    judgeMode: stored.judgeMode === 'pairwise' ? 'pairwise' : undefined,
    cache: stored.cache === true,
    stream: stored.stream !== false,
  };
}
