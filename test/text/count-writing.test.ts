import { describe, expect, it } from 'vitest';
import { countWriting, readableText, titleLength } from '../../src/text/count-writing.js';

describe('countWriting', () => {
  it('counts each Chinese character and full-width punctuation mark once', () => {
    expect(countWriting('秋天的第一杯奶茶，你喝了吗？').chars).toBe(14);
  });

  it('counts words of other scripts as one each, numbers included', () => {
    expect(countWriting('用 ChatGPT 写 3 篇 WeChat 文章').chars).toBe(5 + 3);
    expect(countWriting("it's a well-known fact").chars).toBe(4);
  });

  it('leaves Markdown syntax, link targets and images out', () => {
    const markdown = [
      '# 标题',
      '',
      '> 引用**加粗**',
      '',
      '- 一项',
      '1. 二项',
      '',
      '[链接](https://example.com/long/path)',
      '![配图](https://example.com/a.png)',
      '',
      '| 列 | 行 |',
      '| --- | --- |',
      '',
      '---',
    ].join('\n');
    expect(readableText(markdown)).not.toMatch(/https|example|#|\*|---/);
    expect(countWriting(markdown).chars).toBe(2 + 4 + 2 + 2 + 2 + 2);
  });

  it('gives a reading time in whole minutes, at least one for any text, none for nothing', () => {
    expect(countWriting('').readingMinutes).toBe(0);
    expect(countWriting('短').readingMinutes).toBe(1);
    expect(countWriting('字'.repeat(1200)).readingMinutes).toBe(3);
    expect(countWriting('字'.repeat(1201)).readingMinutes).toBe(4);
  });

  it('measures titles in characters, so emoji count once', () => {
    expect(titleLength('🚀 火箭')).toBe(4);
  });
});
