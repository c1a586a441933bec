/** Whether a code point takes two terminal columns (CJK, Hangul, full-width forms, wide emoji). */
export function isWideCodePoint(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Terminal columns a string (without ANSI codes) takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += isWideCodePoint(character.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** Cuts a string to at most `maxWidth` columns, ending with `…` when cut. */
export function truncateToWidth(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  let result = '';
  let width = 0;
  for (const character of text) {
    const characterWidth = isWideCodePoint(character.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + characterWidth > maxWidth - 1) break;
    result += character;
    width += characterWidth;
  }
  return `${result}…`;
}

/** Cuts a string to at most `maxWidth` columns keeping its end (for paths), starting with `…` when cut. */
export function truncateStartToWidth(text: string, maxWidth: number): string {
  if (displayWidth(text) <= maxWidth) return text;
  const reversed = truncateToWidth(Array.from(text).reverse().join(''), maxWidth);
  return `…${Array.from(reversed.slice(0, -1)).reverse().join('')}`;
}
