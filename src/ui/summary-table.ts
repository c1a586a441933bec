import { Chalk } from 'chalk';
import { formatCost } from '../cost/compute-cost.js';
import { formatCount, formatDuration, formatReadingTime, tokensPerSecond } from '../format/format-metrics.js';
import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import { formatJudgeCell, hasJudgeCell } from '../judge/judge-score.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { fitTable, type TableColumn } from './fit-table.js';
import { longTitleNotes, savedFileLines, statusCell, titleCell } from './result-cells.js';

/** How the summary is drawn. */
export interface SummaryTableOptions {
  colorLevel: ColorLevel;
  /** Output files are listed below the table relative to this directory. */
  cwd: string;
  /** Terminal width (see `terminalWidth`); columns give way to fit it. Default 80. */
  maxWidth?: number;
}

/** A column of the summary and how to fill it. */
type SummaryColumn = TableColumn & { cell: (result: ModelResult) => string };

/**
 * The columns, most important kept longest: model and title never go (the title keeps at least 20
 * columns); then judge, 字数, status, reading time, cost, latency, tokens, TTFT, cache, speed give way.
 * The status column is there only when some draft failed or was served by a fallback.
 */
function summaryColumns(results: readonly ModelResult[], color: InstanceType<typeof Chalk>): SummaryColumn[] {
  const withCache = results.some((result) => result.usage.cacheReadTokens !== null || result.usage.cacheWriteTokens !== null);
  const judged = results.some(hasJudgeCell);
  // when every draft simply succeeded the status says nothing: its room goes to the title
  const eventful = results.some((result) => result.status !== 'ok' || (result.servedBy !== null && result.servedBy !== result.model));
  const columns: (SummaryColumn | false)[] = [
    { header: t('display.column.model'), cell: (result) => result.model },
    eventful && { header: t('display.column.status'), minWidth: 6, dropOrder: 8, cell: (result) => statusCell(result, color) },
    { header: t('display.column.title'), minWidth: 26, cell: (result) => titleCell(result, color) },
    { header: t('display.column.chars'), align: 'right', dropOrder: 9, cell: (result) => (result.text ? String(result.chars) : '—') },
    { header: t('display.column.reading'), align: 'right', dropOrder: 5, cell: (result) => formatReadingTime(result.readingMinutes) },
    { header: t('display.column.in'), align: 'right', dropOrder: 3, cell: (result) => formatCount(result.usage.inputTokens) },
    { header: t('display.column.out'), align: 'right', dropOrder: 4, cell: (result) => formatCount(result.usage.outputTokens) },
    withCache && {
      header: t('display.column.cache'),
      align: 'right',
      dropOrder: 1,
      cell: (result) => `${formatCount(result.usage.cacheReadTokens)}/${formatCount(result.usage.cacheWriteTokens)}`,
    },
    { header: t('display.column.latency'), align: 'right', dropOrder: 6, cell: (result) => formatDuration(result.latencyMs) },
    { header: t('display.column.ttft'), align: 'right', dropOrder: 2, cell: (result) => formatDuration(result.ttftMs) },
    {
      header: t('display.column.speed'),
      align: 'right',
      dropOrder: 0,
      cell: (result) => tokensPerSecond(result)?.toFixed(1) ?? '—',
    },
    { header: t('display.column.cost'), align: 'right', dropOrder: 7, cell: (result) => formatCost(result.costUsd) },
    judged && { header: t('display.column.judge'), align: 'right', dropOrder: 10, cell: (result) => formatJudgeCell(result) },
  ];
  return columns.filter((column): column is SummaryColumn => column !== false);
}

/**
 * Renders the comparison as a table fitting `maxWidth`, then the saved files (`model → path`), then
 * one line per failure, fallback or title too long for WeChat.
 */
export function renderSummaryTable(results: readonly ModelResult[], options: SummaryTableOptions): string {
  const color = new Chalk({ level: options.colorLevel });
  const columns = summaryColumns(results, color);
  const table = fitTable(
    columns,
    results.map((result) => columns.map((column) => column.cell(result))),
    options.maxWidth ?? 80,
    { styleHeader: (text) => color.bold(text) },
  );
  const files = savedFileLines(
    results.map((result) => ({ label: result.model, file: result.outputFile })),
    options.cwd,
    color,
  );
  const notes = results.flatMap((result) => {
    if (result.status === 'error') return [color.red(`✗ ${result.model}: ${terminalSafe(result.error?.message ?? t('display.failed'))}`)];
    if (result.fallback)
      return [
        color.yellow(
          t('display.note.fallback', {
            model: result.model,
            message: terminalSafe(result.fallback.error.message),
            servedBy: terminalSafe(String(result.servedBy)),
          }),
        ),
      ];
    return [];
  });
  return [table, ...files, ...notes, ...longTitleNotes(results, color, (result) => result.model)].join('\n') + '\n';
}
