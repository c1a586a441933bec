import { describe, expect, it } from 'vitest';
import { duelCount, planDuels, planRunDuels, type Duel, type DuelDraft } from '../../src/commands/vote/plan-duels.js';
import { seededRandom } from '../../src/judge/judge-random.js';

const drafts = (count: number, promptId: string | null = null): DuelDraft[] =>
  Array.from({ length: count }, (_, index) => ({ position: index, model: `mock:m${index}`, promptId, text: `draft ${index}` }));
const pairKey = (duel: Duel) => [duel.a.position, duel.b.position].sort((x, y) => x - y).join('-');

/** Whether the duels connect every draft to every other (a rating needs one connected graph). */
function connected(duels: readonly Duel[], count: number): boolean {
  const reached = new Set([0]);
  for (let changed = true; changed;) {
    changed = false;
    for (const { a, b } of duels) {
      if (reached.has(a.position) !== reached.has(b.position)) {
        reached.add(a.position).add(b.position);
        changed = true;
      }
    }
  }
  return reached.size === count;
}

describe('planning the duels', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])('covers every one of %i drafts with few distinct duels, each draft twice (once for 2)', (count) => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const duels = planDuels(drafts(count), seededRandom(seed));
      expect(duels).toHaveLength(duelCount(count));
      expect(duels.length).toBe(count === 2 ? 1 : count);
      expect(duels.length).toBeLessThanOrEqual((count * (count - 1)) / 2);
      const appearances = new Map<number, number>();
      for (const duel of duels) {
        expect(duel.a.position).not.toBe(duel.b.position);
        for (const side of [duel.a, duel.b]) appearances.set(side.position, (appearances.get(side.position) ?? 0) + 1);
      }
      expect([...appearances.keys()].sort((x, y) => x - y)).toEqual(drafts(count).map((draft) => draft.position));
      expect(new Set(appearances.values())).toEqual(new Set([count === 2 ? 1 : 2]));
      expect(new Set(duels.map(pairKey)).size).toBe(duels.length);
      expect(connected(duels, count)).toBe(true);
    }
  });

  it('gives far fewer duels than every pair as the drafts grow', () => {
    expect([2, 3, 4, 5, 6, 7, 8].map(duelCount)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(duelCount(8)).toBeLessThan((8 * 7) / 2);
    expect(duelCount(1)).toBe(0);
    expect(planDuels(drafts(1), seededRandom(1))).toEqual([]);
  });

  it('is the same with the same seed, and shuffles order and sides with another', () => {
    const once = planDuels(drafts(6), seededRandom(7));
    expect(planDuels(drafts(6), seededRandom(7))).toEqual(once);
    const shown = (duels: Duel[]) => duels.map((duel) => `${duel.a.position}>${duel.b.position}`).join(' ');
    const variants = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => shown(planDuels(drafts(6), seededRandom(seed)))));
    expect(variants.size).toBeGreaterThan(4);
    // over many seeds every draft is shown on both sides
    const sidesOfFirst = new Set<string>();
    for (let seed = 0; seed < 40; seed += 1) {
      for (const duel of planDuels(drafts(3), seededRandom(seed))) {
        if (duel.a.position === 0) sidesOfFirst.add('a');
        if (duel.b.position === 0) sidesOfFirst.add('b');
      }
    }
    expect(sidesOfFirst).toEqual(new Set(['a', 'b']));
  });

  it('keeps a batch prompt by prompt, never mixing two prompts in a duel', () => {
    const duels = planRunDuels(
      [
        { promptId: 'p1', drafts: drafts(3, 'p1') },
        { promptId: 'p2', drafts: drafts(2, 'p2').map((draft) => ({ ...draft, position: draft.position + 3 })) },
      ],
      seededRandom(3),
    );
    expect(duels.map((duel) => duel.promptId)).toEqual(['p1', 'p1', 'p1', 'p2']);
    for (const duel of duels) expect(duel.a.promptId).toBe(duel.b.promptId);
  });
});
