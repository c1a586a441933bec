import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatCost } from '../cost/compute-cost.js';
import { extractTitle, formatCount, formatDuration } from '../format/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { ColorLevel } from './color-level.js';
import { truncateToWidth } from './display-width.js';
import { groupByPrompt, summarizeModels } from './matrix-summary.js';
import { terminalSafe } from '../format/terminal-safe.js';

/**
 * A batch (prompts × models) as two tables: every call grouped by prompt, then one summary row per
 * model (judge wins when judged, mean latency, total tokens and cost), then one line per failure.
 */
export function renderMatrixTable(results: readonly ModelResult[], options: { colorLevel: ColorLevel; titleWidth?: number }): string {
  const color = new Chalk({ level: options.colorLevel });
  const judged = results.some((result) => result.judge !== undefined);
  const head = ['Prompt / model', 'Status', 'Title / first line', 'Out', 'Latency', 'Cost', ...(judged ? ['Judge'] : [])];
  const calls = new Table({
    head: head.map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'left', 'right', 'right', 'right', ...(judged ? (['right'] as const) : [])],
  });
  for (const group of groupByPrompt(results)) {
    calls.push([{ colSpan: head.length, content: color.bold(terminalSafe(group.promptId)) }]);
    for (const result of group.results) {
      const status =
        result.status === 'ok'
          ? result.servedBy !== result.model
            ? `${color.green('ok')} ${color.yellow(`→ ${terminalSafe(String(result.servedBy))}`)}`
            : color.green('ok')
          : color.red(result.error?.type ?? 'error');
      calls.push([
        `  ${result.model}`,
        status,
        truncateToWidth(terminalSafe(extractTitle(result.text)), options.titleWidth ?? 28),
        formatCount(result.usage.outputTokens),
        formatDuration(result.latencyMs),
        formatCost(result.costUsd),
        ...(judged ? [result.judge ? `${result.judge.score.toFixed(1)}/10` : '—'] : []),
      ]);
    }
  }
  const summaries = summarizeModels(results);
  const withWins = summaries.some((summary) => summary.wins !== null);
  const perModel = new Table({
    head: ['Model', 'OK', ...(withWins ? ['Wins'] : []), 'Mean latency', 'Tokens in/out', 'Cost'].map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', ...(withWins ? (['right'] as const) : []), 'right', 'right', 'right'],
  });
  for (const summary of summaries) {
    perModel.push([
      summary.model,
      `${summary.ok}/${summary.calls}`,
      ...(withWins ? [String(summary.wins ?? 0)] : []),
      formatDuration(summary.meanLatencyMs),
      `${summary.inputTokens}/${summary.outputTokens}`,
      formatCost(summary.costUsd),
    ]);
  }
  const failures = results
    .filter((result) => result.status === 'error')
    .map((result) =>
      color.red(`✗ ${terminalSafe(result.promptId ?? '')} × ${result.model}: ${terminalSafe(result.error?.message ?? 'failed')}`),
    );
  return [calls.toString(), perModel.toString(), ...failures].join('\n') + '\n';
}
