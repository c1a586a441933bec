import { emptyUsage, type Usage } from '../providers/language-model.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from '../run/model-result.js';
import type { ResultError } from '../run/result-error.js';
import { defaultRetryPolicy } from '../run/retry-policy.js';
import { runPool } from '../run/run-pool.js';
import { runWithFallbacks } from '../run/run-with-fallbacks.js';
import { judgeTask } from './judge-task.js';
import { buildPairwisePrompt } from './build-pairwise-prompt.js';
import { choosePairs, combineOrders, verdictOf } from './choose-pairs.js';
import type { JudgeDeps } from './judge-results.js';
import type { JudgeCall } from './judge-score.js';
import type { PairVerdict, PairwisePair } from './pairwise-types.js';
import { parsePairwiseReply } from './parse-pairwise-reply.js';

/** A draft the pairwise judge reads, and where it sits in the run (`results.position`). */
export interface PairwiseDraft {
  result: ModelResult;
  position: number;
}

/** Drafts compared with each other: one prompt's successful drafts, in the run's model order. */
export interface PairwiseGroup {
  promptId: string | null;
  brief: string;
  drafts: PairwiseDraft[];
}

/** A judged pair and where its two drafts sit in the run. */
export interface JudgedPair {
  pair: PairwisePair;
  positionA: number;
  positionB: number;
}

/** Every pair judged, and the judge's calls summed into one `judgeCall`. */
export interface PairsOutcome {
  pairs: JudgedPair[];
  call: JudgeCall;
  /** How many comparisons (one order of one pair) were asked, and how many gave no verdict. */
  asked: number;
  failed: number;
}

type OrderAnswer = { verdict: PairVerdict; reason: string; reply: ModelResult } | { error: ResultError; reply: ModelResult };

const sumUsage = (usages: readonly Usage[]): Usage => {
  const usage = emptyUsage();
  for (const key of Object.keys(usage) as (keyof Usage)[]) {
    const values = usages.map((entry) => entry[key]);
    usage[key] = values.every((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  }
  return usage;
};

/**
 * Has `judge` compare the drafts of each group two at a time (see `choosePairs`), each pair asked in
 * both orders (A/B, then B/A), blind; up to `concurrency` calls at once. A failed call or an unusable
 * reply costs only its pair (outcome `error`), never the run. Never throws.
 */
export async function judgePairs(
  groups: readonly PairwiseGroup[],
  judge: ResolvedModel,
  deps: Omit<JudgeDeps, 'random'> & { concurrency: number },
): Promise<PairsOutcome> {
  const planned = groups.flatMap((group) =>
    choosePairs(group.drafts.length).map(([first, second]) => ({
      group,
      a: group.drafts[first] as PairwiseDraft,
      b: group.drafts[second] as PairwiseDraft,
    })),
  );
  const orders = planned.flatMap((entry) => [
    { entry, aFirst: true },
    { entry, aFirst: false },
  ]);
  const retryPolicy = deps.task?.retryPolicy ?? defaultRetryPolicy;
  const answers = await runPool(orders, {
    concurrency: deps.concurrency,
    signal: deps.signal,
    run: async ({ entry, aFirst }): Promise<OrderAnswer> => {
      const [shownA, shownB] = aFirst ? [entry.a, entry.b] : [entry.b, entry.a];
      const request = buildPairwisePrompt(entry.group.brief, shownA.result.text ?? '', shownB.result.text ?? '');
      const task = judgeTask(request, deps.task, retryPolicy);
      const reply = await runWithFallbacks([judge], task, deps, { leftMs: retryPolicy.runBudgetMs });
      if (reply.status !== 'ok') return { error: reply.error as ResultError, reply };
      const parsed = parsePairwiseReply(reply.text ?? '');
      if (!parsed.ok) {
        const message = redactSecrets(`BAD_RESPONSE: ${parsed.message}`, judge.apiKeys);
        const error: ResultError = {
          type: 'BAD_RESPONSE',
          message,
          retryable: false,
          status: null,
          requestId: reply.requestId,
          retryAfterMs: null,
        };
        return { error, reply };
      }
      return { verdict: verdictOf(parsed.winner, aFirst), reason: redactSecrets(parsed.reason, judge.apiKeys), reply };
    },
  });
  const pairs = planned.map((entry, index): JudgedPair => {
    const [first, second] = [answers[index * 2], answers[index * 2 + 1]];
    const verdict = (answer: OrderAnswer | undefined) => (answer && 'verdict' in answer ? answer.verdict : null);
    const reason = (answer: OrderAnswer | undefined) => (answer && 'verdict' in answer ? answer.reason : null);
    const failure = [first, second].find((answer) => answer !== undefined && 'error' in answer);
    const unanswered = first === undefined || second === undefined;
    return {
      pair: {
        ...(entry.group.promptId === null ? {} : { promptId: entry.group.promptId }),
        modelA: entry.a.result.model,
        modelB: entry.b.result.model,
        first: verdict(first),
        second: verdict(second),
        ...combineOrders(verdict(first), verdict(second)),
        reasons: [reason(first), reason(second)],
        error: failure && 'error' in failure ? failure.error.message : unanswered ? 'CANCELLED' : null,
      },
      positionA: entry.a.position,
      positionB: entry.b.position,
    };
  });
  const made = answers.filter((answer): answer is OrderAnswer => answer !== undefined);
  const firstFailure = made.find((answer): answer is Extract<OrderAnswer, { error: ResultError }> => 'error' in answer);
  const answered = made.filter((answer) => 'verdict' in answer).length;
  const costs = made.map((answer) => answer.reply.costUsd);
  const call: JudgeCall = {
    model: judge.id,
    servedBy: made.find((answer) => answer.reply.servedBy !== null)?.reply.servedBy ?? null,
    status: made.length === 0 ? 'skipped' : answered === 0 ? 'error' : 'ok',
    labels: {},
    usage: sumUsage(made.map((answer) => answer.reply.usage)),
    latencyMs: made.reduce((sum, answer) => sum + answer.reply.latencyMs, 0),
    costUsd: costs.length === 0 || costs.some((cost) => cost === null) ? null : costs.reduce<number>((sum, cost) => sum + (cost ?? 0), 0),
    attempts: made.reduce((sum, answer) => sum + answer.reply.attempts, 0),
    requestId: null,
    error: firstFailure?.error ?? null,
  };
  return { pairs, call, asked: orders.length, failed: made.length - answered };
}
