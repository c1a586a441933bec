/** How long a draft is, counted the way Chinese writers count it. */
export interface WritingCount {
  /** 字数: each CJK character or full-width punctuation mark, plus each word of other scripts. */
  chars: number;
  /** Minutes to read it at 400 CJK characters and 230 other words a minute, rounded up (0 when empty). */
  readingMinutes: number;
}

/** The longest title, in characters, that the WeChat Official Account editor accepts. */
export const wechatTitleLimit = 64;

/** CJK ideographs, kana, Hangul syllables, and CJK / full-width punctuation: one 字 each. */
const cjkCharacter =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7]/gu;
/** A word of another script: letters or digits, joined by apostrophes, dots or hyphens inside it. */
const otherWord = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

/** The text a reader sees: Markdown and HTML syntax, link targets and image sources left out. */
export function readableText(markdown: string): string {
  return markdown
    .replace(/^\s*(```|~~~).*$/gm, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
    .replace(/<(https?:\/\/[^>]+)>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/^\s*([-*_]\s*){3,}$/gm, ' ')
    .replace(/^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/gm, ' ')
    .replace(/[*_~`|#>]/g, ' ');
}

/** Counts a draft's 字数 and reading time; Markdown syntax is not counted. */
export function countWriting(markdown: string): WritingCount {
  const text = readableText(markdown);
  const cjk = text.match(cjkCharacter)?.length ?? 0;
  const words = text.replace(cjkCharacter, ' ').match(otherWord)?.length ?? 0;
  const chars = cjk + words;
  const readingMinutes = chars === 0 ? 0 : Math.max(1, Math.ceil(cjk / 400 + words / 230));
  return { chars, readingMinutes };
}

/** The title's length in characters (code points, as the WeChat editor counts them). */
export function titleLength(title: string): number {
  return [...title.trim()].length;
}
