/** One line of a JSONL file: its text, or (past the limit) only its first bytes. */
export type JsonlLine = { text: string; tooLong: false } | { head: string; tooLong: true };

const headBytes = 512;
const newline = 0x0a;
const decoder = () => new TextDecoder('utf-8');

/**
 * The non-empty lines of a streamed JSONL body, one at a time, never holding more than one line.
 * A line longer than `maxLineBytes` is not kept: its first bytes are given (enough to find its
 * `custom_id`) and the rest is skipped up to the next line.
 */
export async function* readJsonlLines(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<JsonlLine> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  let head = '';
  const finishLine = (): JsonlLine | null => {
    if (skipping) {
      skipping = false;
      return { head, tooLong: true };
    }
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    size = 0;
    const text = decoder().decode(bytes).replace(/\r$/, '');
    return text.trim() === '' ? null : { text, tooLong: false };
  };
  const keep = (piece: Uint8Array) => {
    if (skipping || piece.length === 0) return;
    size += piece.length;
    parts.push(piece);
    if (size <= maxLineBytes) return;
    head = decoder().decode(Buffer.concat(parts).subarray(0, headBytes));
    parts = [];
    size = 0;
    skipping = true;
  };
  for await (const chunk of body) {
    let start = 0;
    for (let at = chunk.indexOf(newline); at !== -1; at = chunk.indexOf(newline, start)) {
      keep(chunk.subarray(start, at));
      const line = finishLine();
      if (line) yield line;
      start = at + 1;
    }
    keep(chunk.subarray(start));
  }
  if (skipping || size > 0) {
    const line = finishLine();
    if (line) yield line;
  }
}

/** The `custom_id` near the start of a line, when it can be read from its first bytes. */
export function customIdFromHead(head: string): string | null {
  return /"custom_id"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(head)?.[1] ?? null;
}
