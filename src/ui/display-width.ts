import { measureStringWidth } from './measure-string-width.js';

// ANSI escape sequences (colours, styles, links): they take no columns and are never cut in half
const ansiPattern = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// built on first use: the ICU segmenter costs ~15 ms to make, and plain text never needs it
let graphemes: Intl.Segmenter | undefined;

// Text of only these characters is measured here: one column each, two for the wide ones. No
// combining marks, zero-width or format characters, emoji or variation selectors are among them
// (U+00AD, U+302A–302F, U+3099–309A are left out on purpose; so are the rarer CJK blocks, where
// unassigned and ambiguous code points sit among the wide ones). Anything else goes to string-width's logic
// (measure-string-width.ts), whose Unicode property sets cost tens of milliseconds to build.
const simpleText =
  /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2500-\u259F\u2713\u2717\u3000-\u3029\u3030-\u303E\u3041-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]*$/;
const wideChars =
  /[\u3000-\u3029\u3030-\u303E\u3041-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60\uFFE0-\uFFE6]/g;

/**
 * Terminal columns a string takes, as `string-width` measures them: CJK and wide emoji (🚀) count two,
 * combining marks and ANSI colour codes none. Plain Chinese and Latin text (and box drawing) is
 * counted directly, with the same result.
 */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001b') || text.includes('\u009b') ? stripAnsi(text) : text;
  if (simpleText.test(plain)) return plain.length + (plain.match(wideChars)?.length ?? 0);
  return measureStringWidth(plain);
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
    width = displayWidth(grapheme);
    if (graphemeWidths.size < 10_000) graphemeWidths.set(grapheme, width);
  }
  return width;
};

/** A string split into user-perceived characters and ANSI codes, each with its width (codes: 0). */
function pieces(text: string): { text: string; width: number }[] {
  const result: { text: string; width: number }[] = [];
  let last = 0;
  const addText = (part: string) => {
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
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
