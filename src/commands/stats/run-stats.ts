import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CommandIO } from '../../cli/command-io.js';
import { formatCost } from '../../cost/compute-cost.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { formatDuration } from '../../format/format-metrics.js';
import type { StatsGrouping } from '../../store/history-stats.js';
import { resolveColorLevel } from '../../ui/color-level.js';
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

/** Calls, success rate, latency percentiles, TTFT, tokens and cost per model, provider or role. */
export async function runStats(options: StatsCommandOptions, io: CommandIO): Promise<ExitCodeValue> {
  const by = (options.by ?? 'model') as StatsGrouping;
  if (!groupings.includes(by)) throw new UsageError(`--by takes model, provider or role, got "${options.by}"`);
  const sinceIso = options.since === undefined ? null : parseSince(options.since, io.currentDate());
  const store = await openHistory(io);
  try {
    const report = store.stats({ by, sinceIso, trend: options.trend === true });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ version: 1, ...report }, null, 2)}\n`);
      return ExitCode.ok;
    }
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    const table = new Table({
      head: [by[0]?.toUpperCase() + by.slice(1), 'Calls', 'OK', 'Failed', 'Success', 'p50', 'p95', 'TTFT', 'In', 'Out', 'Cost'].map(
        (name) => color.bold(name),
      ),
      style: { head: [], border: [], compact: true },
      colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    });
    for (const group of report.groups) {
      table.push([
        group.key,
        group.calls,
        group.ok,
        group.failed,
        `${(group.successRate * 100).toFixed(1)}%`,
        formatDuration(group.p50LatencyMs),
        formatDuration(group.p95LatencyMs),
        formatDuration(group.meanTtftMs),
        group.inputTokens,
        group.outputTokens,
        formatCost(group.costUsd),
      ]);
    }
    const since = report.since ? ` since ${report.since}` : '';
    io.stdout.write(report.groups.length === 0 ? `No calls recorded${since}.\n` : `${table.toString()}\n`);
    if (report.trend) io.stdout.write(`\n${renderTrendChart(report.trend)}`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
