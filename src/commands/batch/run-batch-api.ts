import type { CompareCommandOptions } from '../compare/compare-command-options.js';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { Prompter } from '../../cli/prompter.js';
import { loadSettings } from '../../config/load-settings.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { buildRunPlan } from '../../plan/build-run-plan.js';
import type { ResolvedModel } from '../../providers/registry.js';
import type { ModelResult } from '../../run/model-result.js';
import { checkReportTarget, parseReportTarget } from '../../report/write-report.js';
import { completeOptions } from '../compare/complete-options.js';
import { historyEnabled, startRunRecorder } from '../compare/record-history.js';
import type { LanguageModel } from '../../providers/language-model.js';
import { createOutputSaver, recordAtPosition } from '../compare/save-output.js';
import { openHistory } from '../history/open-history.js';
import { batchRouteOf } from './batch-route.js';
import { runBatchCollect } from './run-batch-collect.js';
import { submitBatches, type BatchedModel } from './submit-batches.js';
import { runOrdinaryCells } from './run-ordinary-cells.js';
import type { BatchHandle } from '../../batch-api/batch-api.js';
import { plannedCalls, refuseOverLimits } from '../../limits/open-limits.js';

/** The main command's options, as `--batch-api` reads them. */
export type BatchApiCommandOptions = CompareCommandOptions;

/** What a test swaps in (a subset of run-compare's CompareDeps). */
export interface BatchApiDeps {
  createModel?(model: ResolvedModel): Promise<LanguageModel>;
  createPrompter?(): Promise<Prompter>;
}

/** What `--batch-api` cannot be combined with (a judge or vote needs the drafts, which come hours later). */
function refuseCombinations(options: BatchApiCommandOptions, env: CommandIO['env']): void {
  if (options.prompts === undefined && options.promptBatch === undefined) throw new UsageError(t('batchCli.needsPrompts'));
  const flag =
    options.judge !== undefined ? '--judge' : options.vote ? '--vote' : options.live ? '--live' : options.reuse ? '--reuse' : null;
  if (flag) throw new UsageError(t('batchCli.notWith', { flag }));
  if (!historyEnabled(options.history, env)) throw new UsageError(t('batchCli.needsHistory'));
}

/**
 * The `--batch-api` branch of the main command, and `resume`'s guard: a run whose batches are not
 * collected yet is not resumed with ordinary calls (that would pay for those cells twice). Null: the
 * ordinary comparison goes on.
 */
export async function batchApiBranch(
  options: BatchApiCommandOptions,
  io: CommandIO,
  deps: BatchApiDeps,
  resumeRunId: number | null,
): Promise<ExitCodeValue | null> {
  if (resumeRunId !== null) {
    const store = await openHistory(io);
    try {
      const pending = store.batches.ofRun(resumeRunId).filter((batch) => batch.collectedAt === null);
      if (pending.length > 0) throw new UsageError(t('batchCli.resumePending', { runId: resumeRunId, count: pending.length }));
    } finally {
      store.close();
    }
    return null;
  }
  if (!options.batchApi) {
    if (options.wait === false) throw new UsageError(t('batchCli.noWaitAlone'));
    return null;
  }
  return runBatchApi(options, io, deps);
}

async function defaultPrompter(io: CommandIO): Promise<Prompter> {
  const { createInquirerPrompter } = await import('../../cli/inquirer-prompter.js');
  return createInquirerPrompter(io.stderr as NodeJS.WritableStream);
}

/**
 * `--prompts … --batch-api`: each model whose provider has a batch API gets its cells sent as batches
 * (their ids stored in the history at once); the others are said up front and called as usual, into
 * the same run. Then waits and collects (`batch collect`), or with `--no-wait` says how to later.
 */
export async function runBatchApi(options: BatchApiCommandOptions, io: CommandIO, deps: BatchApiDeps): Promise<ExitCodeValue> {
  refuseCombinations(options, io.env);
  if (options.report !== undefined) {
    const target = parseReportTarget(options.report, io.cwd);
    await io.makeDirectory(path.dirname(target.filePath)).catch(() => {
      throw new UsageError(t('compare.reportDirectory', { file: options.report ?? '' }));
    });
    await checkReportTarget(target, options.report);
  }
  const settings = await loadSettings(options.config, io);
  const completed = await completeOptions(options, io, deps.createPrompter ?? (() => defaultPrompter(io)), settings.catalog);
  const plan = await buildRunPlan(completed, { ...io, settings });
  const batch = plan.batch;
  if (!batch) throw new UsageError(t('batchCli.needsPrompts'));
  if (options.check !== false) {
    const { runPreflight } = await import('../../preflight/run-preflight.js');
    await runPreflight(plan.models, io);
  }
  const batched: BatchedModel[] = [];
  const ordinary: ResolvedModel[] = [];
  plan.models.forEach((model, index) => {
    const found = batchRouteOf(model);
    if (found.supported) batched.push({ model, index, route: found.route });
    else {
      ordinary.push(model);
      const provider = model.provider.id;
      const line =
        found.reason === 'off'
          ? t('batchCli.off', { provider })
          : found.reason === 'model'
            ? t('batchCli.modelNotBatched', { provider, model: model.id })
            : t(`batchApi.noBatch.${found.reason}`, { provider });
      io.stderr.write(`${line}\n`);
    }
  });
  // only the ordinary calls count against a provider's rateLimit / tokenLimit (and its health)
  await refuseOverLimits(io, settings, plannedCalls(ordinary, batch.length));
  const startedAt = io.currentDate();
  const recorder = await startRunRecorder(plan, { startedAt: startedAt.toISOString(), kind: 'compare', parentRunId: null }, io, {
    batchApi: true,
    ...(options.report !== undefined ? { report: parseReportTarget(options.report, io.cwd).filePath } : {}),
  });
  if (!recorder) throw new UsageError(t('batchCli.needsHistory'));
  const results: ModelResult[] = [];
  const handles: BatchHandle[] = [];
  try {
    const save = createOutputSaver(plan, startedAt, io, recordAtPosition(recorder, plan), { runId: recorder.runId, json: options.json });
    const store = await openHistory(io);
    const sent = await submitBatches({ ...plan, batch }, batched, { runId: recorder.runId, batches: store.batches, io }).finally(() =>
      store.close(),
    );
    results.push(...sent.failed.map((result) => save(result)));
    handles.push(...sent.handles);
    if (ordinary.length > 0 && !io.signal?.aborted) {
      results.push(...(await runOrdinaryCells(plan, ordinary, { save, io, deps, settings, runId: recorder.runId })));
    }
  } finally {
    recorder.close();
  }
  const runId = recorder.runId;
  if (io.signal?.aborted) {
    io.stderr.write(`wechat-writer: ${t('batchCli.interrupted', { runId })}\n`);
    return ExitCode.interrupted;
  }
  // waiting, or nothing was sent (no model has a batch API, or every batch was refused): the run is shown as collected
  if (options.wait !== false || handles.length === 0) {
    return runBatchCollect(String(runId), { wait: true, json: options.json, report: options.report, config: options.config }, io);
  }
  if (options.json) {
    const batches = handles.map(({ provider, modelId, batchId, format, customIds }) => ({
      provider,
      modelId,
      batchId,
      format,
      cells: customIds.length,
    }));
    io.stdout.write(`${JSON.stringify({ runId, batchApi: true, batches, results }, null, 2)}\n`);
  }
  io.stderr.write(`${t('batchCli.submit.later', { runId })}\n`);
  return results.every((result) => result.status === 'ok') ? ExitCode.ok : ExitCode.someFailed;
}
