import { formatCost } from '../cost/compute-cost.js';
import { formatDuration } from '../format/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { JudgeCall } from './judge-score.js';

/** The run's cost with the judge's call counted in; null when no cost is known at all. */
export function totalCostWithJudge(results: readonly ModelResult[], call: JudgeCall | undefined): number | null {
  const costs = [...results.map((result) => result.costUsd), call?.costUsd ?? null].filter((cost): cost is number => cost !== null);
  return costs.length === 0 ? null : costs.reduce((sum, cost) => sum + cost, 0);
}

/** One line under the table about the judge's call: who judged, how long, what it cost; or why there are no scores. */
export function judgeNote(call: JudgeCall | undefined, results: readonly ModelResult[]): string | null {
  if (!call) return null;
  if (call.status === 'skipped') return `Judge ${call.model}: nothing to score (no model produced a draft)`;
  if (call.status === 'error') return `Judge ${call.model} failed, no scores: ${call.error?.message ?? 'unknown error'}`;
  const served = call.servedBy && call.servedBy !== call.model ? ` (via ${call.servedBy})` : '';
  return (
    `Judged blind by ${call.model}${served} · ${formatDuration(call.latencyMs)} · judge cost ${formatCost(call.costUsd)}` +
    ` · total cost with the judge ${formatCost(totalCostWithJudge(results, call))}`
  );
}
