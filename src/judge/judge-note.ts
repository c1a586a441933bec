import { formatCost } from '../cost/compute-cost.js';
import { formatDuration } from '../format/format-metrics.js';
import { t } from '../i18n/translate.js';
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
  if (call.status === 'skipped') return t('writing.note.skipped', { judge: call.model });
  if (call.status === 'error') {
    return t('writing.note.failed', { judge: call.model, message: call.error?.message ?? t('writing.judge.unknownError') });
  }
  const via = call.servedBy && call.servedBy !== call.model ? t('writing.note.via', { model: call.servedBy }) : '';
  return t('writing.note.judged', {
    judge: call.model,
    via,
    duration: formatDuration(call.latencyMs),
    cost: formatCost(call.costUsd),
    total: formatCost(totalCostWithJudge(results, call)),
  });
}
