import type { Usage } from '../providers/language-model.js';
import type { ResultError } from '../run/result-error.js';
import { t } from '../i18n/translate.js';
import type { RubricKey } from './judge-rubric.js';
import type { PairwiseRecord, PairwiseSummary } from './pairwise-types.js';

/** The judge's verdict on one output (`results[].judge` in JSON). */
export interface JudgeScore {
  /** Mean of the criteria, rounded to one decimal. */
  score: number;
  /** Every criterion, an integer from 1 to 10. */
  scores: Record<RubricKey, number>;
  /** One line per criterion saying why. */
  reasons: Record<RubricKey, string>;
}

/** The judge's own call (`judgeCall` in JSON): what it cost and whether it worked. */
export interface JudgeCall {
  /** The judge model, `provider:model`. */
  model: string;
  servedBy: string | null;
  /** `skipped` when there was nothing to judge (no output with text, or the run was interrupted). */
  status: 'ok' | 'error' | 'skipped';
  /** Which draft label stood for which model; told to nobody before the verdict. */
  labels: Record<string, string>;
  usage: Usage;
  latencyMs: number;
  costUsd: number | null;
  attempts: number;
  requestId: string | null;
  /** Why there are no scores: the call failed, or its reply was not the verdict asked for (`BAD_RESPONSE`). */
  error: ResultError | null;
  /**
   * `--judge-mode pairwise` only: every pair compared, in both orders, and how often the orders
   * disagreed. The call's figures (usage, latency, cost, attempts) are then the sum of all its calls.
   */
  pairwise?: PairwiseSummary;
}

/** Mean of the criteria, one decimal. */
export function meanScore(scores: Record<RubricKey, number>): number {
  const values = Object.values(scores);
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

/** `8.2/10`, or an em dash when not scored. */
export const formatJudgeScore = (judge: JudgeScore | null | undefined): string => (judge ? `${judge.score.toFixed(1)}/10` : '—');

/** A draft's pairwise record as the Judge column shows it: `2W 1T 0L` (`2胜 1平 0负`). */
export const formatPairwiseRecord = (record: PairwiseRecord): string => t('writing.pair.record', { ...record });

/** What the Judge column reads of a result: the rubric verdict, or (pairwise mode) the draft's record. */
export interface JudgedCell {
  judge?: JudgeScore | null;
  /** `--judge-mode pairwise`: wins, ties and losses within the run; null when the draft was not compared. */
  pairwise?: PairwiseRecord | null;
}

/** Whether the Judge column is shown: some result was judged, by rubric or pairwise. */
export const hasJudgeCell = (result: JudgedCell): boolean => result.judge !== undefined || result.pairwise !== undefined;

/** The Judge column's cell: `8.2/10`, `2W 1T 0L`, or an em dash. */
export const formatJudgeCell = (result: JudgedCell): string =>
  result.pairwise ? formatPairwiseRecord(result.pairwise) : formatJudgeScore(result.judge);
