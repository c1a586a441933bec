import { shuffled } from '../../judge/build-judge-prompt.js';

/** One successful draft a duel can show: where it is stored, which model wrote it, and its text. */
export interface DuelDraft {
  /** `results.position` of the draft in its run. */
  position: number;
  model: string;
  /** The batch prompt it answers; null for a single prompt. */
  promptId: string | null;
  text: string;
}

/** Two drafts of the same prompt, as they are shown: `a` as 稿件 A (left / first), `b` as 稿件 B. */
export interface Duel {
  promptId: string | null;
  a: DuelDraft;
  b: DuelDraft;
}

/**
 * How many duels `planDuels` makes for n drafts: none for fewer than 2, one for 2, and n for n ≥ 3
 * (a cycle), against n·(n−1)/2 for every pair.
 */
export function duelCount(drafts: number): number {
  if (drafts < 2) return 0;
  return drafts === 2 ? 1 : drafts;
}

/**
 * The duels for one prompt's drafts, few but covering every draft. The rule: the drafts are put in
 * a random order around a ring and each meets its two neighbours, so n ≥ 3 drafts give n duels,
 * every draft appears in exactly two, and the duels connect every model to every other (which a
 * rating from pairwise votes needs); 3 drafts give all 3 pairs, 2 drafts one duel. Then the order of
 * the duels and which draft is A are shuffled too. `random` (seeded in tests and with
 * WECHAT_WRITER_SEED) makes it reproducible.
 */
export function planDuels(drafts: readonly DuelDraft[], random: () => number): Duel[] {
  if (drafts.length < 2) return [];
  const ring = shuffled(drafts, random);
  const pairs: [DuelDraft, DuelDraft][] =
    ring.length === 2
      ? [[ring[0] as DuelDraft, ring[1] as DuelDraft]]
      : ring.map((draft, index) => [draft, ring[(index + 1) % ring.length] as DuelDraft]);
  return shuffled(pairs, random).map(([first, second]) => {
    const [a, b] = random() < 0.5 ? [first, second] : [second, first];
    return { promptId: a.promptId, a, b };
  });
}

/** One prompt's drafts (a whole single-prompt run, or one prompt of a batch). */
export interface DraftGroup {
  promptId: string | null;
  drafts: DuelDraft[];
}

/** Every group's duels, prompt after prompt (each prompt's own duels shuffled). */
export function planRunDuels(groups: readonly DraftGroup[], random: () => number): Duel[] {
  return groups.flatMap((group) => planDuels(group.drafts, random));
}
