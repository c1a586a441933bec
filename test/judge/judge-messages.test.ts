import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { judgeNote } from '../../src/judge/judge-note.js';
import { rubricLabel } from '../../src/judge/rubric-label.js';
import type { JudgeCall } from '../../src/judge/judge-score.js';
import { parseJudgeReply } from '../../src/judge/parse-judge-reply.js';
import { stageLabel } from '../../src/pipeline/stage-label.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { okResult } from '../support/model-result-fixture.js';

const call = (extra: Partial<JudgeCall> = {}): JudgeCall => ({
  model: 'mock:judge',
  servedBy: 'mock:backup',
  status: 'ok',
  labels: { A: 'mock:alpha' },
  usage: emptyUsage(),
  latencyMs: 2300,
  costUsd: 0.002,
  attempts: 1,
  requestId: null,
  error: null,
  ...extra,
});
const results = [okResult('mock:alpha', '# 标题\n\n正文', { costUsd: 0.01 })];
const failed = call({
  status: 'error',
  error: { type: 'BAD_RESPONSE', message: 'BAD_RESPONSE: x', retryable: false, status: null, requestId: null, retryAfterMs: null },
});
const badScore = JSON.stringify({
  drafts: [{ label: 'A', scores: { title: 11, opening: 8, structure: 8, readability: 8, factualCare: 8 } }],
});

describe('the judge and pipeline messages in both languages', () => {
  it('English stays word for word as it was', () => {
    expect(judgeNote(call(), results)).toBe(
      'Judged blind by mock:judge (via mock:backup) · 2.30 s · judge cost $0.00200 · total cost with the judge $0.0120',
    );
    expect(judgeNote(failed, results)).toBe('Judge mock:judge failed, no scores: BAD_RESPONSE: x');
    expect(judgeNote(call({ status: 'skipped' }), results)).toBe('Judge mock:judge: nothing to score (no model produced a draft)');
    expect(parseJudgeReply(badScore, ['A'])).toEqual({
      ok: false,
      message: "the judge's verdict is not usable: draft A: the title score must be an integer from 1 to 10 (got 11)",
    });
    expect(parseJudgeReply('', ['A'])).toEqual({ ok: false, message: "the judge's reply holds no JSON verdict (the reply was empty)" });
    expect(stageLabel('planner')).toBe('planner');
    expect(rubricLabel('factualCare')).toBe('factualCare');
  });

  it('zh-CN: notes, parse problems, stage and criterion names in Chinese; model ids, figures and codes as they are', () => {
    runInLanguage('zh-CN', () => {
      expect(judgeNote(call(), results)).toBe(
        '由 mock:judge 盲评（经由 mock:backup） · 耗时 2.30 s · 评审费用 $0.00200 · 含评审的总费用 $0.0120',
      );
      expect(judgeNote(failed, results)).toBe('评审模型 mock:judge 失败，没有评分：BAD_RESPONSE: x');
      expect(judgeNote(call({ status: 'skipped' }), results)).toBe('评审模型 mock:judge：没有可评分的稿件（没有模型写出稿件）');
      expect(parseJudgeReply(badScore, ['A'])).toEqual({
        ok: false,
        message: '评审结果无法使用：稿件 A：title 的评分必须是 1 到 10 的整数（实际是 11）',
      });
      const missing = parseJudgeReply(JSON.stringify({ drafts: [] }), ['A', 'B']);
      expect(missing).toEqual({ ok: false, message: '评审结果无法使用：没有稿件 A, B 的评审结果' });
      expect(parseJudgeReply('两篇都不错', ['A'])).toEqual({
        ok: false,
        message: '评审模型的回复里没有 JSON 格式的评审结果（回复开头是：«两篇都不错»）',
      });
      expect(['planner', 'writer', 'reviewer', 'revise'].map((stage) => stageLabel(stage as 'planner'))).toEqual([
        '提纲',
        '撰写',
        '审稿',
        '修改',
      ]);
      expect(rubricLabel('opening')).toBe('开头');
    });
  });
});
