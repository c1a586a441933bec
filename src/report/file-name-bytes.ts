/** The longest file name Linux, macOS and Windows file systems take, in bytes of UTF-8. */
export const maxFileNameBytes = 255;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Cuts `text` to at most `maxBytes` bytes of UTF-8, on a character boundary (never inside a
 * multi-byte character, a surrogate pair or a grapheme such as an emoji sequence), dropping a
 * trailing `-` or `.` the cut leaves.
 */
export function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let cut = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Bytes(segment);
    if (bytes + size > maxBytes) break;
    cut += segment;
    bytes += size;
  }
  return cut.replace(/[-.]+$/g, '');
}
