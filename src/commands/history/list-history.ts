import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { CommandIO } from '../../cli/command-io.js';
import { formatCost } from '../../cost/compute-cost.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { parsePositiveInteger } from '../../plan/parse-number-option.js';
import { resolveModel } from '../../providers/registry.js';
import { formatDuration } from '../../format/format-metrics.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { truncateToWidth } from '../../ui/display-width.js';
import { openHistory } from './open-history.js';

/** `wechat-writer history` options. */
export interface ListHistoryOptions {
  limit?: string;
  model?: string;
  search?: string;
  json: boolean;
}

/** A model filter as the user typed it: an alias or provider id means all of that provider's models. */
function modelFilter(spec: string | undefined, env: CommandIO['env']): string | undefined {
  if (!spec) return undefined;
  try {
    const resolved = resolveModel(spec, env);
    return spec.includes(':') ? resolved.id : resolved.provider.id;
  } catch {
    return spec.trim();
  }
}

const localTime = (iso: string) => {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** Newest runs first, one line each: time, models, best/worst latency, total cost, prompt start. */
export async function runListHistory(options: ListHistoryOptions, io: CommandIO): Promise<ExitCodeValue> {
  const limit = options.limit === undefined ? 20 : parsePositiveInteger('-n', options.limit);
  const model = modelFilter(options.model, io.env);
  const store = await openHistory(io);
  try {
    const runs = store.listRuns({ limit, model, search: options.search });
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ version: 1, runs }, null, 2)}\n`);
      return ExitCode.ok;
    }
    if (runs.length === 0) {
      io.stdout.write('No runs recorded yet (or none match).\n');
      return ExitCode.ok;
    }
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    const table = new Table({
      head: ['Run', 'Time', 'Models', 'OK', 'Best', 'Worst', 'Cost', 'Prompt'].map((name) => color.bold(name)),
      style: { head: [], border: [], compact: true },
    });
    for (const run of runs) {
      const models = run.models.join(', ');
      table.push([
        `#${run.id}${run.parentRunId ? ` ↺#${run.parentRunId}` : ''}`,
        localTime(run.startedAt),
        truncateToWidth(models, 36),
        `${run.ok}/${run.ok + run.failed}`,
        formatDuration(run.bestLatencyMs),
        formatDuration(run.worstLatencyMs),
        formatCost(run.totalCostUsd),
        truncateToWidth(run.promptStart.replace(/\s+/g, ' ').trim(), 30),
      ]);
    }
    io.stdout.write(`${table.toString()}\n`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
