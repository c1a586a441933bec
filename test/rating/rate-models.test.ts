import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/judge/judge-random.js';
import { minimumVotes, rateModels } from '../../src/rating/rate-models.js';
import type { Comparison } from '../../src/store/verdicts.js';
import { comparisonsOf } from './comparisons-of.js';

const rate = (comparisons: readonly Comparison[], options: { seed?: number; priorGames?: number; minVotes?: number } = {}) =>
  rateModels(comparisons, {
    random: seededRandom(options.seed ?? 7),
    priorGames: options.priorGames,
    minVotes: options.minVotes ?? 1,
    rounds: 400,
  });
const byModel = (ratings: ReturnType<typeof rate>) =>
  Object.fromEntries([...ratings.ranked, ...ratings.tooFewVotes].map((model) => [model.model, model]));
const width = (model: { low: number; high: number }) => model.high - model.low;

const mixed = [
  ...comparisonsOf('mock:alpha', 'mock:beta', 7, 3, 2),
  ...comparisonsOf('mock:beta', 'mock:gamma', 5, 4, 1),
  ...comparisonsOf('mock:gamma', 'mock:alpha', 2, 6, 3),
  ...comparisonsOf('mock:delta', 'mock:alpha', 1, 5),
];

describe('rateModels', () => {
  it('matches the closed form for two models: the gap is 400·log10(wins/losses), ties counting half', () => {
    // 7 wins, 3 losses, 2 ties → 8 : 4 → 400·log10(2) ≈ 120.41 points, centred on 1000
    const { ranked } = rate(comparisonsOf('a', 'b', 7, 3, 2), { priorGames: 0 });
    const [first, second] = ranked;
    expect(first?.rating).toBeCloseTo(1000 + 200 * Math.log10(2), 6);
    expect(second?.rating).toBeCloseTo(1000 - 200 * Math.log10(2), 6);
    expect((first?.rating as number) - (second?.rating as number)).toBeCloseTo(400 * Math.log10(8 / 4), 6);
    expect(first).toMatchObject({ model: 'a', wins: 7, ties: 2, losses: 3, votes: 12 });
    expect(second).toMatchObject({ model: 'b', wins: 3, ties: 2, losses: 7, votes: 12 });
  });

  it('gives every model 1000 in a balanced round robin (a second closed form)', () => {
    const balanced = [...comparisonsOf('a', 'b', 3, 3, 1), ...comparisonsOf('b', 'c', 3, 3, 1), ...comparisonsOf('c', 'a', 3, 3, 1)];
    for (const model of rate(balanced, { priorGames: 0 }).ranked) expect(model.rating).toBeCloseTo(1000, 8);
  });

  it('keeps an unbeaten model finite through the prior, shrinking the gap towards 0', () => {
    const unbeaten = rate(comparisonsOf('a', 'b', 10, 0));
    const [first, second] = unbeaten.ranked;
    expect(first?.model).toBe('a');
    for (const value of [first?.rating, first?.low, first?.high, second?.rating, second?.low, second?.high])
      expect(Number.isFinite(value)).toBe(true);
    // a prior of one virtual tie per model pulls 10–0 well below what 100 : 1 odds would be
    const gap = (first?.rating as number) - (second?.rating as number);
    expect(gap).toBeGreaterThan(300);
    expect(gap).toBeLessThan(800);
    // with many votes the prior barely matters: 40–20 is close to 400·log10(2)
    const many = rate(comparisonsOf('a', 'b', 40, 20)).ranked;
    expect((many[0]?.rating as number) - (many[1]?.rating as number)).toBeCloseTo(400 * Math.log10(2), -1);
  });

  it('does not depend on the order of the votes, nor on which side each model was shown', () => {
    const shuffled = [...mixed];
    const random = seededRandom(3);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as Comparison, shuffled[i] as Comparison];
    }
    const flipped = shuffled.map((comparison): Comparison => ({
      ...comparison,
      modelA: comparison.modelB,
      modelB: comparison.modelA,
      outcome: comparison.outcome === 'a' ? 'b' : comparison.outcome === 'b' ? 'a' : 'tie',
    }));
    expect(rate(shuffled)).toEqual(rate(mixed));
    expect(rate(flipped)).toEqual(rate(mixed));
  });

  it('rates symmetric data equally, with mirrored, centred intervals', () => {
    const models = byModel(rate(comparisonsOf('a', 'b', 6, 6, 3)));
    expect(models.a?.rating).toBeCloseTo(1000, 8);
    expect(models.b?.rating).toBeCloseTo(1000, 8);
    // with two models every bootstrap round has ra + rb = 2000, so the intervals mirror exactly
    expect(models.a?.low).toBeCloseTo(2000 - (models.b?.high as number), 8);
    expect(models.a?.high).toBeCloseTo(2000 - (models.b?.low as number), 8);
    const a = models.a as { low: number; high: number };
    expect(Math.abs(a.high - 1000 - (1000 - a.low))).toBeLessThan(0.2 * width(a));
    // a three-way cycle (a > b > c > a, each 6–4) is symmetric too
    const cycle = [...comparisonsOf('a', 'b', 6, 4), ...comparisonsOf('b', 'c', 6, 4), ...comparisonsOf('c', 'a', 6, 4)];
    for (const model of rate(cycle).ranked) expect(model.rating).toBeCloseTo(1000, 8);
  });

  it('narrows the intervals as the same votes are repeated', () => {
    const once = byModel(rate(mixed));
    const four = byModel(rate([...mixed, ...mixed, ...mixed, ...mixed]));
    for (const model of Object.keys(once)) {
      expect(width(four[model] as ModelBounds)).toBeLessThan(0.75 * width(once[model] as ModelBounds));
      expect(four[model]?.low).toBeLessThanOrEqual(four[model]?.rating as number);
      expect(four[model]?.high).toBeGreaterThanOrEqual(four[model]?.rating as number);
    }
  });

  it('gives the same intervals for the same seed, and different ones for another', () => {
    expect(rate(mixed, { seed: 11 })).toEqual(rate(mixed, { seed: 11 }));
    expect(rate(mixed, { seed: 11 }).ranked[0]?.low).not.toBe(rate(mixed, { seed: 12 }).ranked[0]?.low);
  });

  it(`lists models with fewer than ${minimumVotes} comparisons apart, still using their votes`, () => {
    const ratings = rateModels([...mixed, ...comparisonsOf('mock:new', 'mock:beta', 1, 1)], { random: seededRandom(1), rounds: 50 });
    expect(ratings.tooFewVotes.map((model) => model.model)).toEqual(['mock:new']);
    expect(ratings.ranked.map((model) => model.model)).toEqual(['mock:alpha', 'mock:beta', 'mock:gamma', 'mock:delta']);
    expect(ratings.ranked.every((model) => model.votes >= minimumVotes)).toBe(true);
    const mean = [...ratings.ranked, ...ratings.tooFewVotes].reduce((sum, model) => sum + model.rating, 0) / 5;
    expect(mean).toBeCloseTo(1000, 8);
  });

  it('returns nothing for no votes, and ignores a model compared with itself', () => {
    expect(rate([])).toEqual({ ranked: [], tooFewVotes: [] });
    expect(rate(comparisonsOf('a', 'a', 3, 1))).toEqual({ ranked: [], tooFewVotes: [] });
  });
});

type ModelBounds = { low: number; high: number };
