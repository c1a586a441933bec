import { describe, expect, it } from 'vitest';
import { judgeResults, type JudgeDeps } from '../../src/judge/judge-results.js';
import { seededRandom } from '../../src/judge/judge-random.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { createLanguageModel } from '../../src/providers/create-language-model.js';
import { resolveModel } from '../../src/providers/registry.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import type { RecordedRequest } from '../support/fake-llm-server.js';
import { okResult } from '../support/model-result-fixture.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const server = useFakeLlmServer();
const judgeKey = 'sk-judge-secret-key-98765';
const brief = '为咖啡店写一篇冬季新品推文。';
const env = () => ({ OPENAI_BASE_URL: server().openaiBaseURL, OPENAI_API_KEY: judgeKey, ANTHROPIC_API_KEY: 'sk-ant-unused-0000' });
const judgeModel = () => ({ ...resolveModel('openai:judge-e2e', env()), prices: { input: 1, output: 2 } });
const deps = (overrides: Partial<JudgeDeps> = {}): JudgeDeps => ({
  createModel: (model) => createLanguageModel(model, env()),
  now: () => performance.now(),
  sleep: async () => {},
  random: seededRandom(3),
  task: { retryPolicy: { ...defaultRetryPolicy, retries: 0 }, stream: false, timeoutMs: 5000 },
  ...overrides,
});

const results: ModelResult[] = [
  okResult('openai:gpt-writer', '# 冬日咖啡\n\n第一篇：肉桂拿铁。'),
  okResult('anthropic:claude-writer', null, {
    status: 'error',
    servedBy: null,
    usage: emptyUsage(),
    error: { type: 'RATE_LIMIT', message: 'RATE_LIMIT: slow down', retryable: true, status: 429, requestId: null, retryAfterMs: null },
  }),
  okResult('deepseek:deepseek-writer', '# 热可可\n\n第二篇：棉花糖热可可。'),
  okResult('mock:alpha', '   '),
];

const rubric = (value: number) => ({ title: value, opening: value, structure: value, readability: value, factualCare: value });
const reasons = (label: string) => ({
  title: `${label} 标题`,
  opening: '开头',
  structure: '结构',
  readability: '可读',
  factualCare: '严谨',
});
const sentText = (request: RecordedRequest | undefined) =>
  JSON.stringify((request?.body as { messages?: unknown }).messages ?? request?.body);

/** The label the judge saw in front of a text, read from the request it received. */
function labelOf(request: RecordedRequest | undefined, text: string): string {
  const prompt = sentText(request);
  const at = prompt.indexOf(JSON.stringify(text).slice(1, -1));
  const before = prompt.slice(0, at);
  return /稿件 ([A-Z]+)（Draft [A-Z]+）开始[^稿]*$/.exec(before)?.[1] ?? '?';
}

describe('judgeResults (real HTTP to the fake server)', () => {
  it('scores each output with text, blind, mapping the shuffled labels back to the right model', async () => {
    server().replies.set('judge-e2e', {
      chunks: [
        `好的：\n\`\`\`json\n${JSON.stringify({
          drafts: [
            { label: 'A', scores: rubric(9), reasons: reasons('A') },
            { label: 'B', scores: rubric(4), reasons: reasons('B') },
          ],
        })}\n\`\`\``,
      ],
      usage: { input: 1000, output: 200 },
    });
    const outcome = await judgeResults(results, judgeModel(), brief, deps());
    const request = server().requests[0];
    expect(server().requests).toHaveLength(1);
    const sent = sentText(request);
    for (const name of ['gpt-writer', 'claude-writer', 'deepseek-writer', 'openai', 'anthropic', 'deepseek', 'mock', 'alpha']) {
      expect(sent).not.toContain(name);
    }
    expect(sent).toContain('第一篇：肉桂拿铁');
    expect(sent).toContain('第二篇：棉花糖热可可');
    expect(sent).toContain(brief);

    const gptLabel = labelOf(request, '第一篇：肉桂拿铁。');
    const deepseekLabel = labelOf(request, '第二篇：棉花糖热可可。');
    expect([gptLabel, deepseekLabel].sort()).toEqual(['A', 'B']);
    const expected = (label: string) => ({ score: label === 'A' ? 9 : 4, scores: rubric(label === 'A' ? 9 : 4), reasons: reasons(label) });
    expect(outcome.judges).toEqual([expected(gptLabel), null, expected(deepseekLabel), null]);
    expect(outcome.call).toMatchObject({
      model: 'openai:judge-e2e',
      servedBy: 'openai:judge-e2e',
      status: 'ok',
      labels: { [gptLabel]: 'openai:gpt-writer', [deepseekLabel]: 'deepseek:deepseek-writer' },
      usage: { inputTokens: 1000, outputTokens: 200 },
      attempts: 1,
      error: null,
    });
    expect(outcome.call.costUsd).toBeCloseTo((1000 * 1 + 200 * 2) / 1_000_000);
    expect(outcome.call.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('the same seed gives the same order; the label a text gets follows the seed, not the model', async () => {
    const reply = {
      chunks: [JSON.stringify({ drafts: ['A', 'B'].map((label) => ({ label, scores: rubric(5), reasons: reasons(label) })) })],
    };
    server().replies.set('judge-e2e', reply);
    const orders: string[] = [];
    for (const seed of [11, 11, 12, 13, 14, 15]) {
      server().requests.length = 0;
      await judgeResults(results, judgeModel(), brief, deps({ random: seededRandom(seed) }));
      orders.push(labelOf(server().requests[0], '第一篇：肉桂拿铁。'));
    }
    expect(orders[0]).toBe(orders[1]);
    expect(new Set(orders)).toEqual(new Set(['A', 'B']));
  });

  it('a single output is still judged', async () => {
    server().replies.set('judge-e2e', {
      chunks: [JSON.stringify({ drafts: [{ label: 'A', scores: { ...rubric(8), title: 6 }, reasons: reasons('A') }] })],
    });
    const outcome = await judgeResults(results.slice(0, 1), judgeModel(), brief, deps());
    expect(outcome.judges[0]).toMatchObject({ score: 7.6, scores: { title: 6, opening: 8 } });
  });

  it('a reply that is not the JSON verdict gives BAD_RESPONSE and no score at all', async () => {
    server().replies.set('judge-e2e', { chunks: ['稿件 A 更好，9 分；稿件 B 4 分。'] });
    const outcome = await judgeResults(results, judgeModel(), brief, deps());
    expect(outcome.judges).toEqual([null, null, null, null]);
    expect(outcome.call).toMatchObject({
      status: 'error',
      usage: { inputTokens: 11, outputTokens: 7 },
      error: { type: 'BAD_RESPONSE', retryable: false },
    });
    expect(outcome.call.error?.message).toMatch(/^BAD_RESPONSE: the judge's reply holds no JSON verdict \(it began: «稿件 A 更好/);
  });

  it('a failing judge call gives its error with the key hidden, and no scores', async () => {
    server().replies.set('judge-e2e', {
      status: 401,
      errorBody: { error: { message: `Incorrect API key provided: ${judgeKey}`, type: 'invalid_request_error' } },
    });
    const outcome = await judgeResults(results, judgeModel(), brief, deps());
    expect(outcome.judges.every((judge) => judge === null)).toBe(true);
    expect(outcome.call).toMatchObject({ status: 'error', servedBy: null, error: { type: 'AUTH' } });
    expect(JSON.stringify(outcome)).not.toContain(judgeKey);
  });

  it('with nothing to judge, makes no call', async () => {
    const outcome = await judgeResults([results[1] as ModelResult, results[3] as ModelResult], judgeModel(), brief, deps());
    expect(server().requests).toHaveLength(0);
    expect(outcome).toMatchObject({ judges: [null, null], call: { status: 'skipped', model: 'openai:judge-e2e', labels: {} } });
  });
});
