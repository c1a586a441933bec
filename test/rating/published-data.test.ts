import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/judge/judge-random.js';
import { rateModels } from '../../src/rating/rate-models.js';
import { comparisonsOf } from './comparisons-of.js';

// Published Bradley–Terry maximum-likelihood estimates, reproduced with the prior switched off
// (priorGames: 0, the plain MLE). Ratings are 400·log10 odds, so a log-ability λ is rating·ln10/400.
const logAbilities = (comparisons: ReturnType<typeof comparisonsOf>, reference: string) => {
  const { ranked } = rateModels(comparisons, { random: seededRandom(1), priorGames: 0, rounds: 10, minVotes: 1 });
  const base = ranked.find((model) => model.model === reference)?.rating as number;
  return Object.fromEntries(ranked.map((model) => [model.model, ((model.rating - base) * Math.LN10) / 400]));
};

describe('Bradley–Terry fit against published estimates', () => {
  it('reproduces Agresti’s 1987 American League East baseball example', () => {
    // Data: A. Agresti, Categorical Data Analysis, 2nd ed. (Wiley 2002), p. 438 (Table 10.10): games
    // between 7 teams, by home team (home wins, away wins), as shipped in the R package BradleyTerry2
    // (data/baseball.csv). Estimates: Agresti Table 10.11, column 3 (the model without home advantage),
    // log-abilities relative to Baltimore, checked to two decimals by BradleyTerry2's own test
    // (tests/testthat/test-baseball.R): 0.68, 1.11, 1.25, 1.29, 1.44, 1.58.
    const games: [string, string, number, number][] = [
      ['Milwaukee', 'Detroit', 4, 3],
      ['Milwaukee', 'Toronto', 4, 2],
      ['Milwaukee', 'New York', 4, 3],
      ['Milwaukee', 'Boston', 6, 1],
      ['Milwaukee', 'Cleveland', 4, 2],
      ['Milwaukee', 'Baltimore', 6, 0],
      ['Detroit', 'Milwaukee', 3, 3],
      ['Detroit', 'Toronto', 4, 2],
      ['Detroit', 'New York', 4, 3],
      ['Detroit', 'Boston', 6, 0],
      ['Detroit', 'Cleveland', 6, 1],
      ['Detroit', 'Baltimore', 4, 3],
      ['Toronto', 'Milwaukee', 2, 5],
      ['Toronto', 'Detroit', 4, 3],
      ['Toronto', 'New York', 2, 4],
      ['Toronto', 'Boston', 4, 3],
      ['Toronto', 'Cleveland', 4, 2],
      ['Toronto', 'Baltimore', 6, 0],
      ['New York', 'Milwaukee', 3, 3],
      ['New York', 'Detroit', 5, 1],
      ['New York', 'Toronto', 2, 5],
      ['New York', 'Boston', 4, 3],
      ['New York', 'Cleveland', 4, 2],
      ['New York', 'Baltimore', 6, 1],
      ['Boston', 'Milwaukee', 5, 1],
      ['Boston', 'Detroit', 2, 5],
      ['Boston', 'Toronto', 3, 3],
      ['Boston', 'New York', 4, 2],
      ['Boston', 'Cleveland', 5, 2],
      ['Boston', 'Baltimore', 6, 0],
      ['Cleveland', 'Milwaukee', 2, 5],
      ['Cleveland', 'Detroit', 3, 3],
      ['Cleveland', 'Toronto', 3, 4],
      ['Cleveland', 'New York', 4, 3],
      ['Cleveland', 'Boston', 4, 2],
      ['Cleveland', 'Baltimore', 2, 4],
      ['Baltimore', 'Milwaukee', 2, 5],
      ['Baltimore', 'Detroit', 1, 5],
      ['Baltimore', 'Toronto', 1, 6],
      ['Baltimore', 'New York', 2, 4],
      ['Baltimore', 'Boston', 1, 6],
      ['Baltimore', 'Cleveland', 3, 4],
    ];
    const estimates = logAbilities(
      games.flatMap(([home, away, homeWins, awayWins]) => comparisonsOf(home, away, homeWins, awayWins)),
      'Baltimore',
    );
    const published = { Milwaukee: 1.58, Detroit: 1.44, Toronto: 1.29, 'New York': 1.25, Boston: 1.11, Cleveland: 0.68, Baltimore: 0 };
    for (const [team, value] of Object.entries(published)) expect(estimates[team]).toBeCloseTo(value, 2);
  });

  it('reproduces the journal citation example (Stigler 1994, in Agresti 2002, p. 448)', () => {
    // Data: citations among four statistics journals, the cited journal "winning" (BradleyTerry2
    // data/citations.txt). Estimates printed by BradleyTerry2's BTm for this model (Turner & Firth,
    // "Bradley-Terry models in R: the BradleyTerry2 package", JSS 48(9), 2012, section 2.1), with
    // Biometrika as the reference: Comm Statist −2.9491, JASA −0.4796, JRSS-B 0.2690.
    const citations = [
      ...comparisonsOf('Biometrika', 'Comm Statist', 730, 33),
      ...comparisonsOf('Biometrika', 'JASA', 498, 320),
      ...comparisonsOf('Biometrika', 'JRSS-B', 221, 284),
      ...comparisonsOf('Comm Statist', 'JASA', 68, 813),
      ...comparisonsOf('Comm Statist', 'JRSS-B', 17, 276),
      ...comparisonsOf('JASA', 'JRSS-B', 142, 325),
    ];
    const estimates = logAbilities(citations, 'Biometrika');
    expect(estimates['Comm Statist']).toBeCloseTo(-2.9491, 4);
    expect(estimates.JASA).toBeCloseTo(-0.4796, 4);
    expect(estimates['JRSS-B']).toBeCloseTo(0.269, 4);
  });
});
