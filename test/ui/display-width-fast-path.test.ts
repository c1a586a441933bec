import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/display-width.js';
import { measureStringWidth } from '../../src/ui/measure-string-width.js';

/** Every character of the ranges the fast path takes, and their neighbours just outside them. */
const edges = [
  0x1f, 0x20, 0x7e, 0x7f, 0xa0, 0xac, 0xad, 0xae, 0x2ff, 0x300, 0x200b, 0x200f, 0x2010, 0x2027, 0x2028, 0x2030, 0x205e, 0x2060, 0x2190,
  0x21ff, 0x2500, 0x259f, 0x25a0, 0x25fd, 0x2713, 0x2714, 0x2717, 0x26a0, 0x2e80, 0x3000, 0x3029, 0x302a, 0x302f, 0x3030, 0x303e, 0x303f,
  0x3041, 0x3098, 0x3099, 0x309a, 0x309b, 0x30ff, 0x3100, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf, 0xac00, 0xd7a3, 0xf900,
  0xfaff, 0xfe0f, 0xfe30, 0xfe4f, 0xff01, 0xff60, 0xff61, 0xffe0, 0xffe6,
];

const fastRanges = [
  [0x20, 0x7e],
  [0xa0, 0x2ff],
  [0x2010, 0x205e],
  [0x2190, 0x21ff],
  [0x2500, 0x259f],
  [0x2713, 0x2717],
  [0x3000, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
];

describe('displayWidth', () => {
  it('counts every character of the ranges it measures itself as string-width does', () => {
    const different: string[] = [];
    for (const [first, last] of fastRanges)
      for (let code = first as number; code <= (last as number); code += 1) {
        const character = String.fromCodePoint(code);
        if (displayWidth(character) !== stringWidth(character)) different.push(code.toString(16));
      }
    expect(different).toEqual([]);
  });

  it('measures every character of the BMP and of the emoji planes as string-width 8.3 does (its logic, built lazily)', () => {
    const different: string[] = [];
    const check = (code: number) => {
      if (code >= 0xd800 && code <= 0xdfff) return;
      const character = String.fromCodePoint(code);
      if (measureStringWidth(character) !== stringWidth(character)) different.push(code.toString(16));
    };
    for (let code = 0; code <= 0xffff; code += 1) check(code);
    for (let code = 0x1f000; code <= 0x1faff; code += 1) check(code);
    expect(different).toEqual([]);
  });

  it('counts exactly as string-width, on every edge of the ranges it counts itself and on mixed text', () => {
    for (const code of edges)
      expect(displayWidth(String.fromCodePoint(code)), `U+${code.toString(16)}`).toBe(stringWidth(String.fromCodePoint(code)));
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647), seed / 2147483647);
    const pool = [
      ...'秋天的第一杯奶茶：我的三点思考，abc XYZ-123…×·│─┌✓✗ーァ한국어（）「」、。！？ー＠',
      '🚀',
      'é',
      '\u0301',
      '\u200b',
      '\u00ad',
      '\u3099',
    ];
    for (let round = 0; round < 4000; round += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pool[Math.floor(random() * pool.length)]).join('');
      expect(displayWidth(text), JSON.stringify(text)).toBe(stringWidth(text));
      expect(displayWidth(`\u001b[32m${text}\u001b[39m`)).toBe(stringWidth(text));
    }
  });
});
