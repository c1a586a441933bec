import { describe, expect, it } from 'vitest';
import { createThinkTagSplitter } from '../../src/providers/wire-formats/openai/split-think-tags.js';

function splitAll(pieces: string[]) {
  const splitter = createThinkTagSplitter();
  let text = '';
  let reasoning = '';
  for (const piece of [...pieces.map((part) => splitter.push(part)), splitter.finish()]) {
    text += piece.text;
    reasoning += piece.reasoning;
  }
  return { text, reasoning };
}

describe('think-tag splitter', () => {
  it('separates a leading <think> block, however the stream splits the tags', () => {
    const whole = '<think>先想一想：读者是谁？</think>\n\n# 标题\n正文';
    const expected = { text: '# 标题\n正文', reasoning: '先想一想：读者是谁？' };
    expect(splitAll([whole])).toEqual(expected);
    expect(splitAll(Array.from(whole))).toEqual(expected);
    expect(splitAll(['<th', 'ink>先想', '一想：读者是谁？</th', 'ink>', '\n', '\n# 标题', '\n正文'])).toEqual(expected);
    expect(splitAll(['\n<think>', 'x', '</think>', 'answer'])).toEqual({ text: 'answer', reasoning: 'x' });
  });

  it('passes content without a leading tag through untouched', () => {
    expect(splitAll(['<', 'b>bold</b>'])).toEqual({ text: '<b>bold</b>', reasoning: '' });
    expect(splitAll(['正文里提到 <think> 标签'])).toEqual({ text: '正文里提到 <think> 标签', reasoning: '' });
    expect(splitAll(['<thi'])).toEqual({ text: '<thi', reasoning: '' });
  });

  it('treats an unclosed block as reasoning only (the model ran out of tokens while thinking)', () => {
    expect(splitAll(['<think>还在想', '……'])).toEqual({ text: '', reasoning: '还在想……' });
  });
});
