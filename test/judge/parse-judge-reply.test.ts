import { describe, expect, it } from 'vitest';
import { parseJudgeReply, repairJson } from '../../src/judge/parse-judge-reply.js';

const scores = (title: number, rest = 7) => ({ title, opening: rest, structure: rest, readability: rest, factualCare: rest });
const reasons = {
  title: '标题具体，有画面感。',
  opening: '开头直接。',
  structure: '层次清楚',
  readability: '段落短',
  factualCare: '无编造数据',
};
const verdict = (label: string, title = 8, rest = 7) => ({ label, scores: scores(title, rest), reasons });
const json = (...drafts: unknown[]) => JSON.stringify({ drafts });

describe('parseJudgeReply', () => {
  it('reads plain JSON: integer scores, their mean to one decimal, one-line reasons', () => {
    const parsed = parseJudgeReply(json(verdict('A', 9), verdict('B', 4, 5)), ['A', 'B']);
    expect(parsed).toEqual({
      ok: true,
      verdicts: {
        A: { score: 7.4, scores: scores(9), reasons },
        B: { score: 4.8, scores: scores(4, 5), reasons },
      },
    });
  });

  it('reads JSON in a ```json fence with prose around it, and after a <think> block', () => {
    const reply = `<think>先比较两篇 {"drafts": "not this"}</think>好的，以下是我的评分：\n\n\`\`\`json\n${JSON.stringify({ drafts: [verdict('B'), verdict('A', 10)] }, null, 2)}\n\`\`\`\n\n希望有帮助！`;
    const parsed = parseJudgeReply(reply, ['A', 'B']);
    expect(parsed.ok && parsed.verdicts.A?.scores.title).toBe(10);
    expect(parsed.ok && parsed.verdicts.B?.score).toBe(7.2);
  });

  it('finds a bare JSON object surrounded by prose, braces inside reasons included', () => {
    const withBraces = { ...verdict('A'), reasons: { ...reasons, structure: '用了 {小标题} 和 [列表]' } };
    const parsed = parseJudgeReply(`评分如下：${json(withBraces)}。以上。`, ['A']);
    expect(parsed.ok && parsed.verdicts.A?.reasons.structure).toBe('用了 {小标题} 和 [列表]');
  });

  it('accepts full-width punctuation, curly quotes, trailing commas and line breaks in strings; keeps Chinese punctuation in reasons', () => {
    const reply =
      '｛"drafts"：［｛"label"："稿件 A"，"scores"：｛"title"：8，"opening"：7，"structure"：7，"readability"：9，"factual_care"：6，｝，' +
      '“reasons”：｛“title”："好标题，有“钩子”。"，"opening"："第一行\n就抓人！"，｝｝］｝';
    const parsed = parseJudgeReply(reply, ['A']);
    expect(parsed).toMatchObject({
      ok: true,
      verdicts: {
        A: {
          score: 7.4,
          scores: { title: 8, opening: 7, structure: 7, readability: 9, factualCare: 6 },
          reasons: { title: '好标题，有“钩子”。', opening: '第一行 就抓人！', structure: '' },
        },
      },
    });
  });

  it('takes labels written as "Draft B" or "b", and numeric strings as scores', () => {
    const parsed = parseJudgeReply(json({ ...verdict('Draft B'), scores: { ...scores(8), title: '9' } }, { ...verdict('a') }), ['A', 'B']);
    expect(parsed.ok && [parsed.verdicts.A?.scores.title, parsed.verdicts.B?.scores.title]).toEqual([8, 9]);
  });

  it.each([
    ['a score above 10', ['A'], json(verdict('A', 11)), /draft A: the title score must be an integer from 1 to 10 \(got 11\)/],
    ['a score of 0', ['A'], json(verdict('A', 0)), /draft A: the title score must be an integer from 1 to 10 \(got 0\)/],
    ['a fractional score', ['A'], json(verdict('A', 7.5)), /the title score must be an integer from 1 to 10 \(got 7\.5\)/],
    ['a score in words', ['A'], json({ ...verdict('A'), scores: { ...scores(8), title: 'eight' } }), /the title score .*\(got "eight"\)/],
    [
      'a missing criterion',
      ['A'],
      json({ label: 'A', scores: { title: 7, opening: 7, structure: 7, readability: 7 }, reasons }),
      /the factualCare score must be an integer from 1 to 10 \(got nothing\)/,
    ],
    ['a missing draft', ['A', 'B'], json(verdict('A')), /no verdict for draft B/],
    [
      'a draft that was not shown',
      ['A', 'B'],
      json(verdict('A'), verdict('B'), verdict('C')),
      /a verdict for draft C, which was not shown/,
    ],
    ['the same draft twice', ['A', 'B'], json(verdict('A'), verdict('A'), verdict('B')), /two verdicts for draft A/],
  ])('rejects %s: an error, never a made-up score', (_name, labels, reply, message) => {
    const parsed = parseJudgeReply(reply, labels);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
    expect(!parsed.ok && parsed.message).toMatch(/^the judge's verdict is not usable: /);
  });

  it('says when there is no JSON at all, quoting the start of the reply', () => {
    const parsed = parseJudgeReply('稿件 A 写得更好，我给它 9 分。稿件 B 一般。', ['A', 'B']);
    expect(parsed).toEqual({
      ok: false,
      message: "the judge's reply holds no JSON verdict (it began: «稿件 A 写得更好，我给它 9 分。稿件 B 一般。»)",
    });
    expect(parseJudgeReply('   ', ['A'])).toEqual({ ok: false, message: "the judge's reply holds no JSON verdict (the reply was empty)" });
  });

  it('repairJson leaves valid JSON as it is', () => {
    const valid = JSON.stringify({ drafts: [verdict('A')], note: 'a, "quoted" ｛text｝：，' });
    expect(repairJson(valid)).toBe(valid);
  });
});
