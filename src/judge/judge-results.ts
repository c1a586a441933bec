import { emptyUsage } from '../providers/language-model.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { ModelResult } from '../run/model-result.js';
import { defaultRetryPolicy } from '../run/retry-policy.js';
import type { RunDeps } from '../run/run-deps.js';
import { runWithFallbacks } from '../run/run-with-fallbacks.js';
import { buildJudgePrompt } from './build-judge-prompt.js';
import type { JudgeCall, JudgeScore } from './judge-score.js';
import { judgeTask, type JudgeTaskSettings } from './judge-task.js';
import { parseJudgeReply } from './parse-judge-reply.js';

/** What judging needs from outside: the runner's deps, and the shuffle's random source (seeded in tests). */
export interface JudgeDeps extends RunDeps {
  random(): number;
  task?: Partial<JudgeTaskSettings>;
}

/** The verdicts, one per result given (null when that result was not judged), and the judge's own call. */
export interface JudgeOutcome {
  judges: (JudgeScore | null)[];
  call: JudgeCall;
}

/** Whether a result is a draft the judge reads: it succeeded and has text. */
export const isJudgeable = (result: ModelResult): boolean => result.status === 'ok' && (result.text ?? '').trim() !== '';

const skipped = (judge: ResolvedModel): JudgeCall => ({
  model: judge.id,
  servedBy: null,
  status: 'skipped',
  labels: {},
  usage: emptyUsage(),
  latencyMs: 0,
  costUsd: null,
  attempts: 0,
  requestId: null,
  error: null,
});

/**
 * Has `judge` score every successful output on the fixed rubric, blind: the outputs go out labelled
 * 稿件 A, B, … in a shuffled order, with no model id or provider name. One call for all of them, with
 * the runner's retries. Never throws: a failed call or a reply that is not the verdict asked for gives
 * no scores (null for every result) and the reason in `call.error`.
 */
export async function judgeResults(
  results: readonly ModelResult[],
  judge: ResolvedModel,
  brief: string,
  deps: JudgeDeps,
): Promise<JudgeOutcome> {
  const none = results.map((): JudgeScore | null => null);
  const judged = results.flatMap((result, index) => (isJudgeable(result) ? [{ result, index }] : []));
  if (judged.length === 0 || deps.signal?.aborted) return { judges: none, call: skipped(judge) };

  const request = buildJudgePrompt(
    brief,
    judged.map(({ result }) => result.text ?? ''),
    deps.random,
  );
  const labels = Object.fromEntries(request.drafts.map((draft) => [draft.label, judged[draft.index]?.result.model ?? '']));
  const retryPolicy = deps.task?.retryPolicy ?? defaultRetryPolicy;
  const task = judgeTask(request, deps.task, retryPolicy);
  const reply = await runWithFallbacks([judge], task, deps, { leftMs: retryPolicy.runBudgetMs });
  const call: JudgeCall = {
    model: judge.id,
    servedBy: reply.servedBy,
    status: reply.status,
    labels,
    usage: reply.usage,
    latencyMs: reply.latencyMs,
    costUsd: reply.costUsd,
    attempts: reply.attempts,
    requestId: reply.requestId,
    error: reply.error,
  };
  if (reply.status !== 'ok') return { judges: none, call };

  const parsed = parseJudgeReply(reply.text ?? '', Object.keys(labels));
  if (!parsed.ok) {
    const message = redactSecrets(`BAD_RESPONSE: ${parsed.message}`, judge.apiKeys);
    const error = {
      type: 'BAD_RESPONSE' as const,
      message,
      retryable: false,
      status: null,
      requestId: reply.requestId,
      retryAfterMs: null,
    };
    return { judges: none, call: { ...call, status: 'error', error } };
  }
  const judges = [...none];
  for (const draft of request.drafts) {
    const verdict = parsed.verdicts[draft.label];
    const target = judged[draft.index];
    if (!verdict || !target) continue;
    const reasons = Object.fromEntries(
      Object.entries(verdict.reasons).map(([key, reason]) => [key, redactSecrets(reason, judge.apiKeys)]),
    ) as JudgeScore['reasons'];
    judges[target.index] = { ...verdict, reasons };
  }
  return { judges, call };
}
