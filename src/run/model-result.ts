import type { JudgeScore } from '../judge/judge-score.js';
import type { PairwiseRecord } from '../judge/pairwise-types.js';
import type { FinishReason, Usage } from '../providers/language-model.js';
import type { RouteDecision } from '../routing/route-decision.js';
import type { ResultError } from './result-error.js';

/** `servedBy` of an answer collected from a provider's batch API (it has no call latency of its own). */
export const batchApiServer = 'batch-api';

/**
 * One model's outcome: the row of the JSON report. The CLI's `--json`, the table and the files all
 * read this same object.
 */
export interface ModelResult {
  /** Canonical `provider:model` id of the model asked for. */
  model: string;
  provider: string;
  status: 'ok' | 'error';
  /** The model that produced the text: `model` itself, or the fallback; null when nothing did. */
  servedBy: string | null;
  /** The article; on a failure, the text streamed before it (see `incomplete`), else null. */
  text: string | null;
  reasoning: string | null;
  /** 字数 of `text` as writers count it (CJK characters plus words of other scripts, Markdown left out); 0 without text. */
  chars: number;
  /** Minutes to read `text`, rounded up; 0 without text. */
  readingMinutes: number;
  finishReason: FinishReason | null;
  usage: Usage;
  latencyMs: number;
  ttftMs: number | null;
  /** Cost in USD: the provider's own figure, else from the price data; null when unknown. */
  costUsd: number | null;
  /** The model id the API says it used. */
  responseModel: string | null;
  requestId: string | null;
  /** Requests made for this result, retries and fallback included. */
  attempts: number;
  /** True when `text` is only what arrived before the stream failed. */
  incomplete: boolean;
  /** Set when the fallback model served this result (or was tried): the primary's failure. */
  fallback: { from: string; error: ResultError } | null;
  /** What was adjusted to suit the model (e.g. a clamped temperature). */
  warnings: string[];
  /** The batch prompt (`--prompts`) this result answers; absent for a single prompt. */
  promptId?: string;
  /** Absolute path of the saved Markdown, when one was written. */
  outputFile: string | null;
  error: ResultError | null;
  /**
   * SHA-256 of what decides the answer (see request-key.ts): stored with the result so `--reuse`
   * can find it again; not part of the JSON report.
   */
  requestKey?: string;
  /** Set when `--reuse` answered this call from the history (no call made, cost 0)... */
  reused?: true;
  /** ...with the run the answer first came from. */
  reusedFrom?: number;
  /** Set when the cell went through a provider's batch API (`servedBy: 'batch-api'`): the batch's id. */
  batchId?: string;
  /** Set when a role's strategy (not the written order) chose which model to call: the order and why. */
  route?: RouteDecision;
  /** Set only when the run had `--judge`: the blind verdict, or null when this output was not scored. */
  judge?: JudgeScore | null;
  /** Set only with `--judge-mode pairwise`: the draft's wins, ties and losses in its run (its prompt in a batch); null when not compared. */
  pairwise?: PairwiseRecord | null;
}
