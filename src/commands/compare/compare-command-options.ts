import type { CompareOptions } from '../../plan/build-run-plan.js';

/** `wechat-writer [topic]` options: the plan's options plus how to present the result. */
export interface CompareCommandOptions extends CompareOptions {
  json: boolean;
  live?: boolean;
  show?: string;
  showReasoning?: boolean;
  /** False with --no-history. */
  history?: boolean;
  report?: string;
  /** `--vote`: blind duels on the drafts once the run is over (in a terminal). */
  vote?: boolean;
  /** False with --no-check: a `--prompts` batch skips the credentials check before its first call. */
  check?: boolean;
  /** `--reuse [age]`: answer identical calls from the history (true: any age). */
  reuse?: string | boolean;
  /** `--batch-api` (with `--no-wait`: `wait` false): the matrix through the providers' batch APIs (commands/batch). */
  batchApi?: boolean;
  wait?: boolean;
}
