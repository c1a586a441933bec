import { describe, expect, it } from 'vitest';
import { drawableText, layoutTitle, type Advance, type TitleBox } from '../../src/wechat/cover/layout-title.js';
import { loadCoverFont } from '../../src/wechat/cover/load-cover-font.js';

/** A fake font: CJK and full-width punctuation 1 em, everything else 0.5 em, emoji not drawn. */
const fakeAdvance: Advance = (codePoint) => {
  if (codePoint > 0xffff) return undefined;
  return codePoint >= 0x2e80 ? 1 : 0.5;
};

const box: TitleBox = { width: 600, height: 260, maxLines: 3, maxSize: 60, minSize: 40, lineHeight: 1.3 };

function width(line: string, advance: Advance): number {
  return [...line].reduce((sum, char) => sum + (advance(char.codePointAt(0)!) ?? 0), 0);
}

describe('layoutTitle', () => {
  it('keeps a short title on one line at the largest size', () => {
    expect(layoutTitle('写作的秘密', fakeAdvance, box)).toEqual({ fontSize: 60, lines: ['写作的秘密'] });
  });

  it('breaks CJK per measured character, within the width, never before closing punctuation', () => {
    const title = '当大模型开始替我们写作，一位编辑的十年观察、焦虑与和解，以及我们该如何理解原创';
    const layout = layoutTitle(title, fakeAdvance, box);
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines.length).toBeLessThanOrEqual(3);
    expect(layout.lines.join('')).toBe(title);
    for (const line of layout.lines) {
      expect(width(line, fakeAdvance) * layout.fontSize).toBeLessThanOrEqual(box.width);
      expect(line[0]).not.toMatch(/[，。、]/);
    }
  });

  it('breaks between Chinese words, not inside them, and never after opening punctuation', () => {
    const layout = layoutTitle('《深度工作》读后感：在碎片化时代，如何找回“专注”的能力', fakeAdvance, box);
    expect(layout.lines.length).toBeGreaterThan(1);
    for (const line of layout.lines) {
      expect(line).not.toMatch(/^[，。：”》]|[《“]$/);
      expect(line.endsWith('找')).toBe(false);
    }
  });

  it('keeps Latin words whole and breaks them at spaces', () => {
    const layout = layoutTitle('Which large language model writes the best Chinese article', fakeAdvance, box);
    const words = layout.lines.flatMap((line) => line.split(' '));
    expect(words).toEqual('Which large language model writes the best Chinese article'.split(' '));
  });

  it('evens out the lines instead of leaving one character alone', () => {
    const layout = layoutTitle('一二三四五六七八九十一二三四五六七八九十一', fakeAdvance, { ...box, maxSize: 40 });
    expect(layout.lines).toHaveLength(2);
    const lengths = layout.lines.map((line) => [...line].length);
    expect(Math.abs(lengths[0]! - lengths[1]!)).toBeLessThanOrEqual(1);
  });

  it('cuts a title too long for three lines with an ellipsis', () => {
    const layout = layoutTitle('长'.repeat(200), fakeAdvance, box);
    expect(layout.fontSize).toBe(box.minSize);
    expect(layout.lines).toHaveLength(3);
    expect(layout.lines[2]!.endsWith('…')).toBe(true);
    for (const line of layout.lines) expect(width(line, fakeAdvance) * layout.fontSize).toBeLessThanOrEqual(box.width);
  });

  it('drops what the font cannot draw and collapses whitespace', () => {
    expect(drawableText('  🚀 发布\n\t新版 😀 ', fakeAdvance)).toBe('发布 新版');
  });

  it('measures with the real font: Latin narrower than CJK, every line within the width', async () => {
    const title = 'GPT-5 与 Claude 谁更会写中文？一场持续三十天的公众号写作实验与复盘总结';
    const font = await loadCoverFont('bold', title);
    expect(font.advance('中'.codePointAt(0)!)).toBeCloseTo(1, 2);
    expect(font.advance('i'.codePointAt(0)!)!).toBeLessThan(0.5);
    const layout = layoutTitle(title, font.advance, box);
    expect(layout.lines.join('').replace(/ /g, '')).toBe(title.replace(/ /g, ''));
    for (const line of layout.lines) expect(width(line, font.advance) * layout.fontSize).toBeLessThanOrEqual(box.width);
  });
});
