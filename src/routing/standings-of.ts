import { bootstrapMaxIterations, bootstrapTolerance } from '../rating/bootstrap-ratings.js';
import { fitBradleyTerry } from '../rating/bradley-terry.js';
import { priorGames, toRating } from '../rating/rate-models.js';
import type { Comparison, ComparisonCount } from '../store/verdicts.js';
import type { ModelStanding } from './route-evidence.js';

const scores = { a: 1, tie: 0.5, b: 0 } as const;

/**
 * The leaderboard's point ratings of the models compared, from comparisons counted per pair and
 * outcome, without intervals and fitted to the bootstrap's precision (0.0002 rating points, far below
 * what could change an order): choosing needs only the order.
 */
export function standingsOfCounts(counts: readonly ComparisonCount[]): Map<string, ModelStanding> {
  const kept = counts.filter((count) => count.modelA !== count.modelB && count.count > 0);
  const models = [...new Set(kept.flatMap((count) => [count.modelA, count.modelB]))].sort();
  if (models.length === 0) return new Map();
  const index = new Map(models.map((model, position) => [model, position]));
  const size = models.length;
  const wins = new Float64Array(size * size);
  const votes = new Array<number>(size).fill(0);
  for (const { modelA, modelB, outcome, count } of kept) {
    const a = index.get(modelA) as number;
    const b = index.get(modelB) as number;
    wins[a * size + b] = (wins[a * size + b] as number) + scores[outcome] * count;
    wins[b * size + a] = (wins[b * size + a] as number) + (1 - scores[outcome]) * count;
    votes[a] = (votes[a] as number) + count;
    votes[b] = (votes[b] as number) + count;
  }
  const fit = fitBradleyTerry(size, wins, { priorGames, tolerance: bootstrapTolerance, maxIterations: bootstrapMaxIterations });
  return new Map(
    models.map((model, position) => [model, { rating: toRating(fit.logStrengths[position] as number), votes: votes[position] as number }]),
  );
}

/** The same, from comparisons one by one. */
export function standingsOf(comparisons: readonly Comparison[]): Map<string, ModelStanding> {
  return standingsOfCounts(comparisons.map(({ modelA, modelB, outcome }) => ({ modelA, modelB, outcome, count: 1 })));
}
