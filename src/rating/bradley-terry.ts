/**
 * Bradley–Terry maximum likelihood: model i beats model j with probability πi / (πi + πj).
 *
 * Ties count half a win for each side, so `wins[i * size + j]` is i's score against j (wins + ties / 2).
 * The fit iterates Newman's update (M. E. J. Newman, "Efficient computation of rankings from pairwise
 * comparisons", JMLR 24, 2023), whose fixed point is the same maximum-likelihood estimate as the MM
 * algorithm of Zermelo / Hunter (2004) but which gets there in far fewer steps:
 *
 *     πi ← Σj wij·πj / (πi + πj)  ÷  Σj wji / (πi + πj)
 *
 * Prior: a model that never lost (or never won) has no finite maximum-likelihood strength, so each
 * model also plays `priorGames` virtual games against a fixed reference player of strength 1, half
 * of them won and half lost (a virtual tie). This is a weak shrinkage towards the reference — the
 * same device as the virtual draws of Coulom's Bayeselo / Whole-History Rating — and keeps every
 * strength finite. With `priorGames: 0` the plain MLE is fitted; it exists only when the comparison
 * graph is strongly connected (Hunter 2004, Assumption 1), otherwise a strength runs off to 0 or ∞.
 */
export interface BradleyTerryOptions {
  /** Virtual tied games per model against the reference player; 0 for the plain MLE. */
  priorGames: number;
  /** Stop when no log-strength moves by more than this. Default 1e-10. */
  tolerance?: number;
  /** Give up after this many iterations (returns the last estimate). Default 10 000. */
  maxIterations?: number;
  /** Log-strengths to start from (a bootstrap round starts from the full fit). */
  start?: Float64Array;
}

/** A fit: natural-log strengths centred on their mean (NaN for a model with no games at all). */
export interface BradleyTerryFit {
  logStrengths: Float64Array;
  iterations: number;
  converged: boolean;
}

/** Fits the strengths of `size` models from the score matrix (row i, column j: i's score against j). */
export function fitBradleyTerry(size: number, wins: Float64Array, options: BradleyTerryOptions): BradleyTerryFit {
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 10_000;
  const halfPrior = options.priorGames / 2;
  const games = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) games[i] = (games[i] as number) + (wins[i * size + j] as number) + (wins[j * size + i] as number);
  }
  const present = (i: number) => (games[i] as number) > 0 || halfPrior > 0;
  const strengths = Float64Array.from({ length: size }, (_, i) => (present(i) ? Math.exp(options.start?.[i] ?? 0) || 1 : Number.NaN));
  let iterations = 0;
  let converged = false;
  while (!converged && iterations < maxIterations) {
    iterations += 1;
    converged = true;
    // in place (Gauss–Seidel): each model's update already sees the others' new strengths; a
    // simultaneous update would swing back and forth for two models
    for (let i = 0; i < size; i++) {
      if (!present(i)) continue;
      const own = strengths[i] as number;
      let numerator = halfPrior / (own + 1);
      let denominator = halfPrior / (own + 1);
      for (let j = 0; j < size; j++) {
        if (j === i || !present(j)) continue;
        const other = strengths[j] as number;
        numerator += ((wins[i * size + j] as number) * other) / (own + other);
        denominator += (wins[j * size + i] as number) / (own + other);
      }
      const next = numerator / denominator;
      if (!(Math.abs(Math.log(next) - Math.log(own)) <= tolerance)) converged = false;
      strengths[i] = next;
    }
    // The votes only fix ratios; the common scale is set by the prior alone (or, without one, kept at a
    // geometric mean of 1). Solving for it exactly each sweep keeps this an ascent algorithm with the
    // same fixed point, and avoids crawling along the weakly determined common scale.
    if (halfPrior === 0) rescale(strengths);
    else scaleToPrior(strengths, present);
  }
  const logStrengths = strengths.map(Math.log);
  centre(logStrengths);
  return { logStrengths, iterations, converged };
}

/** Divides the finite, positive strengths by their geometric mean. */
function rescale(strengths: Float64Array): void {
  const logs = [...strengths].filter((value) => value > 0 && Number.isFinite(value)).map(Math.log);
  if (logs.length === 0) return;
  const factor = Math.exp(logs.reduce((sum, value) => sum + value, 0) / logs.length);
  for (let i = 0; i < strengths.length; i++) strengths[i] = (strengths[i] as number) / factor;
}

/** Subtracts the mean of the finite values. */
function centre(values: Float64Array): void {
  const finite = [...values].filter(Number.isFinite);
  if (finite.length === 0) return;
  const mean = finite.reduce((sum, value) => sum + value, 0) / finite.length;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) - mean;
}

/**
 * Multiplies every strength by the factor e^c that maximises the prior's likelihood (the votes do
 * not depend on it): Σ tanh((c + ln πi) / 2) = 0, solved by Newton's method kept inside a bracket.
 */
function scaleToPrior(strengths: Float64Array, present: (index: number) => boolean): void {
  const logs: number[] = [];
  for (let i = 0; i < strengths.length; i++) if (present(i)) logs.push(Math.log(strengths[i] as number));
  if (logs.length === 0 || !logs.every(Number.isFinite)) return;
  let low = -Math.max(...logs);
  let high = -Math.min(...logs);
  let shift = -logs.reduce((sum, value) => sum + value, 0) / logs.length;
  for (let step = 0; step < 100; step++) {
    let value = 0;
    let slope = 0;
    for (const log of logs) {
      const tanh = Math.tanh((shift + log) / 2);
      value += tanh;
      slope += (1 - tanh * tanh) / 2;
    }
    if (value > 0) high = shift;
    else low = shift;
    const newton = shift - value / slope;
    const next = slope > 0 && newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - shift) < 1e-13) break;
    shift = next;
  }
  const factor = Math.exp(shift);
  for (let i = 0; i < strengths.length; i++) if (present(i)) strengths[i] = (strengths[i] as number) * factor;
}
