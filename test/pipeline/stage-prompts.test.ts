import { describe, expect, it } from 'vitest';
import { readRequestKind } from '../../src/pipeline/request-marker.js';
import { buildStagePrompt, parseReviewScore, readStagePrompt } from '../../src/pipeline/stage-prompts.js';

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

describe('the stage marker and reading a stage prompt back', () => {
  const outputs = { planner: '## 大纲\n\n1. 提纲', writer: '# 初稿\n\n## 小标题\n\n正文', reviewer: '## 审稿意见\n\n太长。\n\n评分：6/10' };
  const brief = '# 我的写作要求\n\n## 大纲\n\n用户自己的大纲也可以在这里。';

  it('marks each stage request on its first line, machine-readable', () => {
    for (const stage of ['planner', 'writer', 'reviewer', 'revise'] as const) {
      const prompt = buildStagePrompt(stage, 'BRIEF', outputs);
      expect(prompt.split('\n')[0]).toBe(`<!-- wechat-writer:${stage} -->`);
      expect(readRequestKind(prompt)).toBe(stage);
    }
    expect(readRequestKind('请围绕选题「周末咖啡」写一篇微信公众号文章。')).toBeNull();
    expect(readRequestKind('<!-- wechat-writer:unknown -->\nx')).toBeNull();
  });

  it('reads back the brief and the earlier outputs exactly, even when the brief holds the prompt’s headings and a text opens with its own', () => {
    expect(readStagePrompt(buildStagePrompt('planner', brief, {}))).toEqual({ stage: 'planner', brief, outputs: {} });
    expect(readStagePrompt(buildStagePrompt('writer', brief, {}))).toEqual({ stage: 'writer', brief, outputs: {} });
    expect(readStagePrompt(buildStagePrompt('writer', brief, outputs))).toEqual({
      stage: 'writer',
      brief,
      outputs: { planner: outputs.planner },
    });
    expect(readStagePrompt(buildStagePrompt('reviewer', brief, outputs))).toEqual({
      stage: 'reviewer',
      brief,
      outputs: { writer: outputs.writer },
    });
    expect(readStagePrompt(buildStagePrompt('revise', brief, outputs))).toEqual({
      stage: 'revise',
      brief,
      outputs: { writer: outputs.writer, reviewer: outputs.reviewer },
    });
  });

  it('reads nothing from a prompt that is not a stage request', () => {
    expect(readStagePrompt('## 写作要求\n\nx\n\n请为这篇文章列出大纲。')).toBeNull();
    expect(readStagePrompt('<!-- wechat-writer:planner -->\nsomething else')).toBeNull();
    expect(readStagePrompt('<!-- wechat-writer:judge -->\n## 写作要求\n\nx')).toBeNull();
  });
});
