import { describe, expect, it } from 'vitest';
import { cutToBytes } from '../../src/report/file-name-bytes.js';
import { outputFileName } from '../../src/report/write-output-file.js';

describe('cutToBytes', () => {
  it('cuts on a character boundary, never inside a multi-byte character or an emoji sequence', () => {
    expect(cutToBytes('abc', 10)).toBe('abc');
    expect(cutToBytes('奶茶奶茶', 7)).toBe('奶茶');
    expect(cutToBytes('a😀b', 4)).toBe('a');
    expect(cutToBytes('👩‍👩‍👧x', 10)).toBe('');
    expect(cutToBytes('ab-c', 3)).toBe('ab');
  });

  it('keeps every output file name within 255 bytes, with room for a copy suffix', () => {
    const date = new Date(2026, 0, 2, 3, 4, 5);
    for (const [slug, model] of [
      ['茶'.repeat(30), `openai:${'模'.repeat(60)}`],
      ['😀'.repeat(30), 'x'.repeat(300)],
      ['a', '模'.repeat(200)],
      ['茶'.repeat(200), 'mock:alpha'],
    ] as const) {
      const name = outputFileName(date, slug, model);
      expect(Buffer.byteLength(`${name.slice(0, -3)}-1000.md`, 'utf8')).toBeLessThanOrEqual(255);
      expect(name).toMatch(/^20260102-030405_.+_.+\.md$/);
    }
    expect(outputFileName(date, '咖啡店的-冬季新品', 'mock:alpha')).toBe('20260102-030405_咖啡店的-冬季新品_mock-alpha.md');
  });
});
