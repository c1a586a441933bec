import type { RunPlan } from '../plan/run-plan.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from '../run/model-result.js';
import type { NewVote } from '../store/verdicts.js';
import { t } from '../i18n/translate.js';
import { choosePairs, summarizePairs } from './choose-pairs.js';
import type { JudgeComparisonDeps } from './judge-comparison.js';
import { judgePairs, type PairwiseGroup } from './judge-pairs.js';
import { isJudgeable } from './judge-results.js';
import type { JudgeCall } from './judge-score.js';
import type { PairwiseRecord } from './pairwise-types.js';
import { withPairwiseRecords } from './pairwise-records.js';

/** A judge vote as the pairwise judge gives it; the run's id and the time are added where it is stored. */
export type JudgeVote = Omit<NewVote, 'runId' | 'createdAt'>;

/** A result with its pairwise record (null: the draft was not compared). */
export type PairwiseResult = ModelResult & { pairwise: PairwiseRecord | null };

/** What the pairwise judge ends with: the results with their records, its summed call, and one vote per decided pair. */
export interface PairwiseJudged {
  results: PairwiseResult[];
  judgeCall: JudgeCall;
  votes: JudgeVote[];
}

/** The groups of drafts compared: each batch prompt's successful drafts, or the one prompt's. */
function groupsOf(plan: RunPlan, results: readonly ModelResult[], positionOf: (result: ModelResult) => number): PairwiseGroup[] {
  const draftsOf = (group: readonly ModelResult[]) => group.filter(isJudgeable).map((result) => ({ result, position: positionOf(result) }));
  if (!plan.batch) return [{ promptId: null, brief: plan.prompt.text, drafts: draftsOf(results) }];
  return plan.batch.map((prompt) => ({
    promptId: prompt.id,
    brief: prompt.text,
    drafts: draftsOf(results.filter((result) => result.promptId === prompt.id)),
  }));
}

/**
 * `--judge-mode pairwise`: compares the drafts two at a time, each pair in both orders, blind (per
 * prompt in a batch), with the run's concurrency. Each draft gets its wins, ties and losses; the
 * judge's call carries every pair and the share whose orders disagreed (`pairwise`). A failing
 * comparison costs only its pair and says so in one warning; the results are never lost.
 */
export async function judgePairwise(
  plan: RunPlan,
  judge: ResolvedModel,
  results: readonly ModelResult[],
  deps: JudgeComparisonDeps & { positionOf(result: ModelResult): number },
): Promise<PairwiseJudged> {
  const { stderr, recorder, positionOf, random: _random, ...runDeps } = deps;
  const groups = groupsOf(plan, results, positionOf);
  const drafts = groups.reduce((sum, group) => sum + group.drafts.length, 0);
  const pairCount = groups.reduce((sum, group) => sum + choosePairs(group.drafts.length).length, 0);
  if (pairCount > 0 && !deps.signal?.aborted) {
    const counts = { drafts, judge: judge.id, pairs: pairCount, calls: pairCount * 2, prompts: groups.length };
    stderr.write(`${t(plan.batch ? 'writing.pair.judgingBatch' : 'writing.pair.judging', counts)}\n`);
  } else if (pairCount === 0 && !deps.signal?.aborted) {
    stderr.write(`${t('writing.pair.nothingToCompare')}\n`);
  }
  const outcome = await judgePairs(groups, judge, {
    ...runDeps,
    concurrency: plan.concurrency,
    task: { timeoutMs: plan.timeoutMs, stream: plan.stream, retryPolicy: plan.retryPolicy, maxTokens: null },
  });
  if (outcome.failed > 0) {
    const message = outcome.call.error?.message ?? t('writing.judge.unknownError');
    stderr.write(`${t('writing.pair.failed', { judge: judge.id, failed: outcome.failed, asked: outcome.asked, message })}\n`);
  }
  const pairs = outcome.pairs.map((judged) => judged.pair);
  const judgeCall: JudgeCall = { ...outcome.call, pairwise: summarizePairs(judge.id, pairs) };
  const judged = withPairwiseRecords(results, judgeCall).map((result) => ({ ...result, pairwise: result.pairwise ?? null }));
  const votes = outcome.pairs.flatMap(({ pair, positionA, positionB }): JudgeVote[] =>
    pair.outcome === 'error'
      ? []
      : [
          {
            promptId: pair.promptId ?? null,
            positionA,
            positionB,
            modelA: pair.modelA,
            modelB: pair.modelB,
            outcome: pair.outcome,
            source: 'judge',
            voter: judge.id,
            inconsistent: pair.inconsistent,
          },
        ],
  );
  recorder?.recordJudgeCall(judgeCall);
  return { results: judged, judgeCall, votes };
}
