import path from 'node:path';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatCost } from '../cost/compute-cost.js';
import { formatJudgeScore } from '../judge/judge-score.js';
import { extractTitle, formatCount, formatDuration, tokensPerSecond } from '../format/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { displayWidth, truncateStartToWidth, truncateToWidth } from './display-width.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** How the summary is drawn. */
export interface SummaryTableOptions {
  colorLevel: ColorLevel;
  /** Output files are shown relative to this directory. */
  cwd: string;
  titleWidth?: number;
  /** Terminal width: the title and file columns shrink to fit it. */
  maxWidth?: number;
}

function statusCell(result: ModelResult, color: InstanceType<typeof Chalk>): string {
  if (result.status === 'error') return color.red(`${result.error?.type ?? 'error'}${result.incomplete ? ' (partial)' : ''}`);
  if (result.servedBy && result.servedBy !== result.model)
    return `${color.green('ok')} ${color.yellow(`→ via ${terminalSafe(result.servedBy)}`)}`;
  return color.green('ok');
}

interface ColumnFit {
  titleWidth: number;
  /** Longest file column; longer paths keep their end. */
  fileWidth: number;
}

function renderTable(
  results: readonly ModelResult[],
  options: SummaryTableOptions,
  color: InstanceType<typeof Chalk>,
  fit: ColumnFit,
): string {
  const withCache = results.some((result) => result.usage.cacheReadTokens !== null || result.usage.cacheWriteTokens !== null);
  const judged = results.some((result) => result.judge !== undefined);
  const table = new Table({
    head: [
      'Model',
      'Status',
      'Title / first line',
      'In',
      'Out',
      ...(withCache ? ['Cache r/w'] : []),
      'Latency',
      'TTFT',
      'Tok/s',
      'Cost',
      ...(judged ? ['Judge'] : []),
      'File',
    ].map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: [
      'left',
      'left',
      'left',
      'right',
      'right',
      ...(withCache ? (['right'] as const) : []),
      'right',
      'right',
      'right',
      'right',
      ...(judged ? (['right'] as const) : []),
      'left',
    ],
  });
  for (const result of results) {
    const speed = tokensPerSecond(result);
    const file = result.outputFile ? path.relative(options.cwd, result.outputFile) || result.outputFile : '—';
    table.push([
      result.model,
      statusCell(result, color),
      truncateToWidth(terminalSafe(extractTitle(result.text)), fit.titleWidth),
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      ...(withCache ? [`${formatCount(result.usage.cacheReadTokens)}/${formatCount(result.usage.cacheWriteTokens)}`] : []),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      formatCost(result.costUsd),
      ...(judged ? [formatJudgeScore(result.judge)] : []),
      truncateStartToWidth(terminalSafe(file), fit.fileWidth),
    ]);
  }
  return table.toString();
}

/** Shrinks the title, then the file column, until the table fits the terminal (or can shrink no more). */
function fittedTable(results: readonly ModelResult[], options: SummaryTableOptions, color: InstanceType<typeof Chalk>): string {
  const fit: ColumnFit = { titleWidth: options.titleWidth ?? 30, fileWidth: 200 };
  let table = renderTable(results, options, color, fit);
  const tooWide = () => options.maxWidth !== undefined && displayWidth(stripAnsi(table.split('\n')[0] ?? '')) > options.maxWidth;
  while (tooWide() && (fit.titleWidth > 12 || fit.fileWidth > 16)) {
    const excess = displayWidth(stripAnsi(table.split('\n')[0] ?? '')) - (options.maxWidth ?? 0);
    if (fit.titleWidth > 12) fit.titleWidth = Math.max(12, fit.titleWidth - excess);
    else fit.fileWidth = Math.max(16, Math.min(fit.fileWidth, longestFile(results, options)) - excess);
    table = renderTable(results, options, color, fit);
  }
  return table;
}

const longestFile = (results: readonly ModelResult[], options: SummaryTableOptions) =>
  Math.max(...results.map((result) => (result.outputFile ? displayWidth(path.relative(options.cwd, result.outputFile)) : 1)));

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** Renders the comparison as a table, followed by one line per failure or fallback. */
export function renderSummaryTable(results: readonly ModelResult[], options: SummaryTableOptions): string {
  const color = new Chalk({ level: options.colorLevel });
  const table = fittedTable(results, options, color);
  const notes = results.flatMap((result) => {
    if (result.status === 'error') return [color.red(`✗ ${result.model}: ${terminalSafe(result.error?.message ?? 'failed')}`)];
    if (result.fallback)
      return [
        color.yellow(
          `→ ${result.model} failed (${terminalSafe(result.fallback.error.message)}); served by ${terminalSafe(String(result.servedBy))}`,
        ),
      ];
    return [];
  });
  return [table, ...notes].join('\n') + '\n';
}
