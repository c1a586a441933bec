import { eastAsianWidth } from 'get-east-asian-width';

/*
 * string-width 8.3.0 (MIT © Sindre Sorus, https://github.com/sindresorhus/string-width), the same
 * logic, with one change: its Unicode property regexes and its segmenter are built on first use
 * instead of when the module loads. Building them (\p{RGI_Emoji} with the v flag above all, and the
 * ICU segmenter) took ~50 ms of every run, most of which never measures anything but plain text
 * (display-width.ts counts that itself). test/ui/display-width-fast-path.test.ts checks this copy
 * against the package, character by character and on random mixed text.
 */

interface Patterns {
  segmenter: Intl.Segmenter;
  visibleCharacter: RegExp;
  spacingMark: RegExp;
  rgiEmoji: RegExp;
  extendedPictographic: RegExp;
}

let built: Patterns | undefined;
const patterns = (): Patterns =>
  (built ??= {
    segmenter: new Intl.Segmenter(),
    // a visible (printing) character: a single negated class, as string-width explains (no backtracking)
    visibleCharacter: new RegExp(
      '[^\\p{Default_Ignorable_Code_Point}\\p{Control}\\p{Format}\\p{Nonspacing_Mark}\\p{Enclosing_Mark}\\p{Surrogate}]',
      'v',
    ),
    spacingMark: new RegExp('\\p{Spacing_Mark}', 'v'),
    rgiEmoji: new RegExp('^\\p{RGI_Emoji}$', 'v'),
    extendedPictographic: /\p{Extended_Pictographic}/gu,
  });

const unqualifiedKeycap = /^[\d#*]\u20E3$/;
type WidthOptions = { ambiguousAsWide: boolean };

function isDoubleWidthNonRgiEmojiSequence(segment: string): boolean {
  if (segment.length > 50) return false;
  if (unqualifiedKeycap.test(segment)) return true;
  if (segment.includes('\u200D')) {
    const pictographics = segment.match(patterns().extendedPictographic);
    return pictographics !== null && pictographics.length >= 2;
  }
  return false;
}

function baseVisible(segment: string): string | undefined {
  const index = segment.search(patterns().visibleCharacter);
  return index === -1 ? undefined : segment.slice(index);
}

const isHangulLeadingJamo = (codePoint: number | undefined) =>
  codePoint !== undefined && ((codePoint >= 0x1100 && codePoint <= 0x115f) || (codePoint >= 0xa960 && codePoint <= 0xa97c));
const isHangulVowelJamo = (codePoint: number | undefined) =>
  codePoint !== undefined && ((codePoint >= 0x1160 && codePoint <= 0x11a7) || (codePoint >= 0xd7b0 && codePoint <= 0xd7c6));
const isHangulTrailingJamo = (codePoint: number | undefined) =>
  codePoint !== undefined && ((codePoint >= 0x11a8 && codePoint <= 0x11ff) || (codePoint >= 0xd7cb && codePoint <= 0xd7fb));
const isHangulJamo = (codePoint: number) =>
  isHangulLeadingJamo(codePoint) || isHangulVowelJamo(codePoint) || isHangulTrailingJamo(codePoint);

function hangulClusterWidth(visibleSegment: string, options: WidthOptions): number | undefined {
  const codePoints: number[] = [];
  for (const character of visibleSegment) {
    if (!patterns().visibleCharacter.test(character)) continue;
    codePoints.push(character.codePointAt(0) as number);
  }
  if (codePoints.length === 0) return undefined;
  let width = 0;
  for (let index = 0; index < codePoints.length; index++) {
    const codePoint = codePoints[index] as number;
    if (!isHangulJamo(codePoint)) {
      if (width === 0) return undefined;
      for (let remaining = index; remaining < codePoints.length; remaining++)
        width += eastAsianWidth(codePoints[remaining] as number, options);
      return width;
    }
    if (isHangulLeadingJamo(codePoint) && isHangulVowelJamo(codePoints[index + 1])) {
      width += 2;
      index += isHangulTrailingJamo(codePoints[index + 2]) ? 2 : 1;
      continue;
    }
    width += eastAsianWidth(codePoint, options);
  }
  return width;
}

function trailingWidth(visibleSegment: string, options: WidthOptions): number {
  let extra = 0;
  let first = true;
  for (const character of visibleSegment) {
    if (first) {
      first = false;
      continue;
    }
    if (patterns().spacingMark.test(character) || (character >= '\uFF00' && character <= '\uFFEF'))
      extra += eastAsianWidth(character.codePointAt(0) as number, options);
  }
  return extra;
}

/** Columns of text without ANSI codes (the caller strips them), ambiguous characters narrow: string-width's result. */
export function measureStringWidth(text: string): number {
  if (text.length === 0) return 0;
  if (/^[\u0020-\u007E]*$/.test(text)) return text.length;
  const options: WidthOptions = { ambiguousAsWide: false };
  const { segmenter, rgiEmoji } = patterns();
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    const visibleSegment = baseVisible(segment);
    if (visibleSegment === undefined) continue;
    if (rgiEmoji.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {
      width += 2;
      continue;
    }
    const hangulWidth = hangulClusterWidth(visibleSegment, options);
    if (hangulWidth !== undefined) {
      width += hangulWidth;
      continue;
    }
    width += eastAsianWidth(visibleSegment.codePointAt(0) as number, options);
    width += trailingWidth(visibleSegment, options);
  }
  return width;
}
