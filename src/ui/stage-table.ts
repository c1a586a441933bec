import path from 'node:path';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatCost } from '../cost/compute-cost.js';
import type { StageResult } from '../pipeline/run-pipeline.js';
import { formatCount, formatDuration } from '../format/format-metrics.js';
import type { ColorLevel } from './color-level.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** Totals over the stages that ran: tokens, time and cost (null when any cost is unknown). */
export function pipelineTotals(stages: readonly StageResult[]) {
  const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  return {
    inputTokens: sum(stages.map((stage) => stage.usage.inputTokens)),
    outputTokens: sum(stages.map((stage) => stage.usage.outputTokens)),
    latencyMs: sum(stages.map((stage) => stage.latencyMs)),
    costUsd: stages.some((stage) => stage.status === 'ok' && stage.costUsd === null) ? null : sum(stages.map((stage) => stage.costUsd)),
  };
}

/** One row per stage: which model was asked, which served it, tokens, latency, cost and the saved file. */
export function renderStageTable(stages: readonly StageResult[], options: { colorLevel: ColorLevel; cwd: string }): string {
  const color = new Chalk({ level: options.colorLevel });
  const table = new Table({
    head: ['Stage', 'Model', 'Served by', 'Status', 'In', 'Out', 'Latency', 'Cost', 'File'].map((name) => color.bold(name)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const stage of stages) {
    const fellBack = stage.servedBy !== null && stage.servedBy !== stage.model;
    table.push([
      stage.stage === stage.role ? stage.stage : `${stage.stage} (${stage.role})`,
      stage.model,
      stage.servedBy === null ? '—' : fellBack ? color.yellow(stage.servedBy) : stage.servedBy,
      stage.status === 'ok' ? color.green('ok') : color.red(stage.error?.type ?? 'error'),
      formatCount(stage.usage.inputTokens),
      formatCount(stage.usage.outputTokens),
      formatDuration(stage.latencyMs),
      formatCost(stage.costUsd),
      stage.outputFile ? path.relative(options.cwd, stage.outputFile) || stage.outputFile : '—',
    ]);
  }
  const totals = pipelineTotals(stages);
  const notes = stages.flatMap((stage) => {
    if (stage.status === 'error') return [color.red(`✗ ${stage.stage}: ${terminalSafe(stage.error?.message ?? 'failed')}`)];
    if (stage.fallback)
      return [color.yellow(`→ ${stage.stage}: ${stage.fallback.from} failed (${stage.fallback.error.type}); served by ${stage.servedBy}`)];
    return [];
  });
  const total = `total: ${totals.inputTokens} in / ${totals.outputTokens} out, ${formatDuration(totals.latencyMs)}, ${formatCost(totals.costUsd)}`;
  return [table.toString(), ...notes, total].join('\n') + '\n';
}
