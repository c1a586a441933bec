import { Chalk } from 'chalk';
import type { CommandIO } from '../../cli/command-io.js';
import { formatCost } from '../../cost/compute-cost.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { parsePositiveInteger } from '../../plan/parse-number-option.js';
import { resolveModel } from '../../providers/registry.js';
import { formatDuration } from '../../format/format-metrics.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { RunSummary } from '../../store/history-store.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { fitTableWithInfo, terminalWidth, type FittedTable, type TableColumn } from '../../ui/fit-table.js';
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

/** Local time, short: `12-02 13:05` this year, `2025-12-02` before (the list is newest first). */
const localTime = (iso: string, now: Date) => {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.getFullYear() === now.getFullYear()
    ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`
    : `${date.getFullYear()}-${day}`;
};

/** The history table's columns, in order; those with a dropOrder give way first at narrow widths. */
function listColumns(now: Date): (TableColumn & { cell: (run: RunSummary) => string })[] {
  return [
    { header: t('history.list.run'), cell: (run) => `#${run.id}${run.parentRunId ? ` ↺#${run.parentRunId}` : ''}` },
    { header: t('history.list.time'), dropOrder: 5, cell: (run) => localTime(run.startedAt, now) },
    { header: t('history.list.kind'), dropOrder: 6, cell: (run) => t(`history.kind.${run.kind}`) },
    { header: t('history.list.topic'), minWidth: 16, cell: (run) => terminalSafe(run.topic) },
    {
      header: t('history.list.models'),
      minWidth: 10,
      dropOrder: 4,
      cell: (run) =>
        run.models.length > 1
          ? t('history.list.moreModels', { first: run.models[0] ?? '', more: run.models.length - 1 })
          : (run.models[0] ?? '—'),
    },
    { header: t('history.list.ok'), align: 'right', dropOrder: 2, cell: (run) => `${run.ok}/${run.ok + run.failed}` },
    { header: t('history.list.chars'), align: 'right', dropOrder: 7, cell: (run) => (run.chars === null ? '—' : String(run.chars)) },
    { header: t('history.list.best'), align: 'right', dropOrder: 1, cell: (run) => formatDuration(run.bestLatencyMs) },
    { header: t('history.list.worst'), align: 'right', dropOrder: 0, cell: (run) => formatDuration(run.worstLatencyMs) },
    { header: t('history.list.cost'), align: 'right', dropOrder: 3, cell: (run) => formatCost(run.totalCostUsd) },
  ];
}

/**
 * The table with a Tags column when some run has tags and the column fits as it is: without cutting
 * or dropping anything the table without it shows (else that table, unchanged).
 */
function withTagColumn(
  plain: FittedTable,
  columns: readonly TableColumn[],
  rows: readonly string[][],
  runs: readonly (RunSummary & { tags?: string[] })[],
  width: number,
  styleHeader: (text: string) => string,
): string {
  if (!runs.some((run) => run.tags?.length)) return plain.text;
  const tagColumn: TableColumn = { header: t('verdict.list.tags'), dropOrder: -1 };
  const tagged = fitTableWithInfo(
    [...columns.slice(0, 4), tagColumn, ...columns.slice(4)],
    rows.map((row, index) => [...row.slice(0, 4), terminalSafe(runs[index]?.tags?.join(', ') ?? ''), ...row.slice(4)]),
    width,
    { styleHeader },
  );
  const same =
    !tagged.dropped.includes(tagColumn.header) &&
    tagged.dropped.length === plain.dropped.length &&
    [...tagged.widths.slice(0, 4), ...tagged.widths.slice(5)].join() === plain.widths.join();
  return same ? tagged.text : plain.text;
}

/** Newest runs first, one line each: run, time, kind, topic, models, successes, 字数, latency, cost. */
export async function runListHistory(options: ListHistoryOptions, io: CommandIO): Promise<ExitCodeValue> {
  const limit = options.limit === undefined ? 20 : parsePositiveInteger('-n', options.limit);
  const model = modelFilter(options.model, io.env);
  const store = await openHistory(io);
  try {
    const listed = store.listRuns({ limit, model, search: options.search });
    const tags = new Map(listed.map((run) => [run.id, store.verdicts.tagsOf(run.id).run]));
    const runs = listed.map((run) => (tags.get(run.id)?.length ? { ...run, tags: tags.get(run.id) } : run));
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ version: 1, runs }, null, 2)}\n`);
      return ExitCode.ok;
    }
    if (runs.length === 0) {
      io.stdout.write(`${t('history.list.none')}\n`);
      return ExitCode.ok;
    }
    const color = new Chalk({ level: resolveColorLevel(io.env, io.stdout.isTTY === true) });
    const columns = listColumns(io.currentDate());
    const rows = runs.map((run) => columns.map((column) => column.cell(run)));
    const width = terminalWidth(io.stdout, io.env);
    const styleHeader = (text: string) => color.bold(text);
    const plain = fitTableWithInfo(columns, rows, width, { styleHeader });
    io.stdout.write(`${withTagColumn(plain, columns, rows, runs, width, styleHeader)}\n`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
