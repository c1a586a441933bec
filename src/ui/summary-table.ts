import path from 'node:path';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { extractTitle, formatCount, formatDuration, tokensPerSecond } from '../report/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { truncateToWidth } from './display-width.js';

/** How the summary is drawn. */
export interface SummaryTableOptions {
  colorLevel: ColorLevel;
  /** Output files are shown relative to this directory. */
  cwd: string;
  titleWidth?: number;
}

function statusCell(result: ModelResult, color: InstanceType<typeof Chalk>): string {
  if (result.status === 'error') return color.red(`${result.error?.type ?? 'error'}${result.incomplete ? ' (partial)' : ''}`);
  if (result.servedBy && result.servedBy !== result.model) return `${color.green('ok')} ${color.yellow(`→ via ${result.servedBy}`)}`;
  return color.green('ok');
}

/** Renders the comparison as a table, followed by one line per failure. */
export function renderSummaryTable(results: readonly ModelResult[], options: SummaryTableOptions): string {
  const color = new Chalk({ level: options.colorLevel });
  const table = new Table({
    head: ['Model', 'Status', 'Title / first line', 'In', 'Out', 'Latency', 'TTFT', 'Tok/s', 'File'].map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const result of results) {
    const speed = tokensPerSecond(result);
    table.push([
      result.model,
      statusCell(result, color),
      truncateToWidth(extractTitle(result.text), options.titleWidth ?? 30),
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      result.outputFile ? path.relative(options.cwd, result.outputFile) || result.outputFile : '—',
    ]);
  }
  const notes = results.flatMap((result) => {
    if (result.status === 'error') return [color.red(`✗ ${result.model}: ${result.error?.message ?? 'failed'}`)];
    if (result.fallback) return [color.yellow(`→ ${result.model} failed (${result.fallback.error.message}); served by ${result.servedBy}`)];
    return [];
  });
  return [table.toString(), ...notes].join('\n') + '\n';
}
