import { prepareReport } from '../compare/prepare-report.js';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { BatchStatus } from '../../batch-api/batch-api.js';
import { loadSettings } from '../../config/load-settings.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { extractTitle } from '../../format/format-metrics.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { writeReport, type ReportTarget } from '../../report/write-report.js';
import type { ModelResult } from '../../run/model-result.js';
import type { StoredBatch } from '../../store/batch-store.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { renderMatrixTable } from '../../ui/matrix-table.js';
import { createOutputSaver } from '../compare/save-output.js';
import { openHistory } from '../history/open-history.js';
import { storedRunReport } from '../history/show-history.js';
import { positionIn, storedMatrix } from './batch-cells.js';
import { storedBatchClients } from './batch-clients.js';
import { collectBatch } from './collect-batch.js';
import { loadBatchRun } from './open-batch-run.js';
import { waitForBatches } from './wait-for-batches.js';

/** `wechat-writer batch collect [runId]` options. */
export interface BatchCollectOptions {
  /** False with --no-wait: take what has ended, say what is still running. */
  wait?: boolean;
  json?: boolean;
  report?: string;
  config?: string;
}

/** Failures listed one by one before "and N more". */
const listedFailures = 20;

/**
 * How many cells collected now failed and how to retry them; with `--json` (no table, whose footer
 * lists each failure) also one line per cell (model, prompt, typed error).
 */
function failureLines(failed: readonly ModelResult[], runId: number, each: boolean): string {
  if (failed.length === 0) return '';
  const lines = (each ? failed : [])
    .slice(0, listedFailures)
    .map((result) =>
      t('batchCli.collect.failedCell', { model: result.model, prompt: result.promptId ?? '', message: result.error?.message ?? '' }),
    );
  const more = each && failed.length > listedFailures ? [t('batchCli.collect.moreFailed', { count: failed.length - listedFailures })] : [];
  return `${terminalSafe([t('batchCli.collect.failed', { count: failed.length }), ...lines, ...more].join('\n'))}\n${t('batchCli.collect.retryHint', { runId })}\n`;
}

/** Each batch as `--json` shows it. */
const batchSummary = (batch: StoredBatch, status: BatchStatus | undefined) => ({
  provider: batch.provider,
  model: batch.model,
  batchId: batch.handle.batchId,
  format: batch.handle.format,
  cells: batch.handle.customIds.length,
  submittedAt: batch.submittedAt,
  state: status?.state ?? batch.state,
  counts: status?.counts ?? batch.counts,
  collected: status ? status.finished : batch.collectedAt !== null,
});

/**
 * `batch collect [runId]`: waits (one progress line) until every batch of the run has ended, or with
 * `--no-wait` takes what has, then records each cell at its place in the run (files written as a batch
 * run writes them), prints the run's matrix and writes the report. Everything comes from the history,
 * so it works from another process or the next day; a batch already collected is not recorded again.
 */
export async function runBatchCollect(runIdText: string | undefined, options: BatchCollectOptions, io: CommandIO): Promise<ExitCodeValue> {
  const settings = await loadSettings(options.config, io);
  const store = await openHistory(io);
  try {
    return await collect(store, runIdText, options, io, settings);
  } finally {
    store.close();
  }
}

async function collect(
  store: HistoryStore,
  runIdText: string | undefined,
  options: BatchCollectOptions,
  io: CommandIO,
  settings: Awaited<ReturnType<typeof loadSettings>>,
): Promise<ExitCodeValue> {
  const { run, batches } = loadBatchRun(store, runIdText);
  const reportTarget = await prepareReport(options.report ?? (typeof run.options.report === 'string' ? run.options.report : undefined), io);
  const apiFor = storedBatchClients(settings, io.env);
  const pending = batches.filter((batch) => batch.collectedAt === null);
  const latest = new Map<number, BatchStatus>();
  const seen = (batch: StoredBatch, status: BatchStatus) =>
    store.batches.setState(batch.id, status.state, status.counts, io.currentDate().toISOString());
  const statusOf = (batch: StoredBatch) => apiFor(batch).status(batch.handle.batchId, { signal: io.signal });
  const interrupted = () => {
    io.stderr.write(`wechat-writer: ${t('batchCli.interrupted', { runId: run.id })}\n`);
    return ExitCode.interrupted;
  };
  if (pending.length === 0 && batches.length > 0) io.stderr.write(`${t('batchCli.collect.nothingNew', { runId: run.id })}\n`);
  else if (options.wait === false) {
    for (const batch of pending) {
      const status = await statusOf(batch);
      latest.set(batch.id, status);
      seen(batch, status);
    }
  } else {
    const terminal = io.stderr.isTTY === true && !io.env.CI;
    const ended = await waitForBatches(pending, latest, {
      status: statusOf,
      seen,
      sleep: io.sleep,
      signal: io.signal,
      stderr: io.stderr,
      terminal,
    });
    if (!ended) return interrupted();
  }

  const matrix = storedMatrix(run);
  const placeOf = (result: ModelResult) => positionIn(matrix, result.model, result.promptId);
  const stored = new Map(run.results.map((result) => [placeOf(result), result] as const));
  const outDir = typeof run.options.outDir === 'string' ? run.options.outDir : path.resolve(io.cwd, 'outputs');
  await io.makeDirectory(outDir).catch(() => undefined); // a directory that cannot be made: each save warns, nothing is lost
  // the saver reads only where the drafts go; the stored run is the plan here
  const plan = { outDir, slug: 'batch' } as Pick<RunPlan, 'outDir' | 'slug'> as RunPlan;
  const save = createOutputSaver(
    plan,
    new Date(run.startedAt),
    io,
    {
      record: (result) => store.replaceResult(run.id, placeOf(result), result),
      setOutputFile: (result, outputFile) => store.setOutputFile(run.id, placeOf(result), outputFile),
      recording: true,
    },
    { runId: run.id, json: options.json === true },
  );
  const failed: ModelResult[] = [];
  for (const batch of pending.filter((candidate) => latest.get(candidate.id)?.finished)) {
    try {
      const collected = await collectBatch(batch, apiFor(batch), {
        store,
        matrix,
        save,
        stored,
        signal: io.signal,
        currentDate: () => io.currentDate(),
      });
      failed.push(...collected.failed);
      io.stderr.write(
        `${t('batchCli.collect.done', { model: batch.model, batchId: terminalSafe(batch.handle.batchId), count: collected.recorded })}\n`,
      );
    } catch (error) {
      if (io.signal?.aborted) return interrupted();
      throw error;
    }
  }
  io.stderr.write(failureLines(failed, run.id, options.json === true));
  const running = pending.filter((batch) => !latest.get(batch.id)?.finished);
  if (running.length > 0) {
    const list = running.map((batch) => `${batch.model} (${t(`batchApi.state.${latest.get(batch.id)?.state ?? batch.state}`)})`).join(', ');
    io.stderr.write(`${t('batchCli.collect.stillRunning', { count: running.length, list, runId: run.id })}\n`);
  }
  return finish(store.getRun(run.id) ?? run, {
    options,
    io,
    reportTarget,
    summaries: batches.map((batch) => batchSummary(batch, latest.get(batch.id))),
  });
}

/** Prints the run's matrix (or JSON), writes the report, and says how it went as an exit code. */
async function finish(
  run: StoredRun,
  context: { options: BatchCollectOptions; io: CommandIO; reportTarget: ReportTarget | null; summaries: ReturnType<typeof batchSummary>[] },
): Promise<ExitCodeValue> {
  const { options, io, reportTarget } = context;
  const report = storedRunReport(run);
  if (options.json) io.stdout.write(`${JSON.stringify({ ...report, batches: context.summaries }, null, 2)}\n`);
  else {
    const colorLevel = resolveColorLevel(io.env, io.stdout.isTTY === true);
    io.stdout.write(renderMatrixTable(report.results, { colorLevel, cwd: io.cwd, maxWidth: terminalWidth(io.stdout, io.env) }));
  }
  if (reportTarget) {
    await writeReport(reportTarget, report, { text: run.prompt, title: run.topic ?? extractTitle(run.prompt) }, io.toolVersion);
    io.stderr.write(`${t('compare.reportWritten', { file: path.relative(io.cwd, reportTarget.filePath) || reportTarget.filePath })}\n`);
  }
  return run.results.every((result) => result.status === 'ok') ? ExitCode.ok : ExitCode.someFailed;
}
