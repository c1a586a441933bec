import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { Prompter } from '../../cli/prompter.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { loadSettings } from '../../config/load-settings.js';
import { currentLanguage } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import { buildRunPlan } from '../../plan/build-run-plan.js';
import type { CompareCommandOptions } from './compare-command-options.js';
import { cappedProviders } from '../../plan/capped-providers.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../providers/language-model.js';
import type { ResolvedModel } from '../../providers/registry.js';
import { extractTitle } from '../../format/format-metrics.js';
import { buildJsonReport } from '../../report/json-report.js';
import { writeReport } from '../../report/write-report.js';
import { runModels } from '../../run/run-models.js';
import type { ModelResult } from '../../run/model-result.js';
import { openHealth } from '../../health/open-health.js';
import { openLimits, plannedCalls, refuseOverLimits } from '../../limits/open-limits.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { renderFullOutputs, renderReasoning, type ShowMode } from '../../ui/print-outputs.js';
import type { ProgressReporter } from '../../ui/progress-reporter.js';
import { createBatchProgressReporter } from '../../ui/batch-progress-reporter.js';
import { renderMatrixTable } from '../../ui/matrix-table.js';
import { renderSummaryTable } from '../../ui/summary-table.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { completeOptions } from './complete-options.js';
import type { JudgedRun } from './judge-step.js';
import { chooseProgressReporter } from './choose-progress-reporter.js';
import { historyEnabled, openRunRecorder, startRunRecorder } from './record-history.js';
import { prepareReport } from './prepare-report.js';
import { createOutputSaver, groupedSaves, recordAtPosition } from './save-output.js';
import { backgroundSaveCells, startBackgroundSaver } from './background-saver.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { holdHeapGrowth } from '../../io/hold-heap-growth.js';
import { reusedLine, reusedResult, reuseSince } from './reuse-answers.js';
import type { VoteDeps } from '../vote/run-vote.js';

export type { CompareCommandOptions } from './compare-command-options.js';

/** Overridable pieces of the comparison, for tests. */
export interface CompareDeps {
  createModel?(model: ResolvedModel): Promise<LanguageModel>;
  createProgressReporter?(io: CommandIO, live: boolean): Promise<ProgressReporter>;
  createPrompter?(): Promise<Prompter>;
  /** The keys and screen of `--vote` (the terminal's when absent). */
  vote?: VoteDeps;
}

function parseShow(value: string | undefined): ShowMode | undefined {
  if (value === undefined || value === 'full' || value === 'none') return value;
  throw new UsageError(t('compare.showValue', { value }));
}

async function defaultPrompter(io: CommandIO): Promise<Prompter> {
  const { createInquirerPrompter } = await import('../../cli/inquirer-prompter.js');
  return createInquirerPrompter(io.stderr as NodeJS.WritableStream);
}

/** `resume`: the run to continue, when it started, and the cells it already finished (by cellKey). */
export interface ResumedRun {
  runId: number;
  startedAt: Date;
  finished: ReadonlyMap<string, ModelResult>;
}

/** A matrix cell's key: the model asked and the batch prompt (none for a single prompt). */
export const cellKey = (model: string, promptId: string | null | undefined) => `${model}\u0000${promptId ?? ''}`;

/** Runs one prompt on every selected model, saves each output, and prints the comparison. */
export async function runCompare(
  options: CompareCommandOptions,
  io: CommandIO,
  deps: CompareDeps = {},
  run: { kind: 'compare' | 'rerun'; parentRunId: number | null; resume?: ResumedRun } = { kind: 'compare', parentRunId: null },
): Promise<ExitCodeValue> {
  const show = parseShow(options.show);
  if (options.batchApi || options.wait === false || run.resume) {
    const { batchApiBranch } = await import('../batch/run-batch-api.js');
    const batched = await batchApiBranch(options, io, deps, run.resume?.runId ?? null);
    if (batched !== null) return batched;
  }
  const reportTarget = await prepareReport(options.report, io);
  const settings = await loadSettings(options.config, io);
  const completed = await completeOptions(options, io, deps.createPrompter ?? (() => defaultPrompter(io)), settings.catalog);
  const plan = await buildRunPlan(completed, { ...io, settings });
  const reuseFrom = reuseSince(options.reuse, historyEnabled(options.history, io.env), io);
  for (const capped of cappedProviders(plan)) {
    const file = settings.configFile ?? 'config';
    io.stderr.write(
      `${t('compare.cappedProvider', { provider: capped.provider, cap: capped.maxConcurrency, file, concurrency: plan.concurrency })}\n`,
    );
  }
  await refuseOverLimits(io, settings, plannedCalls(plan.models, plan.batch?.length ?? 1));
  if (plan.batch && options.check !== false) {
    const { runPreflight } = await import('../../preflight/run-preflight.js');
    await runPreflight([...plan.models, ...plan.fallbacks, ...(plan.judge ? [plan.judge] : [])], io);
  }
  const everyModel = [...plan.models, ...plan.fallbacks, ...(plan.judge ? [plan.judge] : [])];
  const limits = await openLimits(io, everyModel, historyEnabled(options.history, io.env));
  const resume = run.resume;
  // a resumed run keeps its start: its missing drafts are named like the ones it saved
  const startedAt = resume?.startedAt ?? io.currentDate();
  const cells = (plan.batch?.length ?? 1) * plan.models.length;
  const longBatch = cells >= backgroundSaveCells;
  // thousands of outcomes reach health.json twice a second, not in a write after every reply
  const health = await openHealth(io, settings, longBatch ? 500 : 0);
  const stdoutIsTerminal = io.stdout.isTTY === true;
  const live = !options.json && (options.live === true || (plan.models.length === 1 && stdoutIsTerminal));
  const progress = plan.batch
    ? createBatchProgressReporter(io.stderr, {
        total: cells - (resume?.finished.size ?? 0),
        now: io.now,
        terminal: io.stderr.isTTY === true && !io.env.CI,
      })
    : await (deps.createProgressReporter ?? chooseProgressReporter)(io, live);
  const recorder = !historyEnabled(options.history, io.env)
    ? null
    : resume
      ? await openRunRecorder({ resumeRunId: resume.runId }, io)
      : await startRunRecorder(plan, { startedAt: startedAt.toISOString(), kind: run.kind, parentRunId: run.parentRunId }, io, {
          ...(reportTarget ? { report: reportTarget.filePath } : {}),
        });
  limits?.setRunId(recorder?.runId ?? null);
  // a big batch keeps its heap near its live data, and saves in a thread of its own: the replies
  // never wait on SQLite or the disk
  if (longBatch) holdHeapGrowth();
  const background =
    recorder && plan.concurrency > 1 && longBatch
      ? startBackgroundSaver({ home: resolveHomeDirectory(io.env), replace: resume !== undefined }, (reason) => recorder.fail(reason))
      : null;
  const save = createOutputSaver(
    plan,
    startedAt,
    io,
    recorder && recordAtPosition(recorder, plan),
    { runId: recorder?.runId ?? null, json: options.json },
    background,
  );
  // calls at once finish close together: their rows go in one transaction, their files after
  const saveNow =
    plan.concurrency > 1 ? groupedSaves(save.saveMany) : Object.assign(async (result: ModelResult) => save(result), { flush: () => {} });
  const createModel = deps.createModel ?? ((model: ResolvedModel) => createLanguageModel(model, io.env));
  const judged = await runModels(plan, {
    createModel,
    now: io.now,
    sleep: io.sleep,
    signal: io.signal,
    health,
    limits: limits?.keeper,
    ...(reuseFrom !== undefined && recorder
      ? {
          reuse: (key: string) => {
            const found = recorder.findAnswer(key, reuseFrom);
            return found && reusedResult(found);
          },
        }
      : {}),
    ...(resume
      ? { finishedCell: (model: ResolvedModel, promptId: string | null) => resume.finished.get(cellKey(model.id, promptId)) ?? null }
      : {}),
    events: {
      started: (model, index, total) => progress.started(model, index, total),
      delta: (model, text) => progress.delta(model, text),
      retrying: (model, info) => progress.retrying(model, info),
      warning: (model, message) => progress.warning(model, message),
      fallingBack: (model, fallback, error) => progress.fallingBack(model, fallback, error),
      ended: (model) => progress.ended?.(model),
      finished: async (result) => {
        const saved = await saveNow(result);
        progress.finished(saved);
        return saved;
      },
      drained: () => saveNow.flush(),
    },
  })
    .finally(() => progress.stop())
    // the judge's modules load only for a run that has one
    .then(async (ran): Promise<JudgedRun> =>
      plan.judge
        ? (await import('./judge-step.js')).judgeStep(plan, ran, io, { createModel, recorder, limits: limits?.keeper })
        : { results: ran },
    )
    .finally(async () => {
      await Promise.all([health.settled?.(), background?.close()]);
      recorder?.close();
      limits?.close();
    });
  const { results, judgeCall, judgeCalls } = judged;

  const report = {
    ...buildJsonReport(plan, startedAt, results),
    runId: recorder?.runId ?? null,
    ...(judgeCall ? { judgeCall } : {}),
    ...(judgeCall?.pairwise ? { pairwise: judgeCall.pairwise } : {}),
    ...(judgeCalls ? { judgeCalls } : {}),
  };
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const colorLevel = resolveColorLevel(io.env, stdoutIsTerminal);
    io.stdout.write(
      plan.batch
        ? renderMatrixTable(results, { colorLevel, cwd: io.cwd, maxWidth: terminalWidth(io.stdout, io.env) })
        : renderSummaryTable(results, { colorLevel, cwd: io.cwd, maxWidth: terminalWidth(io.stdout, io.env) }),
    );
    if (judgeCall?.status === 'ok') {
      const { judgeNote } = await import('../../judge/judge-note.js');
      io.stdout.write(`${judgeNote(judgeCall, results)}\n`);
    }
    const reused = reusedLine(results);
    if (reused) io.stdout.write(`${reused}\n`);
    const showMode = show ?? (plan.models.length === 1 && !plan.batch && stdoutIsTerminal ? 'full' : 'none');
    if (showMode === 'full') io.stdout.write(renderFullOutputs(results, colorLevel, progress.printedText));
    if (options.showReasoning) io.stdout.write(renderReasoning(results, colorLevel));
    // a draft that is neither in a file nor in the history is printed, so it exists somewhere
    const lost = save.unsaved.filter((entry) => !entry.inHistory).map((entry) => entry.result);
    if (lost.length > 0 && showMode !== 'full') io.stdout.write(renderFullOutputs(lost, colorLevel, new Set()));
  }
  let reportWritten = true;
  if (reportTarget) {
    const shown = path.relative(io.cwd, reportTarget.filePath) || reportTarget.filePath;
    try {
      await writeReport(
        reportTarget,
        report,
        { text: plan.prompt.text, title: plan.prompt.topic ?? extractTitle(plan.prompt.text) },
        io.toolVersion,
      );
      io.stderr.write(`${t('compare.reportWritten', { file: shown })}\n`);
    } catch (error) {
      reportWritten = false;
      const code = (error as NodeJS.ErrnoException).code;
      const places = [
        ...(results.some((result) => result.outputFile)
          ? [t('compare.placeDrafts', { directory: path.relative(io.cwd, plan.outDir) || plan.outDir })]
          : []),
        ...(recorder?.recording ? [t('compare.placeHistoryReport', { runId: String(recorder.runId), file: shown })] : []),
        ...(options.json ? [t('compare.placeJson')] : []),
      ];
      const kept =
        places.length > 0
          ? t('compare.nothingLost', { places: places.join(currentLanguage() === 'zh-CN' ? '、' : ', ') })
          : t('compare.rerunWithJson');
      io.stderr.write(`wechat-writer: ${t('compare.reportFailed', { file: shown, reason: code ?? (error as Error).message, kept })}\n`);
    }
  }
  if (io.signal?.aborted) {
    const kept = results.filter((result) => result.status === 'ok').length;
    io.stderr.write(`wechat-writer: ${t('compare.interrupted', { count: kept })}\n`);
    return ExitCode.interrupted;
  }
  if (options.vote) {
    const { voteAfterRun } = await import('../vote/vote-after-run.js');
    const voted = await voteAfterRun({ runId: recorder?.runId ?? null, recording: recorder?.recording === true }, results, io, deps.vote);
    if (voted === ExitCode.interrupted) return voted;
  }
  // a report that could not be written fails the run only if the results are nowhere else
  const keptElsewhere =
    options.json || recorder?.recording === true || results.every((result) => result.status !== 'ok' || result.outputFile);
  if (!reportWritten && !keptElsewhere) return ExitCode.someFailed;
  return results.every((result) => result.status === 'ok') ? ExitCode.ok : ExitCode.someFailed;
}
