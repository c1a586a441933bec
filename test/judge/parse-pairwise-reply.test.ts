import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { normalizeWinner, parsePairwiseReply } from '../../src/judge/parse-pairwise-reply.js';

describe('parsePairwiseReply', () => {
  it('reads the strict JSON', () => {
    expect(parsePairwiseReply('{"winner":"A","reason":"开头更抓人"}')).toEqual({ ok: true, winner: 'A', reason: '开头更抓人' });
    expect(parsePairwiseReply('{"winner": "tie", "reason": "难分高下"}')).toMatchObject({ ok: true, winner: 'tie' });
  });

  it('finds it in a fence or amid Chinese prose, repairs full-width punctuation, skips <think>', () => {
    expect(parsePairwiseReply('我的判断：\n```json\n{"winner": "B", "reason": "结构清楚"}\n```\n以上。')).toMatchObject({
      ok: true,
      winner: 'B',
    });
    expect(parsePairwiseReply('综合来看，结论是 {"winner": "稿件 B", "reason": "更适合手机"} 。')).toMatchObject({ ok: true, winner: 'B' });
    expect(parsePairwiseReply('｛“winner”：“A”，“reason”：“标题更具体，开头直接”｝')).toEqual({
      ok: true,
      winner: 'A',
      reason: '标题更具体，开头直接',
    });
    expect(parsePairwiseReply('<think>{"winner": "A"}</think>{"winner": "b"}')).toMatchObject({ ok: true, winner: 'B' });
    expect(parsePairwiseReply('{"winner": "平局"}')).toEqual({ ok: true, winner: 'tie', reason: '' });
  });

  it('anything else is unusable, with a message and never a guess', () => {
    const prose = parsePairwiseReply('两篇都不错，稿件 A 略好。');
    expect(prose).toEqual({ ok: false, message: "the judge's reply holds no JSON choice (it began: «两篇都不错，稿件 A 略好。»)" });
    expect(parsePairwiseReply('')).toMatchObject({ ok: false, message: expect.stringContaining('the reply was empty') });
    expect(parsePairwiseReply('{"winner": "C"}')).toEqual({ ok: false, message: 'the winner must be "A", "B" or "tie" (got "C")' });
    expect(parsePairwiseReply('{"winner": 1}')).toMatchObject({ ok: false });
    expect(parsePairwiseReply('{"winner": "A"')).toMatchObject({ ok: false });
    expect(runInLanguage('zh-CN', () => parsePairwiseReply('{"winner": "C"}'))).toEqual({
      ok: false,
      message: 'winner 必须是 "A"、"B" 或 "tie"（实际是 "C"）',
    });
  });

  it('normalizes winners', () => {
    expect(['A', 'a', 'Draft A', '稿件A', '(A)'].map(normalizeWinner)).toEqual(['A', 'A', 'A', 'A', 'A']);
    expect(['tie', 'Draw', '平手', '不分上下'].map(normalizeWinner)).toEqual(['tie', 'tie', 'tie', 'tie']);
    expect([null, 3, 'AB', ''].map(normalizeWinner)).toEqual([null, null, null, null]);
  });
});
