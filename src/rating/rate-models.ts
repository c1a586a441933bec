import type { Comparison } from '../store/verdicts.js';
import { bootstrapLogStrengths, quantile, scoreMatrix } from './bootstrap-ratings.js';
import { fitBradleyTerry } from './bradley-terry.js';
import { tallyComparisons, type ModelRecord } from './tally-comparisons.js';

/** A model needs at least this many comparisons (votes, and wins a pick stands for) to be ranked. */
export const minimumVotes = 5;
/** Bootstrap rounds behind each 95 % interval. */
export const bootstrapRounds = 1000;
/** Virtual tied games each model plays against a reference player (see fitBradleyTerry). */
export const priorGames = 1;
/** The mean rating of the models in a fit: the scale is centred here. */
export const ratingMean = 1000;
/** Elo's scale: 400 points is odds of 10 to 1. */
const pointsPerNaturalLog = 400 / Math.LN10;

/** How to rate; every field has a default. */
export interface RateOptions {
  /** Uniform in [0, 1) for the bootstrap; seed it for reproducible intervals. */
  random: () => number;
  minVotes?: number;
  rounds?: number;
  priorGames?: number;
}

/** One model's rating: the point estimate, its 95 % bootstrap interval, and its record. */
export interface ModelRating extends ModelRecord {
  rating: number;
  low: number;
  high: number;
}

/** The leaderboard's ratings. */
export interface Ratings {
  /** Models with at least minVotes comparisons, best first. */
  ranked: ModelRating[];
  /** Models with fewer comparisons: rated with the others (their votes inform the fit), but not ranked. */
  tooFewVotes: ModelRating[];
}

/** Natural-log strength (centred) → the Elo-like scale: 1000 + 400·log10(odds against the average model). */
export const toRating = (logStrength: number) => ratingMean + pointsPerNaturalLog * logStrength;

/**
 * Bradley–Terry ratings of the models in the comparisons (ties half a win each), on an Elo-like
 * scale whose mean over the models is 1000, with 95 % percentile intervals (2.5 %, 97.5 %) from a
 * bootstrap over the comparisons. The order of the comparisons does not matter.
 */
export function rateModels(comparisons: readonly Comparison[], options: RateOptions): Ratings {
  const tally = tallyComparisons(comparisons);
  const prior = options.priorGames ?? priorGames;
  const fit = fitBradleyTerry(tally.models.length, scoreMatrix(tally), { priorGames: prior });
  const rounds = bootstrapLogStrengths(tally, {
    rounds: options.rounds ?? bootstrapRounds,
    priorGames: prior,
    random: options.random,
    start: fit.logStrengths,
  });
  const rated = tally.records.map((record, index): ModelRating => ({
    ...record,
    rating: toRating(fit.logStrengths[index] as number),
    low: toRating(quantile(rounds[index] as Float64Array, 0.025)),
    high: toRating(quantile(rounds[index] as Float64Array, 0.975)),
  }));
  const best = (left: ModelRating, right: ModelRating) =>
    right.rating - left.rating || right.votes - left.votes || left.model.localeCompare(right.model);
  const threshold = options.minVotes ?? minimumVotes;
  return {
    ranked: rated.filter((model) => model.votes >= threshold).sort(best),
    tooFewVotes: rated.filter((model) => model.votes < threshold).sort(best),
  };
}
