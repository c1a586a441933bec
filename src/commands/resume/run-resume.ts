import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { ModelResult } from '../../run/model-result.js';
import type { StoredRun } from '../../store/history-store.js';
import { cellKey, runCompare } from '../compare/run-compare.js';
import { readStoredRun } from '../history/open-history.js';
import { storedCompareOptions } from '../rerun/stored-compare-options.js';

/** `wechat-writer resume <runId>` options. */
export interface ResumeOptions {
  /** Also call again the cells that failed (by default only cells with no result are called). */
  retryFailed?: boolean;
  json: boolean;
  report?: string;
  concurrency?: string;
  /** False with --no-check. */
  check?: boolean;
}

/** The cells a run has already finished: every stored result, or with --retry-failed only the successful ones. */
function finishedCells(run: StoredRun, retryFailed: boolean): Map<string, ModelResult> {
  const kept = run.results.filter((result) => result.status === 'ok' || !retryFailed);
  return new Map(kept.map(({ role: _role, ...result }) => [cellKey(result.model, result.promptId), result]));
}

/** Where the run's drafts went: as stored, else next to a draft it saved, else the default. */
function outDirOf(run: StoredRun): string | undefined {
  if (typeof run.options.outDir === 'string') return run.options.outDir;
  const saved = run.results.find((result) => result.outputFile);
  return saved?.outputFile ? path.dirname(saved.outputFile) : undefined;
}

/**
 * Continues an interrupted comparison or batch (Ctrl-C, kill -9, a crash, a closed laptop) as the same
 * run: only the cells without a result are called (with --retry-failed, the failed ones too), into the
 * same run id and output directory; the table and the report cover the whole matrix.
 */
export async function runResume(runIdText: string, options: ResumeOptions, io: CommandIO): Promise<ExitCodeValue> {
  const run = await readStoredRun(io, runIdText);
  if (run.kind === 'write') throw new UsageError(t('resume.write', { runId: run.id }));
  const stored = storedCompareOptions(run);
  const finished = finishedCells(run, options.retryFailed === true);
  const total = (stored.promptBatch?.length ?? 1) * (stored.models ?? '').split(',').filter(Boolean).length;
  const missing = Math.max(0, total - finished.size);
  io.stderr.write(
    `${missing === 0 ? t('resume.nothingLeft', { runId: run.id, total }) : t('resume.calling', { runId: run.id, missing, total })}\n`,
  );
  const report = options.report ?? (typeof run.options.report === 'string' ? run.options.report : undefined);
  const code = await runCompare(
    {
      ...stored,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      out: outDirOf(run),
      report,
      json: options.json,
      check: options.check,
    },
    io,
    {},
    {
      kind: run.kind === 'rerun' ? 'rerun' : 'compare',
      parentRunId: run.parentRunId,
      resume: { runId: run.id, startedAt: new Date(run.startedAt), finished },
    },
  );
  return code;
}
