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

/** `33 %` (`33 %` in Chinese too); an em dash when there is no rate. */
const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/**
 * The pairwise judge's line: how many pairs were compared and how many disagreed between the two
 * orders (position bias), counted as ties; null when the call was not pairwise.
 */
export function pairwiseNote(call: JudgeCall | undefined): string | null {
  const summary = call?.pairwise;
  if (!summary) return null;
  const answered = summary.pairs.filter((pair) => pair.outcome !== 'error');
  const unanswered = summary.pairs.length - answered.length;
  const line = t(answered.length === 1 ? 'writing.pair.noteOne' : 'writing.pair.note', {
    judge: summary.judge,
    pairs: answered.length,
    disagreed: answered.filter((pair) => pair.inconsistent).length,
    rate: percent(summary.inconsistentRate),
  });
  return unanswered > 0 ? `${line}${t('writing.pair.noteUnanswered', { count: unanswered })}` : line;
}

/**
 * The lines under the table about the judge's call: who judged, how long, what it cost, or why there
 * are no scores; in pairwise mode a second line with the position-bias rate (see `pairwiseNote`).
 */
export function judgeNote(call: JudgeCall | undefined, results: readonly ModelResult[]): string | null {
  if (call?.pairwise && call.status === 'skipped') return t('writing.pair.noteSkipped', { judge: call.model });
  const note = rubricNote(call, results);
  const pairwise = call?.status === 'ok' ? pairwiseNote(call) : null;
  return note !== null && pairwise !== null ? `${note}\n${pairwise}` : note;
}

function rubricNote(call: JudgeCall | undefined, results: readonly ModelResult[]): string | null {
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
