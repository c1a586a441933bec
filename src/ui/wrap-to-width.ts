import { displayWidth as stringWidth } from './display-width.js';

// built on first use (the ICU segmenter takes ~15 ms to make)
let graphemes: Intl.Segmenter | undefined;
const graphemeSegmenter = () => (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }));
/** Punctuation that never starts a line: it stays with the character before it. */
const closing = new Set(Array.from('，。、；：！？）》」』】〉”’…—,.;:!?)]}%'));
/** Punctuation that never ends a line: it goes with the character after it. */
const opening = new Set(Array.from('（《「『【〈“‘([{'));

interface Token {
  text: string;
  width: number;
  space: boolean;
}

/**
 * One line cut into the pieces a line may break between: a run of spaces, a word of narrow
 * characters (Latin, digits), or one wide character (CJK, emoji), with punctuation kept beside the
 * character it belongs to.
 */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let glueNext = false;
  for (const { segment } of graphemeSegmenter().segment(line)) {
    const width = stringWidth(segment);
    const space = /^\s+$/.test(segment);
    const last = tokens.at(-1);
    const joinsLast =
      last !== undefined &&
      !space &&
      !last.space &&
      (glueNext || width === 0 || closing.has(segment) || (width === 1 && last.width > 0 && isNarrowWord(last.text)));
    if (joinsLast) {
      last.text += segment;
      last.width += width;
    } else if (space && last?.space) {
      last.text += segment;
      last.width += width;
    } else {
      tokens.push({ text: segment, width, space });
    }
    glueNext = opening.has(segment);
  }
  return tokens;
}

/** A token made only of narrow characters (a Latin word so far), which the next narrow one extends. */
const isNarrowWord = (text: string) => stringWidth(text) === Array.from(text).length && !/\s/.test(text);

/** Splits a token wider than a line into pieces of at most `width` columns. */
function cut(token: Token, width: number): Token[] {
  const pieces: Token[] = [];
  let current: Token = { text: '', width: 0, space: false };
  for (const { segment } of graphemeSegmenter().segment(token.text)) {
    const segmentWidth = stringWidth(segment);
    if (current.width + segmentWidth > width && current.text !== '') {
      pieces.push(current);
      current = { text: '', width: 0, space: false };
    }
    current.text += segment;
    current.width += segmentWidth;
  }
  if (current.text !== '') pieces.push(current);
  return pieces;
}

/** One line of text wrapped: its first line at most `firstWidth` columns, the others `restWidth`. */
function wrapLine(line: string, firstWidth: number, restWidth: number): string[] {
  if (line.trim() === '') return [''];
  const lines: string[] = [];
  const width = () => (lines.length === 0 ? firstWidth : restWidth);
  let current = '';
  let currentWidth = 0;
  const flush = () => {
    lines.push(current.trimEnd());
    current = '';
    currentWidth = 0;
  };
  for (const token of tokenize(line)) {
    if (token.space) {
      // a break at a space drops the space; spaces at the start of the paragraph stay (indentation)
      if (currentWidth + token.width <= width()) {
        current += token.text;
        currentWidth += token.width;
      } else if (current !== '') flush();
      continue;
    }
    const pieces = token.width <= width() ? [token] : cut(token, restWidth);
    for (const piece of pieces) {
      if (currentWidth + piece.width > width() && current !== '') flush();
      current += piece.text;
      currentWidth += piece.width;
    }
  }
  if (current !== '' || lines.length === 0) flush();
  return lines;
}

/**
 * Text wrapped to lines of at most `width` terminal columns (measured with string-width): Chinese
 * breaks between any two characters, other words at spaces (a word longer than a line is cut),
 * closing punctuation never starts a line. Each line of the text starts a new line; tabs become
 * four spaces; bidirectional controls are dropped here too (as terminalSafe drops them), so a draft
 * handed in raw still cannot reverse the gutter and the other draft's column. The text must already
 * be free of escape sequences (terminalSafe). With `indent`, every line after the first starts with
 * it (a hanging indent) and still fits `width`.
 */
export function wrapToWidth(text: string, width: number, indent = ''): string[] {
  const columns = Math.max(1, Math.floor(width));
  const restColumns = Math.max(1, columns - stringWidth(indent));
  const lines: string[] = [];
  const paragraphs = text
    .replace(/\t/g, '    ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split(/\r\n|\r|\n/);
  for (const paragraph of paragraphs) {
    const wrapped = wrapLine(paragraph.trimEnd(), lines.length === 0 ? columns : restColumns, restColumns);
    const first = lines.length === 0;
    lines.push(...wrapped.map((line, index) => (first && index === 0 ? line : `${indent}${line}`)));
  }
  return lines;
}
