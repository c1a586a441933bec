import { fitBradleyTerry } from './bradley-terry.js';
import type { ComparisonTally } from './tally-comparisons.js';

/** The score matrix of the comparisons picked by `pick` (row i, column j: i's score against j). */
export function scoreMatrix(tally: ComparisonTally, pick?: Int32Array): Float64Array {
  const size = tally.models.length;
  const wins = new Float64Array(size * size);
  const count = pick ? pick.length : tally.score.length;
  for (let draw = 0; draw < count; draw++) {
    const k = pick ? (pick[draw] as number) : draw;
    const a = tally.first[k] as number;
    const b = tally.second[k] as number;
    const score = tally.score[k] as number;
    wins[a * size + b] = (wins[a * size + b] as number) + score;
    wins[b * size + a] = (wins[b * size + a] as number) + 1 - score;
  }
  return wins;
}

/**
 * Each bootstrap refit stops when no log-strength moves more than this (1e-6 is 0.0002 rating
 * points, far below the 0.1 shown) or after {@link bootstrapMaxIterations} sweeps: the full fit keeps
 * its 1e-10, but a thousand refits at that precision took 90 s for 20 models and 20,000 votes.
 */
export const bootstrapTolerance = 1e-6;
/** Most sweeps of one bootstrap refit (each starts from the full fit, so few are needed). */
export const bootstrapMaxIterations = 500;

/** How to bootstrap. */
export interface BootstrapOptions {
  rounds: number;
  priorGames: number;
  /** Uniform in [0, 1): seeded in tests, so intervals are reproducible. */
  random: () => number;
  /** The full fit's log-strengths, where each round starts. */
  start: Float64Array;
}

/**
 * A nonparametric bootstrap over the votes: each round draws as many comparisons as there are, with
 * replacement, and refits. Returns per model the centred log-strengths of every round (NaN where a
 * model played no game in a round and there is no prior to place it).
 */
export function bootstrapLogStrengths(tally: ComparisonTally, options: BootstrapOptions): Float64Array[] {
  const size = tally.models.length;
  const count = tally.score.length;
  const perModel = tally.models.map(() => new Float64Array(options.rounds));
  const pick = new Int32Array(count);
  for (let round = 0; round < options.rounds; round++) {
    for (let draw = 0; draw < count; draw++) pick[draw] = Math.floor(options.random() * count);
    const fit = fitBradleyTerry(size, scoreMatrix(tally, pick), {
      priorGames: options.priorGames,
      start: options.start,
      tolerance: bootstrapTolerance,
      maxIterations: bootstrapMaxIterations,
    });
    for (let model = 0; model < size; model++) (perModel[model] as Float64Array)[round] = fit.logStrengths[model] as number;
  }
  return perModel;
}

/** The `fraction` quantile of the finite values, interpolating between order statistics (R's type 7). */
export function quantile(values: Float64Array, fraction: number): number {
  const sorted = Float64Array.from([...values].filter(Number.isFinite)).sort();
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return (sorted[below] as number) + (position - below) * ((sorted[above] as number) - (sorted[below] as number));
}
