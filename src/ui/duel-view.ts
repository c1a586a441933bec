import { displayWidth, padToWidth, truncateToWidth } from './display-width.js';
import { wrapToWidth } from './wrap-to-width.js';

/** From this many columns on, the two drafts of a duel sit side by side; narrower, one after the other. */
export const sideBySideMinColumns = 100;
/** Between the two columns. */
const gutter = ' │ ';

/** The two drafts of a duel laid out for one terminal width. */
export interface DuelLayout {
  mode: 'columns' | 'stacked';
  /** Lines that stay on top of every page (the column headings when side by side). */
  heading: string[];
  /** The text lines that scroll, each at most `width` columns. */
  body: string[];
  width: number;
  /** One after the other: the body line where each draft's label is (side by side: none). */
  sections: { label: string; start: number }[];
}

/** What the layout shows: the labels (稿件 A / 稿件 B, already styled or not) and the two texts. */
export interface DuelTexts {
  labelA: string;
  labelB: string;
  /** Terminal-safe text of each draft. */
  textA: string;
  textB: string;
}

/**
 * Lays out a duel: two columns of equal width (each draft wrapped to its column) when the terminal
 * has at least `sideBySideMinColumns` columns, else draft A then draft B, each under its label.
 */
export function layoutDuel(texts: DuelTexts, width: number): DuelLayout {
  const columns = Math.max(10, Math.floor(width));
  if (columns >= sideBySideMinColumns) {
    const side = Math.floor((columns - gutter.length) / 2);
    const left = wrapToWidth(texts.textA, side);
    const right = wrapToWidth(texts.textB, side);
    const rows = Math.max(left.length, right.length);
    const body = Array.from({ length: rows }, (_, index) => join(left[index] ?? '', right[index] ?? '', side));
    const rule = `${'─'.repeat(side)}─┼─${'─'.repeat(side)}`;
    return { mode: 'columns', heading: [join(texts.labelA, texts.labelB, side), rule], body, width: columns, sections: [] };
  }
  const linesA = wrapToWidth(texts.textA, columns);
  const body = [labelRule(texts.labelA, columns), ...linesA, '', labelRule(texts.labelB, columns), ...wrapToWidth(texts.textB, columns)];
  const sections = [
    { label: texts.labelA, start: 0 },
    { label: texts.labelB, start: linesA.length + 2 },
  ];
  return { mode: 'stacked', heading: [], body, width: columns, sections };
}

/** `── 稿件 A ─────…` across the width: where a draft starts when they come one after the other. */
const labelRule = (label: string, width: number) => {
  const start = `── ${label} `;
  return `${start}${'─'.repeat(Math.max(0, width - displayWidth(start)))}`;
};

/** The labels of the drafts a page starting at `offset` shows any line of (one after the other only). */
export function labelsOnPage(layout: DuelLayout, offset: number, height: number): string[] {
  return layout.sections
    .filter((section, index) => {
      // a draft ends before the blank line that separates it from the next
      const next = layout.sections[index + 1];
      const end = next ? next.start - 1 : layout.body.length;
      return section.start < offset + height && end > offset;
    })
    .map((section) => section.label);
}

const join = (left: string, right: string, side: number) =>
  `${padToWidth(truncateToWidth(left, side), side)}${gutter}${truncateToWidth(right, side)}`.trimEnd();

/** How many body lines fit on one page between the fixed lines on top and at the bottom. */
export function pageHeight(layout: DuelLayout, rows: number, fixedLines: number): number {
  return Math.max(3, rows - fixedLines - layout.heading.length);
}

/** The first line a page may start at: never past the point where the last page is full. */
export function clampOffset(layout: DuelLayout, offset: number, height: number): number {
  return Math.max(0, Math.min(offset, layout.body.length - height));
}

/**
 * One screen: the header lines, the layout's heading, `height` body lines from `offset` (blank
 * lines fill a short page so the footer stays at the bottom), then the footer lines; every line cut
 * to the layout's width.
 */
export function renderDuelPage(
  layout: DuelLayout,
  page: { header: readonly string[]; footer: readonly string[]; offset: number; height: number },
): string[] {
  const visible = layout.body.slice(page.offset, page.offset + page.height);
  const filler = Array.from({ length: Math.max(0, page.height - visible.length) }, () => '');
  return [...page.header, ...layout.heading, ...visible, ...filler, ...page.footer].map((line) => truncateToWidth(line, layout.width));
}
