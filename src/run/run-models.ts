import type { RunPlan } from '../plan/run-plan.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { RetryBudget } from './call-with-retries.js';
import { runPool } from './run-pool.js';
import type { ModelResult } from './model-result.js';
import type { RunDeps } from './run-deps.js';
import { runWithFallbacks, type ModelTask } from './run-with-fallbacks.js';

export type { RunDeps, RunEvents } from './run-deps.js';

/** The request a comparison sends to each of its models. */
export const taskFromPlan = (plan: RunPlan): ModelTask => ({
  system: plan.system,
  prompt: plan.prompt.text,
  maxTokens: plan.maxTokens,
  temperature: plan.temperature,
  timeoutMs: plan.timeoutMs,
  stream: plan.stream,
  cache: plan.cache,
  retryPolicy: plan.retryPolicy,
});

/** Calls one model (then its fallbacks, if it still fails after retries) and returns the result; never throws. */
export function runOneModel(model: ResolvedModel, plan: RunPlan, deps: RunDeps, budget: RetryBudget): Promise<ModelResult> {
  return runWithFallbacks([model, ...plan.fallbacks], taskFromPlan(plan), deps, budget);
}

/**
 * Runs every model of the plan, up to `plan.concurrency` at once (and each provider's
 * `maxConcurrency`); results come back in plan order. One failure never stops the others.
 */
export async function runModels(plan: RunPlan, deps: RunDeps): Promise<ModelResult[]> {
  const budget: RetryBudget = { leftMs: plan.retryPolicy.runBudgetMs };
  const results = await runPool(plan.models, {
    concurrency: plan.concurrency,
    limitKey: (model) => model.provider.id,
    limitOf: (model) => model.provider.maxConcurrency ?? Number.POSITIVE_INFINITY,
    signal: deps.signal,
    run: async (model, index) => {
      deps.events?.started?.(model, index, plan.models.length);
      const result = await runOneModel(model, plan, deps, budget);
      return (await deps.events?.finished?.(result, model)) ?? result;
    },
  });
  return results.filter((result): result is ModelResult => result !== undefined);
}
