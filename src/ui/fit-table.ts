import type { Env } from '../io/env.js';
import type { TextOutput } from '../io/text-output.js';
import { displayWidth, padToWidth, truncateStartToWidth, truncateToWidth } from './display-width.js';

/** One column of a table drawn by `fitTable`. */
export interface TableColumn {
  /** The header text (already translated). */
  header: string;
  /** Where cells sit in the column; numbers read best right-aligned. Default left. */
  align?: 'left' | 'right';
  /**
   * The column may shrink down to this many columns, its cells cut with `…`. Without it the column
   * keeps its natural width (the widest cell or header) unless nothing else can give way.
   */
  minWidth?: number;
  /** Which end of a cut cell stays: 'end' cuts the end (default), 'start' keeps the end (paths). */
  truncate?: 'end' | 'start';
  /**
   * When even the minimum widths do not fit, columns with the lowest dropOrder are left out first;
   * a column without dropOrder is never dropped.
   */
  dropOrder?: number;
}

/** A row spanning every column (e.g. a group heading such as a prompt id). */
export interface SpanRow {
  span: string;
}

/** One table row: a cell per column, or one text across the whole table. */
export type TableRow = readonly string[] | SpanRow;

/** How `fitTable` draws. */
export interface FitTableOptions {
  /** Styles each header text (e.g. bold); applied after measuring, so ANSI codes are fine. */
  styleHeader?: (text: string) => string;
}

/** A drawn table and how it was fitted. */
export interface FittedTable {
  /** The table, lines joined with `\n`, no trailing newline; every line at most maxWidth columns. */
  text: string;
  /** Headers of the columns left out to fit, in the order they were dropped. */
  dropped: string[];
  /** The content width of each column kept, in the kept columns' order. */
  widths: number[];
}

const isSpan = (row: TableRow): row is SpanRow => !Array.isArray(row);
const oneLine = (text: string) => text.replace(/\r?\n|\r/g, ' ');
// `│ a │ b │`: a border before each column, one after the last, a space of padding each side
const overhead = (columns: number) => columns * 3 + 1;

/** Chooses which columns stay and how wide each is so the table fits `maxWidth`. */
function layout(columns: readonly TableColumn[], rows: readonly (readonly string[])[], maxWidth: number) {
  const natural = columns.map((column, index) =>
    Math.max(1, displayWidth(column.header), ...rows.map((row) => displayWidth(oneLine(row[index] ?? '')))),
  );
  const minimum = columns.map((column, index) => Math.max(1, Math.min(natural[index] ?? 1, column.minWidth ?? Number.POSITIVE_INFINITY)));
  let kept = columns.map((_, index) => index);
  const dropped: number[] = [];
  const sumOf = (values: number[], indexes: number[]) => indexes.reduce((total, index) => total + (values[index] ?? 0), 0);
  const droppable = () =>
    kept
      .filter((index) => columns[index]?.dropOrder !== undefined)
      .sort((a, b) => (columns[a]?.dropOrder ?? 0) - (columns[b]?.dropOrder ?? 0) || b - a);
  while (sumOf(minimum, kept) + overhead(kept.length) > maxWidth && droppable().length > 0) {
    const next = droppable()[0] as number;
    dropped.push(next);
    kept = kept.filter((index) => index !== next);
  }
  const widths = new Map(kept.map((index) => [index, natural[index] ?? 1]));
  const total = () => [...widths.values()].reduce((sum, width) => sum + width, 0) + overhead(kept.length);
  // the column with the most room above its floor gives way first, one column at a time
  const shrinkTo = (floor: (index: number) => number) => {
    while (total() > maxWidth) {
      let widest = -1;
      let slack = 0;
      for (const [index, width] of widths) {
        if (width - floor(index) > slack) [widest, slack] = [index, width - floor(index)];
      }
      if (widest < 0) return;
      widths.set(widest, (widths.get(widest) ?? 1) - 1);
    }
  };
  shrinkTo((index) => minimum[index] ?? 1);
  shrinkTo(() => 1);
  return { kept, dropped, widths: kept.map((index) => widths.get(index) ?? 1) };
}

/**
 * Draws a table (box-drawing borders, header, compact rows) that fits `maxWidth` terminal columns:
 * columns shrink toward their minWidth (widest slack first, cells cut with `…`), then columns are
 * dropped by dropOrder, and as a last resort any column shrinks further. Widths are measured with
 * `string-width` (CJK, emoji, combining marks; ANSI codes take no room).
 */
export function fitTableWithInfo(
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  maxWidth: number,
  options: FitTableOptions = {},
): FittedTable {
  const cellRows = rows.filter((row): row is readonly string[] => !isSpan(row));
  const { kept, dropped, widths } = layout(columns, cellRows, maxWidth);
  const fitCell = (text: string, index: number, width: number) => {
    const column = columns[index];
    const cut = column?.truncate === 'start' ? truncateStartToWidth(oneLine(text), width) : truncateToWidth(oneLine(text), width);
    return padToWidth(cut, width, column?.align ?? 'left');
  };
  const line = (cells: string[]) => `│ ${cells.join(' │ ')} │`;
  const border = (left: string, middle: string, right: string) =>
    `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}`;
  const inner = widths.reduce((sum, width) => sum + width, 0) + 3 * (widths.length - 1);
  const style = options.styleHeader ?? ((text: string) => text);
  const header = line(
    kept.map((index, position) => {
      const width = widths[position] ?? 1;
      const text = truncateToWidth(columns[index]?.header ?? '', width);
      return padToWidth(style(text), width, columns[index]?.align ?? 'left');
    }),
  );
  const body = rows.map((row) =>
    isSpan(row)
      ? `│ ${padToWidth(truncateToWidth(oneLine(row.span), inner), inner)} │`
      : line(kept.map((index, position) => fitCell(row[index] ?? '', index, widths[position] ?? 1))),
  );
  const lines = [border('┌', '┬', '┐'), header, border('├', '┼', '┤'), ...body, border('└', '┴', '┘')];
  // only when maxWidth is below even one column per kept column plus borders
  const text = lines.map((drawn) => (displayWidth(drawn) > maxWidth ? truncateToWidth(drawn, maxWidth) : drawn)).join('\n');
  return { text, dropped: dropped.map((index) => columns[index]?.header ?? ''), widths };
}

/** Draws a table fitting `maxWidth` columns (see `fitTableWithInfo`); no trailing newline. */
export function fitTable(
  columns: readonly TableColumn[],
  rows: readonly TableRow[],
  maxWidth: number,
  options: FitTableOptions = {},
): string {
  return fitTableWithInfo(columns, rows, maxWidth, options).text;
}

/** Columns to draw in: COLUMNS when it is a positive integer, else the output's width, else 80. */
export function terminalWidth(output: TextOutput, env: Env): number {
  const fromEnv = env.COLUMNS?.trim();
  if (fromEnv && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  if (typeof output.columns === 'number' && Number.isInteger(output.columns) && output.columns > 0) return output.columns;
  return 80;
}
