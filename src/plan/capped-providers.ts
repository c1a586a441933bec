import type { RunPlan } from './run-plan.js';

/** A provider whose config `maxConcurrency` holds the run below its `--concurrency`. */
export interface CappedProvider {
  provider: string;
  maxConcurrency: number;
  /** Calls the run makes to it. */
  calls: number;
}

/**
 * The providers whose configured `maxConcurrency` lowers what `--concurrency` asks for: those with
 * more calls in the run than their cap, under a run concurrency above it. The run says so up front.
 */
export function cappedProviders(plan: Pick<RunPlan, 'models' | 'batch' | 'concurrency'>): CappedProvider[] {
  const prompts = plan.batch?.length ?? 1;
  const byProvider = new Map<string, CappedProvider>();
  for (const model of plan.models) {
    const cap = model.provider.maxConcurrency;
    if (cap === undefined || cap >= plan.concurrency) continue;
    const entry = byProvider.get(model.provider.id) ?? { provider: model.provider.id, maxConcurrency: cap, calls: 0 };
    entry.calls += prompts;
    byProvider.set(model.provider.id, entry);
  }
  return [...byProvider.values()].filter((entry) => entry.calls > entry.maxConcurrency);
}
