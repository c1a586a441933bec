import { describe, expect, it } from 'vitest';
import { buildLeaderboard } from '../../src/commands/leaderboard/build-leaderboard.js';
import { renderLeaderboard } from '../../src/commands/leaderboard/render-leaderboard.js';
import type { Comparison } from '../../src/store/verdicts.js';

/** A seeded uniform generator (Park–Miller), so every run draws the same votes and bootstrap. */
const seeded = (seed: number) => () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};

/** `count` votes among `models` models, each pair drawn evenly; `tie` makes every vote a tie. */
function votes(count: number, models: number, outcome: () => Comparison['outcome']): Comparison[] {
  return Array.from({ length: count }, (_, index) => {
    const a = index % models;
    const b = (a + 1 + (Math.floor(index / models) % (models - 1))) % models;
    return { modelA: `m${a}`, modelB: `m${b}`, outcome: outcome(), source: 'human', runId: 1 + (index % 50) };
  });
}

const board = (comparisons: Comparison[], minVotes = 5) =>
  buildLeaderboard(comparisons, [], { source: 'human', tags: [], since: null, minVotes, random: seeded(7) });
const text = (comparisons: Comparison[], minVotes = 5) =>
  renderLeaderboard(board(comparisons, minVotes), { width: 80, minVotes, styleHeader: (header) => header });

describe('leaderboard edge cases', () => {
  it('0 votes, one model, all ties: no crash, no NaN, a sensible table', () => {
    expect(text([])).toContain('No human votes and picks yet');
    const random = seeded(3);
    const allTies = board(votes(60, 3, () => 'tie'));
    expect(allTies.models.map((row) => [row.rating, row.low, row.high])).toEqual([
      [1000, 1000, 1000],
      [1000, 1000, 1000],
      [1000, 1000, 1000],
    ]);
    const two = text(votes(40, 2, () => (random() < 0.5 ? 'a' : 'b')));
    expect(two).not.toMatch(/NaN|Infinity|undefined/);
    const oneSided = board(votes(30, 2, () => 'a')); // m0 always first: a model that never loses
    expect(oneSided.models.every((row) => Number.isFinite(row.rating) && Number.isFinite(row.low) && Number.isFinite(row.high))).toBe(true);
  });

  it('thousands of votes among many models are rated in bounded time (20,000 votes, 20 models)', () => {
    const random = seeded(11);
    const many = votes(20_000, 20, () => (random() < 0.55 ? 'a' : random() < 0.8 ? 'b' : 'tie'));
    const result = board(many);
    expect(result.comparisons).toBe(20_000);
    expect(result.models).toHaveLength(20);
    for (const row of result.models) expect(row.low <= row.rating && row.rating <= row.high).toBe(true);
  }, 30_000);
});
