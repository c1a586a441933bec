import { describe, expect, it } from 'vitest';
import { buildJudgePrompt } from '../../src/judge/build-judge-prompt.js';
import { rubricKeys } from '../../src/judge/judge-rubric.js';
import { seededRandom } from '../../src/judge/judge-random.js';
import { parseJudgeReply } from '../../src/judge/parse-judge-reply.js';
import { buildStagePrompt, parseReviewScore } from '../../src/pipeline/stage-prompts.js';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { assessDraft } from '../../src/providers/wire-formats/mock/mock-assess-draft.js';
import { createMockModel } from '../../src/providers/wire-formats/mock/mock-model.js';
import { buildMockArticle } from '../../src/providers/wire-formats/mock/mock-text.js';

const brief = '请围绕选题「周末咖啡」写一篇微信公众号文章。';
const request = (prompt: string, system = 'sys'): GenerateRequest => ({
  modelId: 'm',
  system,
  prompt,
  maxTokens: null,
  temperature: null,
  timeoutMs: 1000,
});
const reply = async (model: string, prompt: string) => (await createMockModel(model, {}).generate(request(prompt))).text;

/** Two drafts that differ in what the judge measures: a short flat one, a headed one with short paragraphs. */
const flat = `# 咖啡\n\n${'周末去咖啡馆坐一坐，点一杯手冲，看看书，发发呆，这样的时光很难得。'.repeat(5)}`;
const headed = buildMockArticle('alpha', brief);

describe('the mock answers the judge', () => {
  it('gives a verdict the judge parser reads: every label, every criterion, 1–10, a reason each', async () => {
    const judged = buildJudgePrompt(brief, [flat, headed], seededRandom(3));
    const text = await reply('judge', judged.prompt);
    const labels = judged.drafts.map((draft) => draft.label);
    const parsed = parseJudgeReply(text, labels);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.verdicts).sort()).toEqual(['A', 'B']);
    for (const verdict of Object.values(parsed.verdicts)) {
      for (const key of rubricKeys) {
        expect(Number.isInteger(verdict.scores[key])).toBe(true);
        expect(verdict.scores[key]).toBeGreaterThanOrEqual(1);
        expect(verdict.scores[key]).toBeLessThanOrEqual(10);
        expect(verdict.reasons[key]).toMatch(/\p{Script=Han}/u);
      }
    }
    // each label's scores are those of the draft shown under it, whatever the order
    for (const draft of judged.drafts) {
      const expected = assessDraft(draft.index === 0 ? flat : headed).scores;
      expect(parsed.verdicts[draft.label]?.scores).toEqual(expected);
    }
  });

  it('is deterministic: the same drafts get the same scores in any order, from any mock judge', async () => {
    const scoresBy = async (judge: string, seed: number) => {
      const judged = buildJudgePrompt(brief, [flat, headed], seededRandom(seed));
      const parsed = parseJudgeReply(await reply(judge, judged.prompt), ['A', 'B']);
      if (!parsed.ok) throw new Error(parsed.message);
      return judged.drafts.map((draft) => [draft.index, parsed.verdicts[draft.label]?.score]).sort();
    };
    const first = await scoresBy('judge', 1);
    expect(await scoresBy('judge', 1)).toEqual(first);
    expect(await scoresBy('j', 2)).toEqual(first);
    expect(await scoresBy('other', 5)).toEqual(first);
    // different drafts, different scores: the headed draft with short paragraphs scores higher
    const [flatScore, headedScore] = first.map(([, score]) => score as number);
    expect(headedScore).toBeGreaterThan(flatScore as number);
  });

  it('scores from what it measures: a missing title, long paragraphs and unsourced figures cost points', () => {
    const good = assessDraft(headed);
    const bare = assessDraft('没有标题的一段话，增长了 300%，收入翻了 5 倍。'.repeat(12));
    expect(bare.scores.title).toBeLessThan(good.scores.title);
    expect(bare.scores.structure).toBeLessThan(good.scores.structure);
    expect(bare.scores.readability).toBeLessThan(good.scores.readability);
    expect(bare.scores.factualCare).toBeLessThan(good.scores.factualCare);
    expect(bare.reasons.title).toContain('没有标题');
  });
});

describe('the mock answers each write stage', () => {
  it('plans, drafts from the plan, reviews with a score the pipeline reads, and revises', async () => {
    const plan = await reply('a', buildStagePrompt('planner', brief, {}));
    expect(plan).toMatch(/^# 提纲：周末咖啡/);
    expect(plan).toContain('## 备选标题');
    const headings = [...plan.matchAll(/^### \d+\. (.+)$/gm)].map((match) => match[1]);
    expect(headings.length).toBeGreaterThanOrEqual(3);

    const draft = await reply('a', buildStagePrompt('writer', brief, { planner: plan }));
    expect(draft).toMatch(/^# 周末咖啡：/);
    expect([...draft.matchAll(/^## \d+\. (.+)$/gm)].map((match) => match[1])).toEqual(headings);

    const review = await reply('a', buildStagePrompt('reviewer', brief, { planner: plan, writer: draft }));
    const score = parseReviewScore(review);
    expect(score).toBe(assessDraft(draft).overall);
    expect(review.trim().split('\n').at(-1)).toBe(`评分：${score}/10`);

    const revised = await reply('a', buildStagePrompt('revise', brief, { planner: plan, writer: draft, reviewer: review }));
    expect(revised).toContain('按审稿意见修改');
    expect(revised).not.toContain('评分：');
  });

  it('revises what the review finds: a title added, long paragraphs split, a closing question', async () => {
    const draft = '周末的咖啡馆总是很热闹。'.repeat(12);
    const review = await reply('a', buildStagePrompt('reviewer', brief, { writer: draft }));
    expect(parseReviewScore(review)).toBeLessThan(6);
    const revised = await reply('a', buildStagePrompt('revise', brief, { writer: draft, reviewer: review }));
    expect(revised).toMatch(/^# 周末咖啡/);
    expect(revised).toMatch(/[？?]/);
    expect(assessDraft(revised).overall).toBeGreaterThan(assessDraft(draft).overall);
  });

  it('writes from the brief alone when there is no plan; an ordinary prompt still gets the article it always did', async () => {
    expect(await reply('a', buildStagePrompt('writer', brief, {}))).toBe(buildMockArticle('a', brief));
    expect(await reply('alpha', brief)).toBe(buildMockArticle('alpha', brief));
    // a prompt that only looks like a stage's (no marker) is an ordinary prompt
    const lookalike = buildStagePrompt('reviewer', brief, { writer: 'x' }).split('\n').slice(1).join('\n');
    expect(await reply('alpha', lookalike)).toBe(buildMockArticle('alpha', lookalike));
  });

  it('keeps streaming and usage: the streamed text is the reply, tokens counted', async () => {
    const prompt = buildStagePrompt('reviewer', brief, { writer: headed });
    const deltas: string[] = [];
    const streamed = await createMockModel('a', {}).stream(request(prompt), (delta) => deltas.push(delta.text));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(streamed.text);
    expect(streamed.text).toBe(await reply('a', prompt));
    expect(streamed.usage.inputTokens).toBeGreaterThan(0);
    expect(streamed.usage.outputTokens).toBeGreaterThan(0);
  });
});
