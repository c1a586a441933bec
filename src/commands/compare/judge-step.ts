import type { CommandIO } from '../../cli/command-io.js';
import { judgeBatch } from '../../judge/judge-batch.js';
import { judgeComparison, type JudgeRecorder } from '../../judge/judge-comparison.js';
import { judgePairwise, type JudgeVote } from '../../judge/judge-pairwise.js';
import { judgeRandom } from '../../judge/judge-random.js';
import type { JudgeCall } from '../../judge/judge-score.js';
import type { PairwiseSummary } from '../../judge/pairwise-types.js';
import type { RunPlan } from '../../plan/run-plan.js';
import type { LanguageModel } from '../../providers/language-model.js';
import type { LimitKeeper } from '../../limits/limit-keeper.js';
import type { ResolvedModel } from '../../providers/registry.js';
import type { ModelResult } from '../../run/model-result.js';
import { positionOf } from './position-of.js';

/** What the run ends with: the results (scored when judged) and the judge's call(s). */
export interface JudgedRun {
  results: ModelResult[];
  judgeCall?: JudgeCall;
  /** A batch's judge calls, one per prompt. */
  judgeCalls?: (JudgeCall & { promptId: string })[];
  /** `--judge-mode pairwise`: every pair and the share whose two orders disagreed (also on `judgeCall`). */
  pairwise?: PairwiseSummary;
}

/** The plan the judge step reads (its `judgeMode`: rubric when absent). */
export type JudgedPlan = RunPlan;

/** Stores the pairwise judge's votes on the recorded run, dated now (the recorder warns once if the history fails). */
function recordVotes(votes: readonly JudgeVote[], recorder: JudgeRecorder | null, io: CommandIO): void {
  if (votes.length === 0 || !recorder?.recordVotes) return;
  const createdAt = io.currentDate().toISOString();
  recorder.recordVotes(votes.map((vote) => ({ ...vote, createdAt })));
}

/** Runs `--judge` when asked: over one comparison, or per prompt over a batch; by rubric or pairwise. */
export async function judgeStep(
  plan: JudgedPlan,
  results: ModelResult[],
  io: CommandIO,
  deps: { createModel(model: ResolvedModel): Promise<LanguageModel>; recorder: JudgeRecorder | null; limits?: LimitKeeper },
): Promise<JudgedRun> {
  if (!plan.judge) return { results };
  const judgeDeps = {
    createModel: deps.createModel,
    now: io.now,
    sleep: io.sleep,
    signal: io.signal,
    stderr: io.stderr,
    random: judgeRandom(io.env),
    recorder: deps.recorder,
    limits: deps.limits,
  };
  if (plan.judgeMode === 'pairwise') {
    const judged = await judgePairwise(plan, plan.judge, results, { ...judgeDeps, positionOf: (result) => positionOf(plan, result) });
    recordVotes(judged.votes, deps.recorder, io);
    return { results: judged.results, judgeCall: judged.judgeCall, pairwise: judged.judgeCall.pairwise };
  }
  const { batch } = plan;
  if (batch) return judgeBatch({ ...plan, batch }, plan.judge, results, { ...judgeDeps, positionOf: (result) => positionOf(plan, result) });
  return judgeComparison(plan, plan.judge, results, judgeDeps);
}
