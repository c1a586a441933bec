import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/ui/display-width.js';
import { clampOffset, labelsOnPage, layoutDuel, pageHeight, renderDuelPage, sideBySideMinColumns } from '../../src/ui/duel-view.js';
import { wrapToWidth } from '../../src/ui/wrap-to-width.js';

const chinese = '周末的咖啡馆总是坐满了人，有人带着电脑加班，有人只是发呆。一杯手冲咖啡，十五分钟的等待，换来的是难得的安静。';
const english = 'A weekend coffee is a small ritual: the grinder, the kettle, fifteen quiet minutes before the day begins.';
const article = (title: string) =>
  [`# ${title}`, '', chinese, '', english, '', `- 要点：${chinese.slice(0, 20)}`, '\t缩进的一行'].join('\n');

describe('wrapping a draft to the terminal', () => {
  it('breaks Chinese between any two characters and English at spaces, every line within the width', () => {
    for (const width of [10, 17, 38, 48, 80]) {
      const lines = wrapToWidth(`${chinese}\n${english}`, width);
      for (const line of lines) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/\s/g, '')).toBe(`${chinese}${english}`.replace(/\s/g, ''));
    }
    const chineseLines = wrapToWidth(chinese, 20);
    // full lines of CJK: 10 characters of 2 columns each, the punctuation kept with the character before it
    expect(chineseLines.slice(0, -1).every((line) => displayWidth(line) >= 18)).toBe(true);
    expect(chineseLines.some((line) => /^[，。]/.test(line))).toBe(false);
    const englishLines = wrapToWidth(english, 30);
    expect(englishLines).toEqual([
      'A weekend coffee is a small',
      'ritual: the grinder, the',
      'kettle, fifteen quiet minutes',
      'before the day begins.',
    ]);
  });

  it('keeps paragraphs and blank lines, cuts a word longer than a line, and turns tabs into spaces', () => {
    expect(wrapToWidth('a\n\nb', 10)).toEqual(['a', '', 'b']);
    expect(wrapToWidth('https://example.com/a/very/long/path', 10).every((line) => displayWidth(line) <= 10)).toBe(true);
    expect(wrapToWidth('\tx', 10)).toEqual(['    x']);
  });
});

describe('laying out a duel', () => {
  const texts = { labelA: '稿件 A', labelB: '稿件 B', textA: article('周末咖啡：写给忙碌的你'), textB: article('一杯咖啡的十五分钟') };

  it('puts the drafts side by side from 100 columns on, each line within the width', () => {
    for (const width of [sideBySideMinColumns, 120, 160]) {
      const layout = layoutDuel(texts, width);
      expect(layout.mode).toBe('columns');
      expect(layout.heading[0]).toMatch(/^稿件 A\s+│ 稿件 B$/);
      for (const line of [...layout.heading, ...layout.body]) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      // the gutter sits in the same column on every line that has a right-hand side
      const gutter = Math.floor((width - 3) / 2);
      for (const line of layout.body.filter((entry) => entry.includes('│'))) {
        expect(displayWidth(line.slice(0, line.indexOf('│'))), line).toBe(gutter + 1);
      }
      expect(layout.body.join('\n')).toContain('周末咖啡：写给忙碌的你');
      expect(layout.body.join('\n')).toContain('一杯咖啡的十五分钟');
    }
  });

  it('puts them one after the other below 100 columns, each line within the width', () => {
    for (const width of [40, 80, sideBySideMinColumns - 1]) {
      const layout = layoutDuel(texts, width);
      expect(layout.mode).toBe('stacked');
      expect(layout.heading).toEqual([]);
      for (const line of layout.body) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      const labelA = layout.body.findIndex((line) => line.startsWith('── 稿件 A ─'));
      const labelB = layout.body.findIndex((line) => line.startsWith('── 稿件 B ─'));
      expect(labelA).toBe(0);
      expect(labelB).toBeGreaterThan(labelA + 5);
      expect(displayWidth(layout.body[labelB]!)).toBe(width);
      // which drafts a page shows, for the footer
      expect(labelsOnPage(layout, 0, 3)).toEqual(['稿件 A']);
      expect(labelsOnPage(layout, labelB - 2, 3)).toEqual(['稿件 A', '稿件 B']);
      expect(labelsOnPage(layout, labelB, 3)).toEqual(['稿件 B']);
    }
  });

  it('pages to the terminal height: every page is exactly the rows, the footer stays at the bottom', () => {
    const layout = layoutDuel(texts, 80);
    const rows = 12;
    const height = pageHeight(layout, rows, 4);
    expect(height).toBe(8);
    const pages: string[][] = [];
    for (let offset = 0; offset < layout.body.length; offset += height) {
      pages.push(
        renderDuelPage(layout, { header: ['head', ''], footer: ['foot 1', 'foot 2'], offset: clampOffset(layout, offset, height), height }),
      );
    }
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page).toHaveLength(rows);
      expect(page.slice(-2)).toEqual(['foot 1', 'foot 2']);
      for (const line of page) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    }
    // the last page is full: it ends at the last line rather than past it
    expect(clampOffset(layout, 10_000, height)).toBe(layout.body.length - height);
    expect(clampOffset(layout, -3, height)).toBe(0);
    expect(pages.at(-1)?.[rows - 3]).toBe(layout.body.at(-1));
  });
});
