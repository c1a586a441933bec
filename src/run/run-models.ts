import type { BatchPrompt } from '../batch/read-prompt-batch.js';
import type { RunPlan } from '../plan/run-plan.js';
import type { LanguageModel } from '../providers/language-model.js';
import { secretsOf, type ResolvedModel } from '../providers/registry.js';
import type { RetryBudget } from './call-with-retries.js';
import type { ModelResult } from './model-result.js';
import { createProviderThrottle, defaultProviderConcurrency } from './provider-throttle.js';
import { usableSecrets } from './redact-reply.js';
import type { RunDeps } from './run-deps.js';
import { runPool } from './run-pool.js';
import { runWithFallbacks, type ModelTask } from './run-with-fallbacks.js';

export type { RunDeps, RunEvents } from './run-deps.js';

/** The request a comparison sends to each of its models (for one prompt of a batch, that prompt). */
export const taskFromPlan = (plan: RunPlan, prompt?: BatchPrompt): ModelTask => ({
  system: prompt?.system ?? plan.system,
  prompt: prompt?.text ?? plan.prompt.text,
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

/** One call of the run: a prompt (of a batch, or the only one) on a model. */
interface Cell {
  model: ResolvedModel;
  prompt: BatchPrompt | null;
}

/**
 * Runs every model of the plan on its prompt, or on every prompt of a batch (prompts × models, prompt
 * by prompt), up to `plan.concurrency` calls at once and each provider's `maxConcurrency`; a provider
 * that rate-limits is paused and slowed while the others go on. Results come back in plan order, each
 * after its `finished` event (saved, recorded). One failure never stops the others.
 */
export async function runModels(plan: RunPlan, deps: RunDeps): Promise<ModelResult[]> {
  const shared: RetryBudget = { leftMs: plan.retryPolicy.runBudgetMs };
  const cells: Cell[] = (plan.batch ?? [null]).flatMap((prompt) => plan.models.map((model) => ({ model, prompt })));
  const inFlight = new Map<string, number>();
  const limits = new Map(plan.models.map((model) => [model.provider.id, model.provider.maxConcurrency ?? defaultProviderConcurrency]));
  const throttle = createProviderThrottle((provider) => limits.get(provider) ?? defaultProviderConcurrency, deps.now);
  const adapters = new Map<string, Promise<LanguageModel>>();
  const cellDeps: RunDeps = {
    ...deps,
    // a proxy could echo the key of any model of the run: every one is redacted from every reply
    secrets: usableSecrets([...(deps.secrets ?? []), ...secretsOf(...plan.models, ...plan.fallbacks)]),
    // one adapter (and SDK client, with its connection pool) per model and key for the whole run:
    // a new client per call costs ~0.7 ms of CPU each, which a batch of 200 calls feels
    createModel: (model) => {
      const key = `${model.id}\u0000${model.apiKey ?? ''}`;
      const cached = adapters.get(key) ?? deps.createModel(model);
      adapters.set(key, cached);
      cached.catch(() => adapters.delete(key));
      return cached;
    },
    events: {
      ...deps.events,
      retrying: (model, info) => {
        if (info.error.type === 'RATE_LIMIT') {
          throttle.rateLimited(model.provider.id, inFlight.get(model.provider.id) ?? 1, info.error.retryAfterMs ?? info.delayMs);
        }
        deps.events?.retrying?.(model, info);
      },
    },
  };
  const finishing: Promise<ModelResult>[] = [];
  await runPool(cells, {
    concurrency: plan.concurrency,
    limitKey: (cell) => cell.model.provider.id,
    limitOf: (cell) => throttle.limit(cell.model.provider.id),
    pausedForMs: (cell) => throttle.pausedForMs(cell.model.provider.id),
    signal: deps.signal,
    run: async ({ model, prompt }, index) => {
      const finished = deps.finishedCell?.(model, prompt?.id ?? null);
      if (finished) {
        finishing[index] = Promise.resolve(finished);
        return;
      }
      const provider = model.provider.id;
      inFlight.set(provider, (inFlight.get(provider) ?? 0) + 1);
      deps.events?.started?.(model, index, cells.length);
      const budget = plan.batch ? { leftMs: plan.retryPolicy.runBudgetMs } : shared;
      const result = await runWithFallbacks([model, ...plan.fallbacks], taskFromPlan(plan, prompt ?? undefined), cellDeps, budget);
      inFlight.set(provider, (inFlight.get(provider) ?? 1) - 1);
      deps.events?.ended?.(model);
      if (result.status === 'ok') throttle.succeeded(provider);
      const cellResult = prompt ? { ...result, promptId: prompt.id } : result;
      const finish = () => Promise.resolve(deps.events?.finished?.(cellResult, model)).then((amended) => amended ?? cellResult);
      if (plan.concurrency <= 1) {
        // one at a time: a result is saved and recorded before the next call starts
        finishing[index] = finish();
        await finishing[index];
        return;
      }
      // several at once: the next call starts first, then this result is saved and recorded
      finishing[index] = new Promise<void>((resolve) => setImmediate(resolve)).then(finish);
    },
  });
  // the last results' `finished` events fire on the next turn (see above): after them, say nothing more comes
  await new Promise<void>((resolve) => setImmediate(resolve));
  deps.events?.drained?.();
  return Promise.all(finishing.filter((finished) => finished !== undefined));
}
