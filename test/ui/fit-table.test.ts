import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth, truncateStartToWidth, truncateToWidth } from '../../src/ui/display-width.js';
import { fitTable, fitTableWithInfo, terminalWidth, type TableColumn } from '../../src/ui/fit-table.js';

const columns: TableColumn[] = [
  { header: 'Model' },
  { header: 'Status', dropOrder: 5 },
  { header: 'Title / first line', minWidth: 20 },
  { header: 'In', align: 'right', dropOrder: 1 },
  { header: 'Out', align: 'right', dropOrder: 2 },
  { header: 'Latency', align: 'right', dropOrder: 4 },
  { header: 'Cost', align: 'right', dropOrder: 3 },
  { header: 'File', minWidth: 12, truncate: 'start', dropOrder: 0 },
];

const titles = [
  '🚀 火箭发射：秋天的第一杯奶茶为什么让人上头，一篇写给打工人的长文',
  '秋天的第一杯奶茶：从一句网络流行语看当代年轻人的情绪消费',
  '秋天的第一杯奶茶：品牌营销如何抓住季节感 👩‍👩‍👧 café',
];
const rows = titles.map((title, index) => [
  `openai:gpt-${index}`,
  '\u001b[32mok\u001b[39m',
  title,
  '1,234',
  '5,678',
  '12.3 s',
  '$0.0123',
  `output/20261202-130500_秋天的第一杯奶茶_openai-gpt-${index}.md`,
]);

const lineWidths = (text: string) => text.split('\n').map((line) => stringWidth(line));

describe('fitTable', () => {
  it.each([80, 160, 60, 40])('keeps every line within %i columns with CJK and emoji titles', (width) => {
    const table = fitTable(columns, [{ span: '秋天的第一杯奶茶 — a very long group heading '.repeat(5) }, ...rows], width);
    expect(Math.max(...lineWidths(table))).toBeLessThanOrEqual(width);
    // every line of the table has the same width: borders line up
    expect(new Set(lineWidths(table)).size).toBe(1);
  });

  it('gives way by dropOrder and keeps the title long enough to tell drafts apart at 80 columns', () => {
    const { text, dropped } = fitTableWithInfo(columns, rows, 80);
    expect(dropped[0]).toBe('File');
    expect(text).toContain('秋天的第一杯奶茶：从一');
    expect(text).toContain('秋天的第一杯奶茶：品牌');
  });

  it('shows everything at 160 columns when it fits, paths keeping their end', () => {
    const text = fitTable(columns, rows, 160);
    expect(text).toContain('Latency');
    expect(text).toContain('openai-gpt-1.md');
    expect(text).toContain('秋天的第一杯奶茶：从一句网络流行语');
  });

  it('aligns numbers right and styles headers without counting ANSI codes', () => {
    const text = fitTable(
      [{ header: 'N', align: 'right' }, { header: 'Name' }],
      [
        ['1', 'a'],
        ['100', 'bb'],
      ],
      80,
      {
        styleHeader: (header) => `\u001b[1m${header}\u001b[22m`,
      },
    );
    expect(text.split('\n')).toEqual([
      '┌─────┬──────┐',
      '│   \u001b[1mN\u001b[22m │ \u001b[1mName\u001b[22m │',
      '├─────┼──────┤',
      '│   1 │ a    │',
      '│ 100 │ bb   │',
      '└─────┴──────┘',
    ]);
  });

  it('never exceeds the width even when nothing can be dropped', () => {
    const fixed: TableColumn[] = [{ header: 'Alpha' }, { header: 'Beta' }, { header: 'Gamma' }];
    const text = fitTable(fixed, [['中文中文中文中文', 'bbbbbbbbbbbb', 'cccccccccccccc']], 24);
    expect(Math.max(...lineWidths(text))).toBeLessThanOrEqual(24);
  });
});

describe('terminalWidth', () => {
  it('reads COLUMNS, then the output, then 80', () => {
    expect(terminalWidth({ write: () => true, columns: 120 }, { COLUMNS: '100' })).toBe(100);
    expect(terminalWidth({ write: () => true, columns: 120 }, { COLUMNS: 'wide' })).toBe(120);
    expect(terminalWidth({ write: () => true, columns: 120 }, { COLUMNS: '0' })).toBe(120);
    expect(terminalWidth({ write: () => true }, {})).toBe(80);
  });
});

describe('display width (string-width)', () => {
  it('measures emoji, CJK, combining marks and colour codes', () => {
    expect(displayWidth('🚀 火箭')).toBe(7);
    expect(displayWidth('cafe\u0301')).toBe(4);
    expect(displayWidth('\u001b[31m红\u001b[39m')).toBe(2);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
  });

  it('cuts by columns without splitting emoji or combining marks', () => {
    expect(truncateToWidth('🚀🚀🚀', 4)).toBe('🚀…');
    expect(truncateToWidth('cafe\u0301 au lait', 5)).toBe('cafe\u0301…');
    expect(truncateStartToWidth('output/长文件名.md', 10)).toBe('…文件名.md');
    expect(stringWidth(truncateToWidth('\u001b[31m红色的字\u001b[39m', 5))).toBeLessThanOrEqual(5);
  });
});
