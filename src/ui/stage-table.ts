import { Chalk } from 'chalk';
import { formatCost } from '../cost/compute-cost.js';
import type { StageResult } from '../pipeline/run-pipeline.js';
import { stageLabel } from '../pipeline/stage-label.js';
import { formatCount, formatDuration } from '../format/format-metrics.js';
import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import type { ColorLevel } from './color-level.js';
import { fitTable, type TableColumn } from './fit-table.js';
import { savedFileLines } from './result-cells.js';

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

/** How the stage table is drawn. */
export interface StageTableOptions {
  colorLevel: ColorLevel;
  /** Saved files are listed below the table relative to this directory. */
  cwd: string;
  /** Terminal width (see `terminalWidth`); columns give way to fit it. Default 80. */
  maxWidth?: number;
}

type StageColumn = TableColumn & { cell: (stage: StageResult) => string };

/**
 * One row per stage (which model was asked, which served it when a fallback did, the status when a
 * stage failed, 字数, tokens, latency, cost), fitting `maxWidth`; then the saved files (`stage → path`), failures and fallbacks, and the totals.
 */
export function renderStageTable(stages: readonly StageResult[], options: StageTableOptions): string {
  const color = new Chalk({ level: options.colorLevel });
  const fellBack = (stage: StageResult) => stage.servedBy !== null && stage.servedBy !== stage.model;
  // a column that would only repeat the model or say ok on every row is left out
  const anyFallback = stages.some(fellBack);
  const anyFailed = stages.some((stage) => stage.status !== 'ok');
  const columns: (StageColumn | false)[] = [
    {
      header: t('display.column.stage'),
      cell: (stage) => (stage.stage === stage.role ? stageLabel(stage.stage) : `${stageLabel(stage.stage)} (${stage.role})`),
    },
    { header: t('display.column.model'), cell: (stage) => stage.model },
    anyFallback && {
      header: t('display.column.servedBy'),
      minWidth: 12,
      dropOrder: 7,
      cell: (stage) => (stage.servedBy === null ? '—' : fellBack(stage) ? color.yellow(stage.servedBy) : stage.servedBy),
    },
    anyFailed && {
      header: t('display.column.status'),
      minWidth: 6,
      dropOrder: 8,
      cell: (stage) => (stage.status === 'ok' ? color.green(t('display.status.ok')) : color.red(stage.error?.type ?? 'error')),
    },
    { header: t('display.column.chars'), align: 'right', dropOrder: 6, cell: (stage) => (stage.text ? String(stage.chars) : '—') },
    { header: t('display.column.in'), align: 'right', dropOrder: 2, cell: (stage) => formatCount(stage.usage.inputTokens) },
    { header: t('display.column.out'), align: 'right', dropOrder: 3, cell: (stage) => formatCount(stage.usage.outputTokens) },
    { header: t('display.column.latency'), align: 'right', dropOrder: 4, cell: (stage) => formatDuration(stage.latencyMs) },
    { header: t('display.column.cost'), align: 'right', dropOrder: 5, cell: (stage) => formatCost(stage.costUsd) },
  ];
  const shown = columns.filter((column): column is StageColumn => column !== false);
  const table = fitTable(
    shown,
    stages.map((stage) => shown.map((column) => column.cell(stage))),
    options.maxWidth ?? 80,
    { styleHeader: (text) => color.bold(text) },
  );
  const files = savedFileLines(
    stages.map((stage) => ({ label: stageLabel(stage.stage), file: stage.outputFile })),
    options.cwd,
    color,
  );
  const notes = stages.flatMap((stage) => {
    if (stage.status === 'error')
      return [color.red(`✗ ${stageLabel(stage.stage)}: ${terminalSafe(stage.error?.message ?? t('display.failed'))}`)];
    if (stage.fallback)
      return [
        color.yellow(
          t('display.stageFallback', {
            stage: stageLabel(stage.stage),
            from: stage.fallback.from,
            type: stage.fallback.error.type,
            servedBy: String(stage.servedBy),
          }),
        ),
      ];
    return [];
  });
  const totals = pipelineTotals(stages);
  const total = t('display.stageTotal', {
    input: totals.inputTokens,
    output: totals.outputTokens,
    latency: formatDuration(totals.latencyMs),
    cost: formatCost(totals.costUsd),
  });
  return [table, ...files, ...notes, total].join('\n') + '\n';
}
