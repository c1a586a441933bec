import type { Comparison } from '../store/verdicts.js';

/** One model's record over the comparisons: wins, ties and losses (both-bad votes are ties). */
export interface ModelRecord {
  model: string;
  wins: number;
  ties: number;
  losses: number;
  /** wins + ties + losses: the comparisons the model took part in. */
  votes: number;
}

/**
 * Comparisons boiled down for the fit: the models (sorted, so the order of the votes never matters),
 * each comparison as a pair of model indexes and a score for the first, and each model's record.
 */
export interface ComparisonTally {
  models: string[];
  /** Per comparison: the index of model A, of model B, and A's score (1 win, 0.5 tie, 0 loss). */
  first: Int32Array;
  second: Int32Array;
  score: Float64Array;
  records: ModelRecord[];
}

const scores = { a: 1, tie: 0.5, b: 0 } as const;

/** Indexes the comparisons; a comparison of a model with itself carries no information and is left out. */
export function tallyComparisons(comparisons: readonly Comparison[]): ComparisonTally {
  const kept = comparisons.filter((comparison) => comparison.modelA !== comparison.modelB);
  const models = [...new Set(kept.flatMap((comparison) => [comparison.modelA, comparison.modelB]))].sort();
  const index = new Map(models.map((model, position) => [model, position]));
  const records = models.map((model): ModelRecord => ({ model, wins: 0, ties: 0, losses: 0, votes: 0 }));
  // each comparison as (lower index, higher index, the lower one's score), sorted: the bootstrap then
  // draws the same resamples whatever order the votes came in
  const canonical = kept.map((comparison) => {
    const a = index.get(comparison.modelA) as number;
    const b = index.get(comparison.modelB) as number;
    const recordA = records[a] as ModelRecord;
    const recordB = records[b] as ModelRecord;
    recordA.votes += 1;
    recordB.votes += 1;
    if (comparison.outcome === 'tie') {
      recordA.ties += 1;
      recordB.ties += 1;
    } else if (comparison.outcome === 'a') {
      recordA.wins += 1;
      recordB.losses += 1;
    } else {
      recordB.wins += 1;
      recordA.losses += 1;
    }
    const score = scores[comparison.outcome];
    return a < b ? ([a, b, score] as const) : ([b, a, 1 - score] as const);
  });
  canonical.sort((left, right) => left[0] - right[0] || left[1] - right[1] || left[2] - right[2]);
  const first = Int32Array.from(canonical, (entry) => entry[0]);
  const second = Int32Array.from(canonical, (entry) => entry[1]);
  const score = Float64Array.from(canonical, (entry) => entry[2]);
  return { models, first, second, score, records };
}
