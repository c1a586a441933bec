import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../../src/plan/run-plan.js';
import { resolveModelList } from '../../src/providers/registry.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { runModels } from '../../src/run/run-models.js';
import { createRecordingProvider, providerFailure } from '../support/recording-model.js';

const env = { OPENAI_API_KEY: 'sk-runner-secret-1234', ANTHROPIC_API_KEY: 'a', MINIMAX_API_KEY: 'm' };
const plan = (models: string, stream = true): RunPlan => ({
  models: resolveModelList(models, env),
  prompt: { text: '写点什么', source: 'topic', topic: '写作' },
  system: 'sys',
  maxTokens: 100,
  temperature: 0.3,
  timeoutMs: 1000,
  stream,
  outDir: '/tmp/unused',
  slug: 'x',
});
let tick = 0;
const now = () => (tick += 10);

describe('runModels', () => {
  it('runs models one after another, in order, with the plan as the request', async () => {
    const provider = createRecordingProvider({});
    const events: string[] = [];
    const results = await runModels(plan('gpt,claude,minimax'), {
      createModel: provider.createModel,
      now,
      events: {
        started: (model, index, total) => events.push(`start ${model.id} ${index + 1}/${total}`),
        delta: (model) => events.push(`delta ${model.id}`),
        finished: (result) => void events.push(`done ${result.model}`),
      },
    });
    expect(provider.calls.map((call) => call.model)).toEqual(['openai:gpt-5.6-luna', 'anthropic:claude-sonnet-5', 'minimax:MiniMax-M2.7']);
    expect(provider.calls[0]?.request).toMatchObject({ modelId: 'gpt-5.6-luna', system: 'sys', prompt: '写点什么', maxTokens: 100, temperature: 0.3, timeoutMs: 1000 });
    expect(provider.calls.every((call) => call.streamed)).toBe(true);
    expect(events.slice(0, 3)).toEqual(['start openai:gpt-5.6-luna 1/3', 'delta openai:gpt-5.6-luna', 'done openai:gpt-5.6-luna']);
    expect(results.map((result) => result.status)).toEqual(['ok', 'ok', 'ok']);
    expect(results[0]).toMatchObject({ latencyMs: 12, ttftMs: 4, responseModel: 'gpt-5.6-luna-served', error: null });
  });

  it('uses generate with --no-stream', async () => {
    const provider = createRecordingProvider({});
    const [result] = await runModels(plan('gpt', false), { createModel: provider.createModel, now });
    expect(provider.calls[0]?.streamed).toBe(false);
    expect(result?.ttftMs).toBeNull();
  });

  it('records a failure and goes on with the other models', async () => {
    const provider = createRecordingProvider({ 'anthropic:claude-sonnet-5': providerFailure('RATE_LIMIT'), 'minimax:MiniMax-M2.7': new Error('boom sk-runner-secret-1234') });
    const results = await runModels(plan('gpt,claude,minimax'), { createModel: provider.createModel, now });
    expect(results.map((result) => result.status)).toEqual(['ok', 'error', 'error']);
    expect(results[1]).toMatchObject({
      text: null,
      usage: { inputTokens: null, outputTokens: null },
      error: { type: 'RATE_LIMIT', retryable: true, status: 500, requestId: 'req-x' },
    });
    expect(results[2]?.error?.type).toBe('UNKNOWN');
    expect(JSON.stringify(results)).not.toContain('sk-runner-secret-1234');
  });

  it('keeps what the finished hook returns (e.g. the saved file) and awaits it before the next model', async () => {
    const provider = createRecordingProvider({});
    const order: string[] = [];
    const results = await runModels(plan('gpt,claude'), {
      createModel: provider.createModel,
      now,
      events: {
        started: (model) => order.push(`start ${model.id}`),
        finished: async (result): Promise<ModelResult> => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`saved ${result.model}`);
          return { ...result, outputFile: `/out/${result.model}.md` };
        },
      },
    });
    expect(order).toEqual(['start openai:gpt-5.6-luna', 'saved openai:gpt-5.6-luna', 'start anthropic:claude-sonnet-5', 'saved anthropic:claude-sonnet-5']);
    expect(results.map((result) => result.outputFile)).toEqual(['/out/openai:gpt-5.6-luna.md', '/out/anthropic:claude-sonnet-5.md']);
  });
});
