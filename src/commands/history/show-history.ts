import path from 'node:path';
import { Chalk } from 'chalk';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { judgeNote } from '../../judge/judge-note.js';
import { extractTitle, formatReadingTime, resultLabel } from '../../format/format-metrics.js';
import { formatLocalTime } from '../../format/format-local-time.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { StageResult } from '../../pipeline/run-pipeline.js';
import { stageLabel } from '../../pipeline/stage-label.js';
import type { StageName } from '../../pipeline/stage-name.js';
import type { JsonReport } from '../../report/json-report.js';
import { checkReportTarget, parseReportTarget, writeReport } from '../../report/write-report.js';
import type { StoredRun } from '../../store/history-store.js';
import { summaryTopic } from '../../store/run-summary-fields.js';
import { resolveColorLevel, type ColorLevel } from '../../ui/color-level.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { withPairwiseRecords } from '../../judge/pairwise-records.js';
import { renderMatrixTable } from '../../ui/matrix-table.js';
import { renderStageTable } from '../../ui/stage-table.js';
import { describeReason, strategyLabel } from '../../routing/describe-route.js';
import type { RouteDecision } from '../../routing/route-decision.js';
import { renderSummaryTable } from '../../ui/summary-table.js';
import { loadRun, openHistory } from './open-history.js';
import { renderTags, renderVerdicts, runVerdicts, withVerdicts } from './show-verdicts.js';
import { publicationsJson, renderPublications } from '../publish/show-publications.js';

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

const promptSourceLabel = (source: string) => (source === 'stdin' ? t('history.source.stdin') : source);

/** A stored write run's results as the stages the run printed (the stage names come from its options). */
const storedStages = (run: StoredRun): StageResult[] | null => {
  if (run.kind !== 'write' || !run.results.every((result) => result.stage !== undefined)) return null;
  return run.results.map((result) => ({
    ...result,
    stage: result.stage as StageName,
    role: result.role ?? (result.stage as string),
    input: '',
    inputFile: null,
  }));
};

/** Which strategy chose which model, one line per stage whose role has one: `writer: fastest chose … (median 1.20 s (4 calls))`. */
function renderRoutes(stages: readonly StageResult[]): string {
  return stages
    .filter((stage) => stage.route)
    .map((stage) => {
      const route = stage.route as RouteDecision;
      const chosen = route.reasons[0];
      const reason = chosen ? describeReason(route.strategy, chosen) : '';
      const line = t('routing.show.chose', {
        stage: stageLabel(stage.stage),
        strategy: strategyLabel(route.strategy),
        model: route.order[0] ?? '',
        reason,
      });
      return `${terminalSafe(line)}\n`;
    })
    .join('');
}

/** Each draft's 字数 and reading time, then its text under a heading naming the stage (write) or model. */
function renderOutputs(run: StoredRun, stages: StageResult[] | null, colorLevel: ColorLevel): string {
  const color = new Chalk({ level: colorLevel });
  return run.results
    .map((result, index) => {
      if (!result.text) return '';
      const stage = stages?.[index];
      const heading = stage
        ? t('history.show.outputHeading', { stage: stageLabel(stage.stage), model: result.model })
        : `━━ ${resultLabel(result)} ━━`;
      const writing = t('history.show.writing', { chars: result.chars, reading: formatReadingTime(result.readingMinutes) });
      return `\n${color.bold.cyan(terminalSafe(heading))}\n${color.dim(terminalSafe(writing))}\n\n${terminalSafe(result.text.trimEnd())}\n`;
    })
    .join('');
}

/** Shows a stored run again: the summary table and the outputs, or JSON, or any report format. */
export async function runShowHistory(runIdText: string, options: ShowHistoryOptions, io: CommandIO): Promise<ExitCodeValue> {
  const reportTarget = options.report === undefined ? null : parseReportTarget(options.report, io.cwd);
  if (reportTarget && options.report !== undefined) await checkReportTarget(reportTarget, options.report);
  const store = await openHistory(io);
  try {
    const run = loadRun(store, runIdText);
    const verdicts = runVerdicts(store, run.id);
    const report = withVerdicts(storedRunReport(run), run, verdicts);
    const publications = store.publications.of(run.id);
    const published = publications.length > 0 ? { publications: publicationsJson(publications) } : {};
    if (options.json) io.stdout.write(`${JSON.stringify({ ...report, ...published }, null, 2)}\n`);
    else {
      const colorLevel = resolveColorLevel(io.env, io.stdout.isTTY === true);
      const maxWidth = terminalWidth(io.stdout, io.env);
      const heading = [
        t('history.show.heading', { id: run.id, time: formatLocalTime(run.startedAt) }),
        ...(run.promptSource === 'topic' ? [] : [t('history.show.promptFrom', { source: promptSourceLabel(run.promptSource) })]),
        ...(run.parentRunId ? [t('history.show.rerunOf', { id: run.parentRunId })] : []),
      ].join(' · ');
      io.stdout.write(`${terminalSafe(heading)}\n`);
      const topic = summaryTopic(run.topic, run.prompt, null);
      if (topic) io.stdout.write(`${terminalSafe(t('history.show.topic', { topic }))}\n`);
      io.stdout.write(renderTags(verdicts));
      const stages = storedStages(run);
      const batch = report.results.some((result) => result.promptId !== undefined);
      io.stdout.write(
        stages
          ? renderStageTable(stages, { colorLevel, cwd: io.cwd, maxWidth })
          : batch
            ? renderMatrixTable(withPairwiseRecords(report.results, report.judgeCall), { colorLevel, cwd: io.cwd, maxWidth })
            : renderSummaryTable(withPairwiseRecords(report.results, report.judgeCall), { colorLevel, cwd: io.cwd, maxWidth }),
      );
      io.stdout.write(renderRoutes(stages ?? []));
      const note = judgeNote(report.judgeCall, report.results);
      if (note) io.stdout.write(`${terminalSafe(note)}\n`);
      io.stdout.write(renderVerdicts(verdicts));
      io.stdout.write(renderPublications(publications));
      io.stdout.write(renderOutputs(run, stages, colorLevel));
    }
    if (reportTarget) {
      await writeReport(reportTarget, report, { text: run.prompt, title: run.topic ?? extractTitle(run.prompt) }, io.toolVersion);
      io.stderr.write(`${t('history.show.report', { path: path.relative(io.cwd, reportTarget.filePath) || reportTarget.filePath })}\n`);
    }
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
