import { displayWidth } from '../../ui/display-width.js';

// A space run, one CJK character or full-width punctuation mark (a line may break after any), or a
// run of other characters (a word, a URL: kept whole unless wider than a line).
const tokenPattern = /\s+|[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Pieces of a word too wide for a line, each at most `width` columns. */
function breakWord(word: string, width: number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const { segment } of graphemes.segment(word)) {
    if (part !== '' && displayWidth(part + segment) > width) {
      parts.push(part);
      part = '';
    }
    part += segment;
  }
  return part === '' ? parts : [...parts, part];
}

/**
 * Wraps plain text (no ANSI codes) to lines of at most `width` terminal columns, every line after
 * the first starting with `indent`. Breaks at spaces, and between CJK characters, which have none.
 */
export function wrapToWidth(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  const room = () => Math.max(1, width - (lines.length === 0 ? 0 : displayWidth(indent)));
  const finish = () => {
    lines.push(lines.length === 0 ? line.trimEnd() : `${indent}${line.trimEnd()}`);
    line = '';
  };
  for (const token of text.match(tokenPattern) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (displayWidth(line + token) <= room()) {
      line += token;
      continue;
    }
    if (line.trim() !== '') finish();
    line = '';
    for (const piece of displayWidth(token) > room() ? breakWord(token, room()) : [token]) {
      if (line !== '' && displayWidth(line + piece) > room()) finish();
      line += piece;
    }
  }
  if (line.trim() !== '' || lines.length === 0) finish();
  return lines;
}
