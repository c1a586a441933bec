import type { CommandIO } from '../../cli/command-io.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { t } from '../../i18n/translate.js';
import type { JudgeCall, JudgeScore } from '../../judge/judge-score.js';
import type { RunPlan } from '../../plan/run-plan.js';
import type { ModelResult } from '../../run/model-result.js';
import type { NewRun } from '../../store/history-store.js';
import type { NewVote } from '../../store/verdicts.js';
import { currentRunTags } from '../../store/run-tags-scope.js';
import type { RouteHistory } from '../../routing/route-evidence.js';
import { standingsOfCounts } from '../../routing/standings-of.js';
import type { StoredAnswer } from '../../store/stored-answers.js';

/** Records one run and its results as they finish. */
export interface RunRecorder {
  runId: number;
  /** Writes the result's row now (before its file is written, see save-output.ts). */
  record(position: number, result: ModelResult, role?: string | null): void;
  /** Several rows in one transaction (results that finished together in a batch). */
  recordMany(entries: readonly { position: number; result: ModelResult }[]): void;
  /** The file a recorded row names went elsewhere, or (null) could not be written after all. */
  setOutputFile(position: number, outputFile: string | null): void;
  /** False once a write failed: the rest of the run is not recorded. */
  readonly recording: boolean;
  /** A write made on another connection (the background saver's) failed: as if one of ours had. */
  fail(reason: string): void;
  /** After `--judge`: a recorded result's verdict (null: not scored), and the judge's own call. */
  recordJudgement(position: number, judge: JudgeScore | null): void;
  recordJudgeCall(call: JudgeCall): void;
  /** `--judge-mode pairwise` (or `--vote`): stores votes on this run (`store.verdicts.recordVotes`). */
  recordVotes(votes: readonly Omit<NewVote, 'runId'>[]): void;
  /** What strategies read: recent calls, round-robin turns and ratings, from the same database. */
  readonly routeHistory: RouteHistory;
  /** `--reuse`: the newest answer to this request key since `sinceIso` (any age when null), or null. */
  findAnswer(requestKey: string, sinceIso: string | null): StoredAnswer | null;
  close(): void;
}

/** Whether this run is recorded: not with --no-history or WECHAT_WRITER_NO_HISTORY=1. */
export function historyEnabled(option: boolean | undefined, env: CommandIO['env']): boolean {
  const disabled = env.WECHAT_WRITER_NO_HISTORY?.trim().toLowerCase();
  return option !== false && !(disabled && disabled !== '0' && disabled !== 'false');
}

/** What a run stores as its options: ids and numbers, never a key or a base URL. */
export function storedOptions(plan: RunPlan): Record<string, unknown> {
  return {
    models: plan.models.map((model) => model.id),
    maxTokens: plan.maxTokens,
    temperature: plan.temperature,
    timeoutMs: plan.timeoutMs,
    stream: plan.stream,
    cache: plan.cache,
    retries: plan.retryPolicy.retries,
    fallback: plan.fallbacks[0]?.id ?? null,
    concurrency: plan.concurrency,
    // where the drafts go (absolute): `resume` writes the missing ones next to them
    outDir: plan.outDir,
    ...(plan.batch ? { prompts: plan.batch } : {}),
    ...(plan.judge ? { judge: plan.judge.id } : {}),
    ...(plan.judge && plan.judgeMode === 'pairwise' ? { judgeMode: 'pairwise' } : {}),
  };
}

/**
 * Opens the history and records the run. History never costs a result: if the database cannot be
 * opened or written, the run goes on and says so once.
 */
export function startRunRecorder(
  plan: RunPlan,
  run: Pick<NewRun, 'startedAt' | 'kind' | 'parentRunId'>,
  io: CommandIO,
  /** More options to store, e.g. the `--report` file (absolute) that `resume` rewrites. */
  extra: Record<string, unknown> = {},
): Promise<RunRecorder | null> {
  return openRunRecorder(
    {
      ...run,
      prompt: plan.prompt.text,
      promptSource: plan.prompt.source,
      topic: plan.prompt.topic,
      systemPrompt: plan.system,
      options: { ...storedOptions(plan), ...extra },
    },
    io,
    promptTags(plan),
  );
}

/** Each batch prompt's own tags (the `tags` of its JSONL line), by prompt id. */
const promptTags = (plan: RunPlan): Record<string, readonly string[]> =>
  Object.fromEntries((plan.batch ?? []).filter((prompt) => prompt.tags?.length).map((prompt) => [prompt.id, prompt.tags ?? []]));

/**
 * Like `startRunRecorder`, for any kind of run (e.g. a `write` pipeline). The run's tags (`--tag`,
 * see run-tags-scope.ts) and the batch prompts' own are stored as it starts.
 */
export async function openRunRecorder(
  run: Omit<NewRun, 'toolVersion'> | { resumeRunId: number },
  io: CommandIO,
  promptTags: Record<string, readonly string[]> = {},
): Promise<RunRecorder | null> {
  const warn = (error: unknown) => io.stderr.write(`${t('history.store.off', { reason: (error as Error).message })}\n`);
  try {
    const { openHistoryStore } = await import('../../store/history-store.js');
    const store = await openHistoryStore(resolveHomeDirectory(io.env));
    // `resume` records into the run it continues: a result goes where its cell's failure (if any) was
    const resuming = 'resumeRunId' in run;
    const runId = resuming ? run.resumeRunId : store.startRun({ ...run, toolVersion: io.toolVersion });
    // The first write that fails (disk full, a lock held by another process) turns history off for the
    // rest of the run, with one warning: no later result waits on a lock, no second warning.
    let failed = false;
    const attempt = (write: () => void) => {
      if (failed) return;
      try {
        write();
      } catch (error) {
        failed = true;
        warn(error);
      }
    };
    attempt(() => {
      if (resuming) return;
      store.verdicts.addTags(runId, null, currentRunTags());
      for (const [promptId, tags] of Object.entries(promptTags)) store.verdicts.addTags(runId, promptId, tags);
    });
    return {
      runId,
      // at once, in its own transaction: a result is in the history no later than its file (WAL with
      // synchronous = NORMAL makes a commit cheap, no fsync)
      record: (position, result, role = null) =>
        attempt(() => (resuming ? store.replaceResult(runId, position, result) : store.recordResults(runId, [{ position, result, role }]))),
      recordMany: (entries) =>
        attempt(() =>
          resuming
            ? entries.forEach(({ position, result }) => store.replaceResult(runId, position, result))
            : store.recordResults(
                runId,
                entries.map(({ position, result }) => ({ position, result, role: null })),
              ),
        ),
      setOutputFile: (position, outputFile) => attempt(() => store.setOutputFile(runId, position, outputFile)),
      get recording() {
        return !failed;
      },
      fail: (reason) =>
        attempt(() => {
          throw new Error(reason);
        }),
      recordJudgement: (position, judge) => attempt(() => store.recordJudgement(runId, position, judge)),
      recordJudgeCall: (call) => attempt(() => store.recordJudgeCall(runId, call)),
      recordVotes: (votes) => attempt(() => store.verdicts.recordVotes(votes.map((vote) => ({ ...vote, runId })))),
      findAnswer: (requestKey, sinceIso) => {
        try {
          return store.answers.find(requestKey, sinceIso);
        } catch {
          return null; // a history that cannot be read only means the call is made
        }
      },
      routeHistory: {
        recentCalls: (model, role, since, limit) => store.routes.recentCalls(model, role, since, limit),
        lastTurn: (role) => store.routes.lastTurn(role),
        standings: (source, tags) => standingsOfCounts(store.verdicts.comparisonCounts({ source, tags })),
      },
      close: () => store.close(),
    };
  } catch (error) {
    warn(error);
    return null;
  }
}
