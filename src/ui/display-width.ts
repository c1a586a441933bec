import stringWidth from 'string-width';

// ANSI escape sequences (colours, styles, links): they take no columns and are never cut in half
const ansiPattern = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Terminal columns a string takes, measured by `string-width`: CJK and wide emoji (🚀) count two,
 * combining marks and ANSI colour codes none.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The text without ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

/** Widths of the characters met so far: a table of Chinese titles measures the same few hundred again and again. */
const graphemeWidths = new Map<string, number>();
const graphemeWidth = (grapheme: string): number => {
  let width = graphemeWidths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    if (graphemeWidths.size < 10_000) graphemeWidths.set(grapheme, width);
  }
  return width;
};

/** A string split into user-perceived characters and ANSI codes, each with its width (codes: 0). */
function pieces(text: string): { text: string; width: number }[] {
  const result: { text: string; width: number }[] = [];
  let last = 0;
  const addText = (part: string) => {
    for (const { segment } of graphemes.segment(part)) result.push({ text: segment, width: graphemeWidth(segment) });
  };
  for (const match of text.matchAll(ansiPattern)) {
    addText(text.slice(last, match.index));
    result.push({ text: match[0], width: 0 });
    last = match.index + match[0].length;
  }
  addText(text.slice(last));
  return result;
}

const hasAnsi = (text: string) => stripAnsi(text) !== text;

/** Cuts a string to at most `maxWidth` columns, ending with `…` when cut (colour codes are kept, then reset). */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  if (maxWidth <= 0) return '';
  let result = '';
  let width = 0;
  for (const piece of pieces(text)) {
    if (width + piece.width > maxWidth - 1) {
      if (piece.width > 0) break;
      continue;
    }
    result += piece.text;
    width += piece.width;
  }
  return `${result}…${hasAnsi(text) ? '\u001b[0m' : ''}`;
}

/** Cuts a string to at most `maxWidth` columns keeping its end (for paths), starting with `…` when cut. */
export function truncateStartToWidth(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  if (maxWidth <= 0) return '';
  let result = '';
  let width = 0;
  for (const piece of pieces(text).reverse()) {
    if (width + piece.width > maxWidth - 1) {
      if (piece.width > 0) break;
      continue;
    }
    result = piece.text + result;
    width += piece.width;
  }
  return `…${result}`;
}

/** Pads a string with spaces to `width` columns, on the right (left-aligned) or on the left. */
export function padToWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const room = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? room + text : text + room;
}
