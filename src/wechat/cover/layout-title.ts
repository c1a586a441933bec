/** Measures a code point in em (1 = the font size); undefined when the font cannot draw it. */
export type Advance = (codePoint: number) => number | undefined;

/** Where and how large the title may be drawn. */
export interface TitleBox {
  /** The widest a line may be, in pixels. */
  width: number;
  /** The tallest the block of lines may be, in pixels. */
  height: number;
  /** At most this many lines; a longer title is cut with an ellipsis at the smallest size. */
  maxLines: number;
  /** The font sizes to try, in pixels: the largest that fits wins. */
  maxSize: number;
  minSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

/** The title broken into lines at one font size. */
export interface TitleLayout {
  fontSize: number;
  lines: string[];
}

/** Characters that may not start a line (they stay with the character before them). */
const noLineStart = new Set([...'，。、；：！？）》」』】〕〉”’…—·%‰,.;:!?)]}>']);
/** Characters that may not end a line (they go with the character after them). */
const noLineEnd = new Set([...'（《「『【〔〈“‘([{<']);
/** Characters of words that break only at spaces (Latin, digits and their punctuation). */
const wordChar = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}'’\-_.@#&+/:%$]/u;

/** CJK punctuation and full-width forms, split out of the segmenter's words. */
const fullWidthPunctuation = /([\u2014\u2018-\u201d\u2026\u3000-\u303f\uff00-\uff65])/u;

interface Unit {
  text: string;
  space: boolean;
}

/** Keeps the characters the font draws, with runs of whitespace made one space. */
export function drawableText(text: string, advance: Advance): string {
  const spaced = text.replace(/\s+/gu, ' ').trim();
  return [...spaced]
    .filter((char) => char === ' ' || advance(char.codePointAt(0)!) !== undefined)
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function measure(text: string, advance: Advance): number {
  let width = 0;
  for (const char of text) width += advance(char.codePointAt(0)!) ?? 0;
  return width;
}

/**
 * Splits text into the pieces a line may break between: Chinese words (the ICU dictionary of
 * `Intl.Segmenter`, so "找回" is not cut in two), Latin words, spaces; punctuation stays with its word.
 */
function breakUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let glueNext = false;
  const words = [...new Intl.Segmenter('zh-CN', { granularity: 'word' }).segment(text)].map((word) => word.segment);
  // ICU keeps "Claude：Which" as one word: full-width punctuation is a piece of its own.
  const segments = words.flatMap((word) => word.split(fullWidthPunctuation).filter(Boolean));
  for (const segment of segments) {
    const last = units.at(-1);
    if (segment.trim() === '') {
      units.push({ text: ' ', space: true });
      glueNext = false;
      continue;
    }
    const first = [...segment][0]!;
    const joinsWord = last && !last.space && wordChar.test(first) && wordChar.test([...last.text].at(-1)!);
    if (last && !last.space && (glueNext || joinsWord || noLineStart.has(first))) last.text += segment;
    else units.push({ text: segment, space: false });
    glueNext = noLineEnd.has([...segment].at(-1)!);
  }
  return units;
}

/** Fills lines greedily, up to `width` em each; a piece wider than a line is cut per character. */
function fillLines(units: Unit[], width: number, advance: Advance): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const unit of units) {
    if (unit.space) {
      if (line) line += ' ';
      continue;
    }
    if (measure((line + unit.text).trimEnd(), advance) <= width) {
      line += unit.text;
      continue;
    }
    push();
    if (measure(unit.text, advance) <= width) {
      line = unit.text;
      continue;
    }
    for (const char of unit.text) {
      if (line && measure(line + char, advance) > width) push();
      line += char;
    }
  }
  push();
  return lines;
}

/**
 * Evens out line lengths: of the widths from the narrowest that still needs `count` lines up to the
 * full width, the one whose lines differ least in length (the narrowest alone can leave a short
 * first line when a long word moves down).
 */
function balancedLines(units: Unit[], width: number, count: number, advance: Advance): string[] {
  let low = width / 2;
  let high = width;
  for (let step = 0; step < 12; step += 1) {
    const middle = (low + high) / 2;
    if (fillLines(units, middle, advance).length <= count) high = middle;
    else low = middle;
  }
  let best = fillLines(units, width, advance);
  let bestSpread = Number.POSITIVE_INFINITY;
  for (let step = 0; step <= 12; step += 1) {
    const lines = fillLines(units, high + ((width - high) * step) / 12, advance);
    if (lines.length !== count) continue;
    const widths = lines.map((line) => measure(line, advance));
    const spread = Math.max(...widths) - Math.min(...widths);
    if (spread < bestSpread - 1e-9) {
      best = lines;
      bestSpread = spread;
    }
  }
  return best;
}

/** Cuts a line so that it and an ellipsis fit in `width` em. */
function withEllipsis(line: string, width: number, advance: Advance): string {
  const chars = [...line];
  while (chars.length > 0 && measure(`${chars.join('').trimEnd()}…`, advance) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Lays a title out in lines, measured with the font's own advances (never by string length): lines
 * break between Chinese words (within one only when it is longer than a line), never before closing
 * or after opening punctuation; Latin words break at spaces. The largest size whose lines fit the box wins, with line lengths evened out; a
 * title too long even at the smallest size keeps `maxLines` lines, the last cut with an ellipsis.
 */
export function layoutTitle(text: string, advance: Advance, box: TitleBox): TitleLayout {
  const units = breakUnits(text);
  for (let fontSize = box.maxSize; fontSize >= box.minSize; fontSize -= 2) {
    const width = box.width / fontSize;
    const lines = fillLines(units, width, advance);
    const fitsHeight = lines.length * fontSize * box.lineHeight <= box.height;
    if (lines.length <= box.maxLines && fitsHeight) {
      if (lines.length < 2) return { fontSize, lines };
      return { fontSize, lines: balancedLines(units, width, lines.length, advance) };
    }
  }
  const fontSize = box.minSize;
  const width = box.width / fontSize;
  const lines = fillLines(units, width, advance);
  const maxLines = Math.max(1, Math.min(box.maxLines, Math.floor(box.height / (fontSize * box.lineHeight))));
  if (lines.length <= maxLines) return { fontSize, lines };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!, width, advance);
  return { fontSize, lines: kept };
}
