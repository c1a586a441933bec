import type { PairVerdict, PairwisePair, PairwiseRecord, PairwiseSummary } from './pairwise-types.js';

/** Up to this many drafts every pair is judged; above it, a covering subset (see `choosePairs`). */
export const allPairsUpTo = 6;

/**
 * Which drafts (indexes 0…n−1) are compared: every pair when n ≤ 6 (at most 15 pairs); above that
 * each draft against the next two in a ring (i with i+1 and i+2, mod n): 2n pairs instead of
 * n(n−1)/2, every draft in exactly 4 of them, and the comparisons connect all drafts. Each pair is
 * `[i, j]` with i < j, in a fixed order.
 */
export function choosePairs(count: number): [number, number][] {
  const pairs: [number, number][] = [];
  if (count <= allPairsUpTo) {
    for (let first = 0; first < count; first += 1) {
      for (let second = first + 1; second < count; second += 1) pairs.push([first, second]);
    }
    return pairs;
  }
  const seen = new Set<string>();
  for (const step of [1, 2]) {
    for (let index = 0; index < count; index += 1) {
      const other = (index + step) % count;
      const pair: [number, number] = [Math.min(index, other), Math.max(index, other)];
      const key = pair.join('/');
      if (!seen.has(key)) {
        seen.add(key);
        pairs.push(pair);
      }
    }
  }
  return pairs;
}

/**
 * A pair's outcome from its two orders: the verdict when both agree; a tie marked inconsistent when
 * they disagree (a win against a tie too); `error` when either order has no verdict.
 */
export function combineOrders(first: PairVerdict | null, second: PairVerdict | null): Pick<PairwisePair, 'outcome' | 'inconsistent'> {
  if (first === null || second === null) return { outcome: 'error', inconsistent: false };
  if (first === second) return { outcome: first, inconsistent: false };
  return { outcome: 'tie', inconsistent: true };
}

/** The judge's verdict in one order (`A`, `B` or `tie` as shown) relative to the pair's modelA/modelB. */
export function verdictOf(winner: 'A' | 'B' | 'tie', modelAShownFirst: boolean): PairVerdict {
  if (winner === 'tie') return 'tie';
  return (winner === 'A') === modelAShownFirst ? 'a' : 'b';
}

/** Share of the pairs answered in both orders that disagreed, rounded to 4 decimals; null when none was answered. */
export function inconsistentRate(pairs: readonly PairwisePair[]): number | null {
  const answered = pairs.filter((pair) => pair.outcome !== 'error');
  if (answered.length === 0) return null;
  return Math.round((answered.filter((pair) => pair.inconsistent).length / answered.length) * 10_000) / 10_000;
}

/** Each draft's wins, ties and losses over the pairs with an outcome, keyed by `promptId/model` (`/model` for one prompt). */
export function tallyRecords(pairs: readonly PairwisePair[]): Map<string, PairwiseRecord> {
  const records = new Map<string, PairwiseRecord>();
  const recordOf = (pair: PairwisePair, model: string) => {
    const key = recordKey(pair.promptId, model);
    const record = records.get(key) ?? { wins: 0, ties: 0, losses: 0 };
    records.set(key, record);
    return record;
  };
  for (const pair of pairs) {
    if (pair.outcome === 'error') continue;
    const a = recordOf(pair, pair.modelA);
    const b = recordOf(pair, pair.modelB);
    if (pair.outcome === 'tie') {
      a.ties += 1;
      b.ties += 1;
    } else {
      (pair.outcome === 'a' ? a : b).wins += 1;
      (pair.outcome === 'a' ? b : a).losses += 1;
    }
  }
  return records;
}

/** The key of a draft in `tallyRecords`. */
export const recordKey = (promptId: string | undefined | null, model: string): string => `${promptId ?? ''}/${model}`;

/** The summary of a judged set of pairs. */
export const summarizePairs = (judge: string, pairs: PairwisePair[]): PairwiseSummary => ({
  judge,
  pairs,
  inconsistentRate: inconsistentRate(pairs),
});
