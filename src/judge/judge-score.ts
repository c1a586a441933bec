import type { Usage } from '../providers/language-model.js';
import type { ResultError } from '../run/result-error.js';
import type { RubricKey } from './judge-rubric.js';

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
}

/** Mean of the criteria, one decimal. */
export function meanScore(scores: Record<RubricKey, number>): number {
  const values = Object.values(scores);
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

/** `8.2/10`, or an em dash when not scored. */
export const formatJudgeScore = (judge: JudgeScore | null | undefined): string => (judge ? `${judge.score.toFixed(1)}/10` : '—');
