import type { JudgeCall } from '../judge/judge-score.js';
import type { RunPlan } from '../plan/run-plan.js';
import type { ModelResult } from '../run/model-result.js';

/** The `--json` document: a public contract, extended and never broken. */
export interface JsonReport {
  version: 1;
  /** Id of the stored run once history exists; null until then. */
  runId: string | number | null;
  startedAt: string;
  prompt: { source: string; chars: number };
  /** Only with `--prompts`: the batch's prompts, in order; each result says its `promptId`. */
  prompts?: { id: string; source: string; chars: number; system: boolean }[];
  results: ModelResult[];
  /** Only with `--judge`: the judge's own call (its usage, latency and cost, and why it failed if it did). */
  judgeCall?: JudgeCall;
}

/** Builds the JSON report of a finished run. */
export function buildJsonReport(plan: RunPlan, startedAt: Date, results: ModelResult[]): JsonReport {
  return {
    version: 1,
    runId: null,
    startedAt: startedAt.toISOString(),
    prompt: { source: plan.prompt.source, chars: Array.from(plan.prompt.text).length },
    ...(plan.batch
      ? {
          prompts: plan.batch.map((prompt) => ({
            id: prompt.id,
            source: prompt.source,
            chars: Array.from(prompt.text).length,
            system: prompt.system !== null,
          })),
        }
      : {}),
    results,
  };
}
