import type { BatchPrompt } from '../batch/read-prompt-batch.js';
import type { JudgeMode } from '../judge/judge-mode.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { RetryPolicy } from '../run/retry-policy.js';

/** Where the prompt came from, as reported in JSON (`prompt.source`). */
export interface PromptSource {
  text: string;
  /** A file path, `stdin`, or `topic`. */
  source: string;
  topic: string | null;
}

/**
 * Everything a run needs, validated up front: every usage and configuration error is found while
 * building it, before any model is called.
 */
export interface RunPlan {
  models: ResolvedModel[];
  prompt: PromptSource;
  system: string;
  maxTokens: number | null;
  temperature: number | null;
  timeoutMs: number;
  stream: boolean;
  /** Mark the system prompt and brief for prompt caching. */
  cache: boolean;
  retryPolicy: RetryPolicy;
  /** Models that take over, in order, a model's prompt when it still fails after its retries. */
  fallbacks: ResolvedModel[];
  /** `--judge`: the model that scores the outputs blind after the run; null (or absent) for none. */
  judge?: ResolvedModel | null;
  /** `--judge-mode`: rubric scores (the default) or pairwise comparisons. */
  judgeMode?: JudgeMode;
  /** At most this many calls at once (1 = one after another). */
  concurrency: number;
  /** `--prompts`: every prompt runs on every model (a prompts × models matrix); null for one prompt. */
  batch: BatchPrompt[] | null;
  /** Absolute directory for the per-model Markdown files. */
  outDir: string;
  /** File-name-safe name of the piece being written. */
  slug: string;
}
