import { describe, expect, it } from 'vitest';
import { judgeStep, type JudgedPlan } from '../../src/commands/compare/judge-step.js';
import { readPairwisePrompt } from '../../src/judge/build-pairwise-prompt.js';
import type { JudgeRecorder } from '../../src/judge/judge-comparison.js';
import type { PairwiseRecord } from '../../src/judge/pairwise-types.js';
import { localProviderError } from '../../src/errors/provider-error.js';
import { emptyUsage, type GenerateRequest, type LanguageModel } from '../../src/providers/language-model.js';
import { resolveModel } from '../../src/providers/registry.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import type { NewVote } from '../../src/store/verdicts.js';
import { createMemoryIO } from '../support/memory-io.js';
import { okResult } from '../support/model-result-fixture.js';

const models = ['openai:gpt-4o', 'anthropic:claude-x', 'deepseek:deepseek-chat', 'mock:d'].map((id) =>
  resolveModel(id, { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', DEEPSEEK_API_KEY: 'k' }),
);
const plan = (overrides: Partial<JudgedPlan> = {}): JudgedPlan => ({
  models,
  prompt: { text: '写冬季咖啡', source: 'topic', topic: '冬季咖啡' },
  system: 'system',
  maxTokens: null,
  temperature: null,
  timeoutMs: 5000,
  stream: false,
  cache: false,
  retryPolicy: { ...defaultRetryPolicy, retries: 0 },
  fallbacks: [],
  batch: null,
  judge: resolveModel('mock:j', {}),
  judgeMode: 'pairwise',
  concurrency: 3,
  outDir: '/tmp',
  slug: 'x',
  ...overrides,
});

/** Drafts whose length says how good they are: the fake judge prefers the longer, fails on a "boom" draft. */
const results: ModelResult[] = [
  okResult('openai:gpt-4o', '# 一\n\n短。'),
  okResult('anthropic:claude-x', '# 二\n\n长一些的正文，写了更多内容。'),
  okResult('deepseek:deepseek-chat', null, { status: 'error', text: null }),
  okResult('mock:d', '# 四\n\n最长的一篇正文，写了非常多非常多的内容，细节丰富。'),
];

function fakeJudge(seen: string[], live: { now: number; max: number }, reply?: (a: string, b: string) => string): LanguageModel {
  const generate = async (request: GenerateRequest) => {
    seen.push(request.prompt);
    live.now += 1;
    live.max = Math.max(live.max, live.now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    live.now -= 1;
    const pair = readPairwisePrompt(request.prompt);
    if (!pair) throw new Error('not a pairwise request');
    if (pair.a.includes('boom') || pair.b.includes('boom')) {
      throw localProviderError('SERVER_ERROR', 'SERVER_ERROR: judge down', { provider: 'mock', model: 'j' }, { status: 500 });
    }
    const text = reply ? reply(pair.a, pair.b) : JSON.stringify({ winner: pair.a.length >= pair.b.length ? 'A' : 'B', reason: '更长' });
    return {
      text,
      reasoning: null,
      finishReason: { unified: 'stop' as const, raw: 'stop' },
      usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 5 },
      latencyMs: 1,
      ttftMs: null,
      responseModel: null,
      requestId: null,
    };
  };
  return { provider: 'mock', modelId: 'j', generate, stream: (request) => generate(request) };
}

function recorder(): JudgeRecorder & { votes: Omit<NewVote, 'runId'>[]; calls: number } {
  const state = { votes: [] as Omit<NewVote, 'runId'>[], calls: 0 };
  return Object.assign(state, {
    recordJudgement: () => {
      throw new Error('pairwise mode records no rubric scores');
    },
    recordJudgeCall: () => {
      state.calls += 1;
    },
    recordVotes: (votes: readonly Omit<NewVote, 'runId'>[]) => {
      state.votes.push(...votes);
    },
  });
}

describe('judgeStep in pairwise mode (fake judge)', () => {
  it('compares every pair of successful drafts in both orders, blind, at the run concurrency; records and votes', async () => {
    const seen: string[] = [];
    const live = { now: 0, max: 0 };
    const store = recorder();
    const io = createMemoryIO();
    const judged = await judgeStep(plan(), results, io, { createModel: async () => fakeJudge(seen, live), recorder: store });
    expect(seen).toHaveLength(6);
    expect(live.max).toBeGreaterThan(1);
    expect(live.max).toBeLessThanOrEqual(3);
    for (const prompt of seen)
      for (const name of ['gpt', 'claude', 'deepseek', 'openai', 'anthropic', 'mock:d']) expect(prompt).not.toContain(name);
    expect(judged.results.map((result) => (result as { pairwise?: PairwiseRecord | null }).pairwise)).toEqual([
      { wins: 0, ties: 0, losses: 2 },
      { wins: 1, ties: 0, losses: 1 },
      null,
      { wins: 2, ties: 0, losses: 0 },
    ]);
    expect(judged.pairwise?.inconsistentRate).toBe(0);
    expect(store.calls).toBe(1);
    expect(store.votes).toEqual([
      expect.objectContaining({
        positionA: 0,
        positionB: 1,
        modelA: 'openai:gpt-4o',
        modelB: 'anthropic:claude-x',
        outcome: 'b',
        source: 'judge',
        voter: 'mock:j',
        inconsistent: false,
        promptId: null,
        createdAt: '2026-11-21T10:00:00.000Z',
      }),
      expect.objectContaining({ positionA: 0, positionB: 3, outcome: 'b' }),
      expect.objectContaining({ positionA: 1, positionB: 3, outcome: 'b' }),
    ]);
    expect(io.err()).toContain('judging 3 drafts pairwise with mock:j (blind, 3 pairs × 2 orders = 6 calls)');
  });

  it('a judge always answering "A" disagrees with itself on every pair: all ties, rate 100 %', async () => {
    const store = recorder();
    const judged = await judgeStep(plan(), results, createMemoryIO(), {
      createModel: async () => fakeJudge([], { now: 0, max: 0 }, () => '```json\n{"winner":"A","reason":"先看到的更好"}\n```'),
      recorder: store,
    });
    expect(judged.pairwise?.inconsistentRate).toBe(1);
    expect(store.votes.every((vote) => vote.outcome === 'tie' && vote.inconsistent)).toBe(true);
  });

  it('a failing call costs only its pair: one warning, no vote for it, the others stand', async () => {
    const store = recorder();
    const io = createMemoryIO();
    const withBoom = results.map((result, index) => (index === 3 ? { ...result, text: '# boom\n\n会让评审失败的稿件。' } : result));
    const judged = await judgeStep(plan(), withBoom, io, { createModel: async () => fakeJudge([], { now: 0, max: 0 }), recorder: store });
    expect(judged.judgeCall?.status).toBe('ok');
    expect(judged.pairwise?.pairs.map((pair) => pair.outcome)).toEqual(['b', 'error', 'error']);
    expect(store.votes).toHaveLength(1);
    expect(io.err().match(/warning/g)).toHaveLength(1);
    expect(io.err()).toContain('warning: the judge mock:j gave no verdict on 4 of 6 comparisons (SERVER_ERROR: judge down)');
  });

  it('fewer than two drafts: nothing is asked, one warning, a skipped call', async () => {
    const seen: string[] = [];
    const io = createMemoryIO();
    const judged = await judgeStep(plan(), results.slice(0, 1), io, {
      createModel: async () => fakeJudge(seen, { now: 0, max: 0 }),
      recorder: null,
    });
    expect(seen).toEqual([]);
    expect(judged.judgeCall?.status).toBe('skipped');
    expect(io.err()).toContain('nothing for the pairwise judge to compare');
  });
});
