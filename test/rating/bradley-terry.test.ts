import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../../src/rating/bradley-terry.js';

// Score matrix of three models (row i, column j: i's score against j, ties as halves), one unbeaten.
const size = 3;
const wins = Float64Array.from([0, 4, 3.5, 0, 0, 2, 0.5, 1, 0]);

/** The log-likelihood's gradient for model i, the prior's virtual tie against strength 1 included. */
function gradient(logStrengths: Float64Array, priorGames: number, i: number): number {
  const strength = (k: number) => Math.exp(logStrengths[k] as number);
  // the fit is centred, so put the reference back where the prior holds it: any common shift c with
  // Σ tanh((c + λk)/2) = 0 — found here by bisection, independently of the fit's own Newton step
  let low = -50;
  let high = 50;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    const sum = [...logStrengths].reduce((total, log) => total + Math.tanh((middle + log) / 2), 0);
    if (sum > 0) high = middle;
    else low = middle;
  }
  const scale = Math.exp(low);
  const own = strength(i) * scale;
  let value = (priorGames / 2) * (1 - (2 * own) / (own + 1));
  for (let j = 0; j < size; j++) {
    if (j === i) continue;
    const games = (wins[i * size + j] as number) + (wins[j * size + i] as number);
    value += (wins[i * size + j] as number) - (games * own) / (own + strength(j) * scale);
  }
  return value;
}

describe('fitBradleyTerry', () => {
  it('converges to a point where the likelihood with the prior is flat, and stays finite for an unbeaten model', () => {
    const fit = fitBradleyTerry(size, wins, { priorGames: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(100);
    expect([...fit.logStrengths].every(Number.isFinite)).toBe(true);
    expect([...fit.logStrengths].reduce((sum, value) => sum + value, 0)).toBeCloseTo(0, 12);
    for (let i = 0; i < size; i++) expect(Math.abs(gradient(fit.logStrengths, 1, i))).toBeLessThan(1e-8);
    expect(fit.logStrengths[0]).toBeGreaterThan(fit.logStrengths[1] as number);
  });

  it('starts anywhere and lands on the same estimate', () => {
    const plain = fitBradleyTerry(size, wins, { priorGames: 1 });
    const started = fitBradleyTerry(size, wins, { priorGames: 1, start: Float64Array.from([-3, 2, 5]) });
    for (let i = 0; i < size; i++) expect(started.logStrengths[i]).toBeCloseTo(plain.logStrengths[i] as number, 8);
  });

  it('places a model with no games at all nowhere (NaN) without a prior, and at the mean with one', () => {
    const withIdle = new Float64Array(16);
    withIdle.set([0, 3, 0, 0, 1, 0, 0, 0], 0);
    const without = fitBradleyTerry(4, withIdle, { priorGames: 0 });
    expect(Number.isNaN(without.logStrengths[2])).toBe(true);
    expect(without.logStrengths[0] as number).toBeCloseTo(Math.log(3) / 2, 8);
    const withPrior = fitBradleyTerry(4, withIdle, { priorGames: 1 });
    expect([...withPrior.logStrengths].every(Number.isFinite)).toBe(true);
  });
});
