import { describe, expect, it } from 'vitest';
import { customIdFromHead, readJsonlLines, type JsonlLine } from '../../src/batch-api/read-jsonl-lines.js';

const bytes = (text: string) => new TextEncoder().encode(text);
async function* pieces(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield typeof part === 'string' ? bytes(part) : part;
}
const all = async (source: AsyncIterable<Uint8Array>, limit = 1024) => {
  const lines: JsonlLine[] = [];
  for await (const line of readJsonlLines(source, limit)) lines.push(line);
  return lines;
};

describe('readJsonlLines', () => {
  it('splits lines across chunk boundaries, drops blank lines and CRLF endings, keeps a last line without newline', async () => {
    expect(await all(pieces('{"a":1}\r\n{"b"', ':2}\n\n  \n{"c":', '3}'))).toEqual([
      { text: '{"a":1}', tooLong: false },
      { text: '{"b":2}', tooLong: false },
      { text: '{"c":3}', tooLong: false },
    ]);
  });

  it('decodes a multi-byte character split across chunks', async () => {
    const encoded = bytes('{"t":"世界"}\n');
    expect(await all(pieces(encoded.subarray(0, 8), encoded.subarray(8)))).toEqual([{ text: '{"t":"世界"}', tooLong: false }]);
  });

  it('gives only the head of a line over the limit and goes on with the next line', async () => {
    const long = `{"custom_id":"cell-7","pad":"${'x'.repeat(5000)}"}`;
    const lines = await all(pieces('{"ok":1}\n', long.slice(0, 3000), long.slice(3000), '\n{"ok":2}\n'), 1024);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ tooLong: true });
    expect(lines[1]?.tooLong && customIdFromHead(lines[1].head)).toBe('cell-7');
    expect(lines[2]).toEqual({ text: '{"ok":2}', tooLong: false });
  });

  it('reads no custom id from a head without one', () => {
    expect(customIdFromHead('{"id":"batch_req_1","pad":"xxxx')).toBeNull();
  });
});
