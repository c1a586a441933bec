import type { RunPlan } from '../plan/run-plan.js';
import { emptyUsage } from '../providers/language-model.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from '../run/model-result.js';
import { runPool } from '../run/run-pool.js';
import type { TextOutput } from '../io/text-output.js';
import { t } from '../i18n/translate.js';
import type { JudgeComparisonDeps } from './judge-comparison.js';
import { isJudgeable, judgeResults } from './judge-results.js';
import type { JudgeCall, JudgeScore } from './judge-score.js';

/** The judge's calls over a batch, one per prompt, summed into one `judgeCall` (labels keyed `promptId/A`). */
export function sumJudgeCalls(judge: ResolvedModel, calls: readonly (JudgeCall & { promptId: string })[]): JudgeCall {
  const made = calls.filter((call) => call.status !== 'skipped');
  const add = (values: (number | null)[]) =>
    values.some((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const usage = emptyUsage();
  for (const key of Object.keys(usage) as (keyof typeof usage)[]) {
    const values = made.map((call) => call.usage[key]);
    usage[key] = values.every((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  }
  const failed = made.find((call) => call.status === 'error');
  return {
    model: judge.id,
    servedBy: made.find((call) => call.servedBy !== null)?.servedBy ?? null,
    status: made.length === 0 ? 'skipped' : failed ? 'error' : 'ok',
    labels: Object.fromEntries(
      made.flatMap((call) => Object.entries(call.labels).map(([label, model]) => [`${call.promptId}/${label}`, model])),
    ),
    usage,
    latencyMs: made.reduce((sum, call) => sum + call.latencyMs, 0),
    costUsd: add(made.map((call) => call.costUsd)),
    attempts: made.reduce((sum, call) => sum + call.attempts, 0),
    requestId: null,
    error: failed?.error ?? null,
  };
}

/**
 * `--judge` over a batch: each prompt's drafts are judged blind against that prompt, as their own
 * comparison (up to `plan.concurrency` judge calls at once). A failing judge call costs only that
 * prompt's scores, and says so in one line.
 */
export async function judgeBatch(
  plan: RunPlan & { batch: NonNullable<RunPlan['batch']> },
  judge: ResolvedModel,
  results: readonly ModelResult[],
  deps: JudgeComparisonDeps & { positionOf(result: ModelResult): number; stderr: TextOutput },
): Promise<{ results: ModelResult[]; judgeCall: JudgeCall; judgeCalls: (JudgeCall & { promptId: string })[] }> {
  const drafts = results.filter(isJudgeable).length;
  if (drafts > 0 && !deps.signal?.aborted) {
    deps.stderr.write(`${t('writing.judge.judgingBatch', { drafts, prompts: plan.batch.length, judge: judge.id })}\n`);
  }
  const { stderr, recorder, positionOf, ...runDeps } = deps;
  const scores = new Map<ModelResult, JudgeScore | null>();
  const calls = await runPool(plan.batch, {
    concurrency: plan.concurrency,
    signal: deps.signal,
    run: async (prompt) => {
      const group = results.filter((result) => result.promptId === prompt.id);
      const outcome = await judgeResults(group, judge, prompt.text, {
        ...runDeps,
        task: { timeoutMs: plan.timeoutMs, stream: plan.stream, retryPolicy: plan.retryPolicy, maxTokens: null },
      });
      group.forEach((result, index) => scores.set(result, outcome.judges[index] ?? null));
      if (outcome.call.status === 'error') {
        const message = outcome.call.error?.message ?? t('writing.judge.unknownError');
        stderr.write(`${t('writing.judge.failedOnPrompt', { promptId: prompt.id, message })}\n`);
      }
      return { ...outcome.call, promptId: prompt.id };
    },
  });
  const judgeCalls = calls.filter((call): call is JudgeCall & { promptId: string } => call !== undefined);
  const judged = results.map((result) => ({ ...result, judge: scores.get(result) ?? null }));
  const judgeCall = sumJudgeCalls(judge, judgeCalls);
  if (recorder) {
    for (const result of judged) recorder.recordJudgement(positionOf(result), result.judge);
    recorder.recordJudgeCall(judgeCall);
  }
  return { results: judged, judgeCall, judgeCalls };
}
