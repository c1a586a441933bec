import { Chalk } from 'chalk';
import { formatCost } from '../cost/compute-cost.js';
import { formatJudgeCell, hasJudgeCell } from '../judge/judge-score.js';
import { formatCount, formatDuration, formatReadingTime } from '../format/format-metrics.js';
import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { fitTable, type TableColumn, type TableRow } from './fit-table.js';
import { groupByPrompt, modelSummaryCells } from './matrix-summary.js';
import { longTitleNotes, savedFileLines, statusCell, titleCell } from './result-cells.js';

/** How the batch tables are drawn. */
export interface MatrixTableOptions {
  colorLevel: ColorLevel;
  /** Terminal width (see `terminalWidth`); columns give way to fit it. Default 80. */
  maxWidth?: number;
  /** When given, the saved files are listed below the tables relative to it. */
  cwd?: string;
}

type Color = InstanceType<typeof Chalk>;
type MatrixColumn = TableColumn & { cell: (result: ModelResult) => string };

function callColumns(results: readonly ModelResult[], color: Color): MatrixColumn[] {
  const judged = results.some(hasJudgeCell);
  const columns: (MatrixColumn | false)[] = [
    { header: t('display.column.promptModel'), cell: (result) => `  ${result.model}` },
    { header: t('display.column.status'), minWidth: 6, dropOrder: 8, cell: (result) => statusCell(result, color) },
    { header: t('display.column.title'), minWidth: 16, cell: (result) => titleCell(result, color) },
    { header: t('display.column.chars'), align: 'right', dropOrder: 9, cell: (result) => (result.text ? String(result.chars) : '—') },
    { header: t('display.column.reading'), align: 'right', dropOrder: 4, cell: (result) => formatReadingTime(result.readingMinutes) },
    { header: t('display.column.out'), align: 'right', dropOrder: 3, cell: (result) => formatCount(result.usage.outputTokens) },
    { header: t('display.column.latency'), align: 'right', dropOrder: 5, cell: (result) => formatDuration(result.latencyMs) },
    { header: t('display.column.cost'), align: 'right', dropOrder: 6, cell: (result) => formatCost(result.costUsd) },
    judged && {
      header: t('display.column.judge'),
      align: 'right',
      dropOrder: 10,
      cell: (result) => formatJudgeCell(result),
    },
  ];
  return columns.filter((column): column is MatrixColumn => column !== false);
}

function perModelTable(results: readonly ModelResult[], color: Color, maxWidth: number): string {
  const { withWins, headers, rows } = modelSummaryCells(results);
  const dropOrders = [undefined, undefined, ...(withWins ? [undefined] : []), 2, 1, 3];
  const columns: TableColumn[] = headers.map((header, index) => ({
    header,
    ...(index > 0 ? { align: 'right' as const } : {}),
    ...(dropOrders[index] === undefined ? {} : { dropOrder: dropOrders[index] }),
  }));
  return fitTable(columns, rows, maxWidth, { styleHeader: (text) => color.bold(text) });
}

/** Batches of more prompts than this show the models' summary only, not a row per call. */
export const callTablePrompts = 50;
/** Failures listed one per line under a batch's tables; the rest are counted. */
const listedFailures = 20;

function callTable(groups: ReturnType<typeof groupByPrompt>, results: readonly ModelResult[], color: Color, maxWidth: number): string {
  const columns = callColumns(results, color);
  const rows: TableRow[] = groups.flatMap((group) => [
    { span: color.bold(terminalSafe(group.promptId)) },
    ...group.results.map((result) => columns.map((column) => column.cell(result))),
  ]);
  return fitTable(columns, rows, maxWidth, { styleHeader: (text) => color.bold(text) });
}

/**
 * A batch (prompts × models) as two tables fitting `maxWidth`: every call grouped by prompt, then one
 * summary row per model (judge wins when judged, mean latency, total tokens and cost); then the saved
 * files, one line per failure and per title too long for WeChat.
 */
export function renderMatrixTable(results: readonly ModelResult[], options: MatrixTableOptions): string {
  const color = new Chalk({ level: options.colorLevel });
  const maxWidth = options.maxWidth ?? 80;
  const groups = groupByPrompt(results);
  // a week of topics is thousands of rows no one reads in a terminal: the models' summary says it,
  // and the report, --json and the history hold every call
  const calls =
    groups.length > callTablePrompts
      ? color.dim(t('display.matrix.callsLeftOut', { prompts: groups.length, calls: results.length, most: callTablePrompts }))
      : callTable(groups, results, color, maxWidth);
  const label = (result: ModelResult) => `${result.promptId ?? ''} × ${result.model}`;
  const files =
    options.cwd === undefined
      ? []
      : savedFileLines(
          results.map((result) => ({ label: label(result), file: result.outputFile })),
          options.cwd,
          color,
        );
  const failed = results.filter((result) => result.status === 'error');
  const failures = failed
    .slice(0, listedFailures)
    .map((result) => color.red(`✗ ${terminalSafe(label(result))}: ${terminalSafe(result.error?.message ?? t('display.failed'))}`));
  if (failed.length > listedFailures) failures.push(color.red(t('display.matrix.moreFailures', { count: failed.length - listedFailures })));
  return (
    [calls, perModelTable(results, color, maxWidth), ...files, ...failures, ...longTitleNotes(results, color, label)].join('\n') + '\n'
  );
}
