import type { RunPlan } from '../../plan/run-plan.js';
import type { ModelResult } from '../../run/model-result.js';

/** Where a result sits in the run: its model's index, or in a batch prompt index × models + model index. */
export function positionOf(plan: RunPlan, result: ModelResult): number {
  const modelIndex = plan.models.findIndex((model) => model.id === result.model);
  if (!plan.batch || result.promptId === undefined) return modelIndex;
  return promptIndexOf(plan, result.promptId) * plan.models.length + modelIndex;
}

/** Each batch prompt's index by id, once per plan: a batch of thousands looks one up per result. */
const promptIndexes = new WeakMap<RunPlan, Map<string, number>>();
function promptIndexOf(plan: RunPlan, promptId: string): number {
  let indexes = promptIndexes.get(plan);
  if (!indexes) {
    indexes = new Map((plan.batch ?? []).map((prompt, index) => [prompt.id, index]));
    promptIndexes.set(plan, indexes);
  }
  return indexes.get(promptId) ?? -1;
}
