import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { judgeNote } from '../../judge/judge-note.js';
import { extractTitle } from '../../format/format-metrics.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import type { JsonReport } from '../../report/json-report.js';
import { checkReportTarget, parseReportTarget, writeReport } from '../../report/write-report.js';
import type { StoredRun } from '../../store/history-store.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { renderFullOutputs } from '../../ui/print-outputs.js';
import { renderMatrixTable } from '../../ui/matrix-table.js';
import { renderSummaryTable } from '../../ui/summary-table.js';
import { loadRun, openHistory } from './open-history.js';

/** `wechat-writer history show` options. */
export interface ShowHistoryOptions {
  json: boolean;
  report?: string;
}

/** A stored run as the same JSON report the run printed (roles included when set). */
export function storedRunReport(run: StoredRun): JsonReport {
  return {
    version: 1,
    runId: run.id,
    startedAt: run.startedAt,
    prompt: { source: run.promptSource, chars: Array.from(run.prompt).length },
    results: run.results.map(({ role, ...result }) => (role === null ? result : { ...result, role })),
    ...(run.judgeCall ? { judgeCall: run.judgeCall } : {}),
  };
}

/** Shows a stored run again: the summary table and the outputs, or JSON, or any report format. */
export async function runShowHistory(runIdText: string, options: ShowHistoryOptions, io: CommandIO): Promise<ExitCodeValue> {
  const reportTarget = options.report === undefined ? null : parseReportTarget(options.report, io.cwd);
  if (reportTarget && options.report !== undefined) await checkReportTarget(reportTarget, options.report);
  const store = await openHistory(io);
  try {
    const run = loadRun(store, runIdText);
    const report = storedRunReport(run);
    if (options.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const stdoutIsTerminal = io.stdout.isTTY === true;
      const colorLevel = resolveColorLevel(io.env, stdoutIsTerminal);
      io.stdout.write(`Run #${run.id} · ${run.startedAt} · prompt from ${run.promptSource}\n`);
      const batch = report.results.some((result) => result.promptId !== undefined);
      io.stdout.write(
        batch
          ? renderMatrixTable(report.results, { colorLevel })
          : renderSummaryTable(report.results, { colorLevel, cwd: io.cwd, maxWidth: stdoutIsTerminal ? io.stdout.columns : undefined }),
      );
      const note = judgeNote(report.judgeCall, report.results);
      if (note) io.stdout.write(`${terminalSafe(note)}\n`);
      io.stdout.write(renderFullOutputs(report.results, colorLevel, new Set()));
    }
    if (reportTarget) {
      await writeReport(reportTarget, report, { text: run.prompt, title: run.topic ?? extractTitle(run.prompt) }, io.toolVersion);
      io.stderr.write(`report: ${path.relative(io.cwd, reportTarget.filePath) || reportTarget.filePath}\n`);
    }
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
