import type { ModelResult } from '../run/model-result.js';
import { recordKey, tallyRecords } from './choose-pairs.js';
import type { JudgeCall } from './judge-score.js';
import type { PairwiseRecord } from './pairwise-types.js';

/**
 * The results with each draft's pairwise record (wins, ties, losses; null when it was in no pair),
 * tallied from the judge's pairs: for reports of a run read back from the history, whose results do
 * not carry it. Unchanged when the call was not pairwise.
 */
export function withPairwiseRecords<Result extends ModelResult>(
  results: readonly Result[],
  call: JudgeCall | undefined,
): (Result & { pairwise?: PairwiseRecord | null })[] {
  const pairs = call?.pairwise?.pairs;
  if (!pairs) return [...results];
  const records = tallyRecords(pairs);
  const compared = new Set(pairs.flatMap((pair) => [recordKey(pair.promptId, pair.modelA), recordKey(pair.promptId, pair.modelB)]));
  return results.map((result) => {
    const key = recordKey(result.promptId, result.model);
    return { ...result, pairwise: compared.has(key) ? (records.get(key) ?? { wins: 0, ties: 0, losses: 0 }) : null };
  });
}
