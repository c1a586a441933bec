/** What the judge said in one order, relative to the pair's `modelA` and `modelB` (whichever side each was shown on). */
export type PairVerdict = 'a' | 'b' | 'tie';

/** One pair of drafts, judged in both orders (A/B, then B/A). */
export interface PairwisePair {
  /** The batch prompt both drafts answer; absent for a single prompt. */
  promptId?: string;
  /** Shown as 稿件 A in the first order, as 稿件 B in the second. */
  modelA: string;
  modelB: string;
  /** The first order's verdict (modelA shown first); null when that call failed or its reply was unusable. */
  first: PairVerdict | null;
  /** The second order's verdict (modelB shown first), still relative to modelA/modelB; null when it failed. */
  second: PairVerdict | null;
  /** Both orders agreed: their verdict; they disagreed: `tie`; either failed: `error` (no vote). */
  outcome: PairVerdict | 'error';
  /** Both orders answered and disagreed (position bias): counted as a tie. */
  inconsistent: boolean;
  /** The judge's one-line reasons, first order then second (null where it failed). */
  reasons: [string | null, string | null];
  /** Why the pair has no outcome, when it has none. */
  error: string | null;
}

/** The pairwise judge's results over the run (`judgeCall.pairwise` in JSON). */
export interface PairwiseSummary {
  /** The judge model, `provider:model`. */
  judge: string;
  pairs: PairwisePair[];
  /** Share (0–1) of the pairs answered in both orders whose two verdicts disagreed; null when none was. */
  inconsistentRate: number | null;
}

/** A draft's pairwise record within its run (within its prompt in a batch): ties count for neither side. */
export interface PairwiseRecord {
  wins: number;
  ties: number;
  losses: number;
}
