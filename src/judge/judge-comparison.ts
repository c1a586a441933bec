import type { RunPlan } from '../plan/run-plan.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from '../run/model-result.js';
import type { RunDeps } from '../run/run-deps.js';
import type { TextOutput } from '../io/text-output.js';
import type { NewVote } from '../store/verdicts.js';
import { t } from '../i18n/translate.js';
import { isJudgeable, judgeResults } from './judge-results.js';
import type { JudgeCall, JudgeScore } from './judge-score.js';

/** Where the verdicts are stored once known (the history recorder). */
export interface JudgeRecorder {
  recordJudgement(position: number, judge: JudgeScore | null): void;
  recordJudgeCall(call: JudgeCall): void;
  /** `--judge-mode pairwise`: stores the judge's votes on the run (`store.verdicts.recordVotes`). */
  recordVotes?(votes: readonly Omit<NewVote, 'runId'>[]): void;
}

/** What judging a finished comparison needs. */
export interface JudgeComparisonDeps extends Omit<RunDeps, 'events' | 'random'> {
  /** Progress and warnings go here. */
  stderr: TextOutput;
  /** Shuffles the drafts (see `judgeRandom`). */
  random(): number;
  recorder: JudgeRecorder | null;
}

/**
 * Runs `--judge` after a comparison: says so on stderr, scores the outputs blind, stores the verdicts
 * and the judge's call, and returns the results with `judge` set on each. A failing judge never costs
 * a result: the results come back unscored (`judge: null`) and one warning says why.
 */
export async function judgeComparison(
  plan: RunPlan,
  judge: ResolvedModel,
  results: readonly ModelResult[],
  deps: JudgeComparisonDeps,
): Promise<{ results: ModelResult[]; judgeCall: JudgeCall }> {
  const drafts = results.filter(isJudgeable).length;
  if (drafts > 0 && !deps.signal?.aborted) {
    deps.stderr.write(
      `${t(drafts === 1 ? 'writing.judge.judgingOne' : 'writing.judge.judgingMany', { count: drafts, judge: judge.id })}\n`,
    );
  }
  const { stderr: _stderr, recorder, ...runDeps } = deps;
  const outcome = await judgeResults(results, judge, plan.prompt.text, {
    ...runDeps,
    task: { timeoutMs: plan.timeoutMs, stream: plan.stream, retryPolicy: plan.retryPolicy, maxTokens: null },
  });
  const call = outcome.call;
  if (call.status === 'error') {
    const message = call.error?.message ?? t('writing.judge.unknownError');
    deps.stderr.write(`${t('writing.judge.failed', { judge: judge.id, message })}\n`);
  } else if (call.status === 'skipped' && !deps.signal?.aborted) {
    deps.stderr.write(`${t('writing.judge.nothingToScore')}\n`);
  }
  const judged = results.map((result, index) => ({ ...result, judge: outcome.judges[index] ?? null }));
  if (recorder) {
    for (const result of judged) {
      const position = plan.models.findIndex((model) => model.id === result.model);
      if (position !== -1) recorder.recordJudgement(position, result.judge);
    }
    recorder.recordJudgeCall(call);
  }
  return { results: judged, judgeCall: call };
}
