import type { PromptSource } from '../plan/run-plan.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { StrategyName } from '../routing/route-decision.js';
import type { RetryPolicy } from '../run/retry-policy.js';
import type { StageName } from './stage-name.js';

export type { StageName } from './stage-name.js';

/** One step of the pipeline, resolved up front: the role's models in fallback order and its overrides. */
export interface StagePlan {
  stage: StageName;
  /** The config role that serves it (`revise` is served by `writer`). */
  role: string;
  /** Where the role's models came from: the role itself, `default`, or `--models`. */
  modelsFrom: string;
  chain: ResolvedModel[];
  /** How the role orders `chain` for each call (the role's, else `default`'s); absent: as written. */
  strategy?: StrategyName;
  system: string;
  temperature: number | null;
  maxTokens: number | null;
}

/** Everything `write` needs, validated before the first call. */
export interface WritePlan {
  prompt: PromptSource;
  stages: StagePlan[];
  timeoutMs: number;
  stream: boolean;
  retryPolicy: RetryPolicy;
  /** Directory of this run's stage files. */
  outDir: string;
  slug: string;
  configFile: string | null;
}
