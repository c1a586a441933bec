import { Chalk } from 'chalk';
import type { CommandIO } from '../../cli/command-io.js';
import { formatCost } from '../../cost/compute-cost.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { formatDuration, formatReadingTime } from '../../format/format-metrics.js';
import { formatLocalTime } from '../../format/format-local-time.js';
import { t } from '../../i18n/translate.js';
import type { StatsGroup, StatsGrouping } from '../../store/history-stats.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { fitTable, terminalWidth, type TableColumn } from '../../ui/fit-table.js';
import { renderTrendChart } from '../../ui/trend-chart.js';
import { openHistory } from '../history/open-history.js';
import { parseSince } from './parse-since.js';

/** `wechat-writer stats` options. */
export interface StatsCommandOptions {
  by?: string;
  since?: string;
  trend?: boolean;
  json: boolean;
}

const groupings: StatsGrouping[] = ['model', 'provider', 'role'];

const count = (value: number | null) => (value === null ? '—' : String(Math.round(value)));

/** The stats table's columns; those with the lowest dropOrder give way first at narrow widths. */
function statsColumns(by: StatsGrouping): (TableColumn & { cell: (group: StatsGroup) => string })[] {
  return [
    {
      header: t(`history.stats.${by}`),
      minWidth: 12,
      cell: (group) => (group.key === '(none)' ? t('history.stats.none_group') : group.key),
    },
    { header: t('history.stats.calls'), align: 'right', cell: (group) => String(group.calls) },
    { header: t('history.stats.ok'), align: 'right', dropOrder: 0, cell: (group) => String(group.ok) },
    { header: t('history.stats.failed'), align: 'right', dropOrder: 6, cell: (group) => String(group.failed) },
    { header: t('history.stats.success'), align: 'right', cell: (group) => `${(group.successRate * 100).toFixed(1)}%` },
    { header: t('history.stats.p50'), align: 'right', dropOrder: 8, cell: (group) => formatDuration(group.p50LatencyMs) },
    { header: t('history.stats.p95'), align: 'right', dropOrder: 4, cell: (group) => formatDuration(group.p95LatencyMs) },
    { header: t('history.stats.ttft'), align: 'right', dropOrder: 3, cell: (group) => formatDuration(group.meanTtftMs) },
    { header: t('history.stats.in'), align: 'right', dropOrder: 1, cell: (group) => String(group.inputTokens) },
    { header: t('history.stats.out'), align: 'right', dropOrder: 2, cell: (group) => String(group.outputTokens) },
    { header: t('history.stats.cost'), align: 'right', dropOrder: 9, cell: (group) => formatCost(group.costUsd) },
    { header: t('history.stats.chars'), align: 'right', dropOrder: 10, cell: (group) => count(group.chars) },
    {
      header: t('history.stats.reading'),
      align: 'right',
      dropOrder: 5,
      cell: (group) => (group.readingMinutes === null ? '—' : formatReadingTime(Math.round(group.readingMinutes))),
    },
    { header: t('history.stats.per1000'), align: 'right', dropOrder: 7, cell: (group) => formatCost(group.costPer1000Chars) },
  ];
}

/** Calls, success rate, latency percentiles, TTFT, tokens, cost and 字数 per model, provider or role. */
export async function runStats(options: StatsCommandOptions, io: CommandIO): Promise<ExitCodeValue> {
  const by = (options.by ?? 'model') as StatsGrouping;
  if (!groupings.includes(by)) throw new UsageError(t('history.stats.badBy', { value: String(options.by) }));
  const sinceIso = options.since === undefined ? null : parseSince(options.since, io.currentDate());
  const store = await openHistory(io);
  try {
    const report = store.stats({ by, sinceIso, trend: options.trend === true });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ version: 1, ...report }, null, 2)}\n`);
      return ExitCode.ok;
    }
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    const columns = statsColumns(by);
    const rows = report.groups.map((group) => columns.map((column) => column.cell(group)));
    const since = report.since ? t('history.stats.since', { time: formatLocalTime(report.since) }) : '';
    io.stdout.write(
      report.groups.length === 0
        ? `${t('history.stats.none', { since })}\n`
        : `${fitTable(columns, rows, terminalWidth(io.stdout, io.env), { styleHeader: (text) => color.bold(text) })}\n`,
    );
    if (report.trend) io.stdout.write(`\n${renderTrendChart(report.trend)}`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
