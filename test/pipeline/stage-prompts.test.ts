import { describe, expect, it } from 'vitest';
import { buildStagePrompt, parseReviewScore } from '../../src/pipeline/stage-prompts.js';

describe('buildStagePrompt', () => {
  it('gives each stage the brief and what it needs from the earlier stages', () => {
    const outputs = { planner: 'OUTLINE', writer: 'DRAFT', reviewer: 'REVIEW' };
    expect(buildStagePrompt('planner', 'BRIEF', {})).toContain('BRIEF');
    expect(buildStagePrompt('writer', 'BRIEF', outputs)).toMatch(/BRIEF[\s\S]*OUTLINE/);
    expect(buildStagePrompt('writer', 'BRIEF', {})).not.toContain('大纲\n');
    expect(buildStagePrompt('reviewer', 'BRIEF', outputs)).toMatch(/BRIEF[\s\S]*DRAFT/);
    expect(buildStagePrompt('reviewer', 'BRIEF', outputs)).not.toContain('OUTLINE');
    expect(buildStagePrompt('revise', 'BRIEF', outputs)).toMatch(/BRIEF[\s\S]*DRAFT[\s\S]*REVIEW/);
  });
});

describe('parseReviewScore', () => {
  it.each([
    ['……\n评分：8/10', 8],
    ['评分: 7.5 / 10', 7.5],
    ['**评分：** 9/10', 9],
    ['Score: 6/10', 6],
    ['初评 评分：4/10，修改后 评分：7/10', 7],
    ['得分 9 分/10', 9],
    ['写得不错', null],
    ['评分：11/10', null],
  ])('%j → %s', (review, score) => {
    expect(parseReviewScore(review)).toBe(score);
  });
});
