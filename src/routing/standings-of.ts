import { bootstrapMaxIterations, bootstrapTolerance, scoreMatrix } from '../rating/bootstrap-ratings.js';
import { fitBradleyTerry } from '../rating/bradley-terry.js';
import { priorGames, toRating } from '../rating/rate-models.js';
import { tallyComparisons } from '../rating/tally-comparisons.js';
import type { Comparison } from '../store/verdicts.js';
import type { ModelStanding } from './route-evidence.js';

/**
 * The leaderboard's point ratings of the models compared, without intervals, fitted to the bootstrap's
 * precision (0.0002 rating points, far below what could change an order): choosing needs only the order.
 */
export function standingsOf(comparisons: readonly Comparison[]): Map<string, ModelStanding> {
  const tally = tallyComparisons(comparisons);
  if (tally.models.length === 0) return new Map();
  const fit = fitBradleyTerry(tally.models.length, scoreMatrix(tally), {
    priorGames,
    tolerance: bootstrapTolerance,
    maxIterations: bootstrapMaxIterations,
  });
  return new Map(
    tally.records.map((record, index) => [record.model, { rating: toRating(fit.logStrengths[index] as number), votes: record.votes }]),
  );
}
