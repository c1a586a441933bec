import type { Comparison } from '../../src/store/verdicts.js';

/** `a` beats `b` `wins` times, loses `losses` times and ties `ties` times, as human comparisons. */
export function comparisonsOf(a: string, b: string, wins: number, losses: number, ties = 0): Comparison[] {
  const one = (outcome: Comparison['outcome']): Comparison => ({ modelA: a, modelB: b, outcome, source: 'human', runId: 1 });
  return [
    ...Array.from({ length: wins }, () => one('a')),
    ...Array.from({ length: losses }, () => one('b')),
    ...Array.from({ length: ties }, () => one('tie')),
  ];
}

/** Natural-log strength difference → rating points (400·log10). */
export const pointsOf = (logDifference: number) => (400 / Math.LN10) * logDifference;
