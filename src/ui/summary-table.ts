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
      result.status === 'ok' ? color.green('ok') : color.red(result.error?.type ?? 'error'),
      truncateToWidth(extractTitle(result.text), options.titleWidth ?? 30),
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      result.outputFile ? path.relative(options.cwd, result.outputFile) || result.outputFile : '—',
    ]);
  }
  const failures = results
    .filter((result) => result.status === 'error')
    .map((result) => color.red(`✗ ${result.model}: ${result.error?.message ?? 'failed'}`));
  return [table.toString(), ...failures].join('\n') + '\n';
}
