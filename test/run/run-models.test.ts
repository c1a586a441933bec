import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../../src/plan/run-plan.js';
import { resolveModel, resolveModelList } from '../../src/providers/registry.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import type { RunDeps } from '../../src/run/run-deps.js';
import { runModels } from '../../src/run/run-models.js';
import { createRecordingProvider, providerFailure, type RecordingProvider } from '../support/recording-model.js';

const env = { OPENAI_API_KEY: 'sk-runner-secret-1234', ANTHROPIC_API_KEY: 'a', MINIMAX_API_KEY: 'm' };
const plan = (models: string, overrides: Partial<RunPlan> = {}): RunPlan => ({
  models: resolveModelList(models, env),
  prompt: { text: '写点什么', source: 'topic', topic: '写作' },
  system: 'sys',
  maxTokens: 100,
  temperature: 0.3,
  timeoutMs: 1000,
  stream: true,
  cache: false,
  retryPolicy: defaultRetryPolicy,
  fallbacks: [],
  concurrency: 1,
  batch: null,
  outDir: '/tmp/unused',
  slug: 'x',
  ...overrides,
});

function deps(provider: RecordingProvider, extra: Partial<RunDeps> = {}) {
  let tick = 0;
  const waits: number[] = [];
  const runDeps: RunDeps = {
    createModel: provider.createModel,
    now: () => (tick += 10),
    sleep: async (milliseconds) => void waits.push(milliseconds),
    random: () => 1,
    ...extra,
  };
  return { runDeps, waits };
}

describe('runModels', () => {
  it('runs models one after another, in order, with the plan as the request', async () => {
    const provider = createRecordingProvider({});
    const events: string[] = [];
    const { runDeps } = deps(provider, {
      events: {
        started: (model, index, total) => events.push(`start ${model.id} ${index + 1}/${total}`),
        delta: (model) => events.push(`delta ${model.id}`),
        finished: (result) => void events.push(`done ${result.model}`),
      },
    });
    const results = await runModels(plan('gpt,claude,minimax'), runDeps);
    expect(provider.calls.map((call) => call.model)).toEqual(['openai:gpt-5.6-luna', 'anthropic:claude-sonnet-5', 'minimax:MiniMax-M2.7']);
    expect(provider.calls[0]?.request).toMatchObject({
      modelId: 'gpt-5.6-luna',
      system: 'sys',
      prompt: '写点什么',
      maxTokens: 100,
      temperature: 0.3,
    });
    expect(provider.calls.every((call) => call.streamed)).toBe(true);
    expect(events.slice(0, 3)).toEqual(['start openai:gpt-5.6-luna 1/3', 'delta openai:gpt-5.6-luna', 'done openai:gpt-5.6-luna']);
    expect(results.map((result) => result.status)).toEqual(['ok', 'ok', 'ok']);
    expect(results[0]).toMatchObject({
      latencyMs: 12,
      ttftMs: 4,
      servedBy: 'openai:gpt-5.6-luna',
      attempts: 1,
      fallback: null,
      error: null,
    });
  });

  it('uses generate with --no-stream', async () => {
    const provider = createRecordingProvider({});
    const [result] = await runModels(plan('gpt', { stream: false }), deps(provider).runDeps);
    expect(provider.calls[0]?.streamed).toBe(false);
    expect(result?.ttftMs).toBeNull();
  });

  it('records a failure and goes on with the other models, without leaking keys', async () => {
    const provider = createRecordingProvider({
      'anthropic:claude-sonnet-5': providerFailure('AUTH', { status: 401 }),
      'minimax:MiniMax-M2.7': new Error('boom sk-runner-secret-1234'),
    });
    const results = await runModels(plan('gpt,claude,minimax'), deps(provider).runDeps);
    expect(results.map((result) => result.status)).toEqual(['ok', 'error', 'error']);
    expect(results[1]).toMatchObject({
      text: null,
      usage: { inputTokens: null },
      attempts: 1,
      error: { type: 'AUTH', retryable: false, status: 401 },
    });
    expect(results[2]?.error?.type).toBe('UNKNOWN');
    expect(JSON.stringify(results)).not.toContain('sk-runner-secret-1234');
  });

  it('retries retryable failures with doubling backoff and reports each retry', async () => {
    const provider = createRecordingProvider({
      'openai:gpt-5.6-luna': [providerFailure('SERVER_ERROR'), providerFailure('OVERLOADED'), '# ok'],
    });
    const retries: string[] = [];
    const { runDeps, waits } = deps(provider, {
      events: { retrying: (_model, info) => retries.push(`${info.attempt}/${info.maxAttempts} ${info.error.type}`) },
    });
    const [result] = await runModels(plan('gpt'), runDeps);
    expect(result).toMatchObject({ status: 'ok', text: '# ok', attempts: 3 });
    expect(waits).toEqual([1000, 2000]);
    expect(retries).toEqual(['2/3 SERVER_ERROR', '3/3 OVERLOADED']);
  });

  it('stops after the configured retries and keeps retryable true', async () => {
    const provider = createRecordingProvider({ 'openai:gpt-5.6-luna': providerFailure('RATE_LIMIT', { status: 429 }) });
    const [result] = await runModels(plan('gpt', { retryPolicy: { ...defaultRetryPolicy, retries: 1 } }), deps(provider).runDeps);
    expect(provider.calls).toHaveLength(2);
    expect(result).toMatchObject({ status: 'error', attempts: 2, error: { type: 'RATE_LIMIT', retryable: true } });
  });

  it('never retries AUTH, QUOTA_EXCEEDED, MODEL_NOT_FOUND, CONTEXT_LENGTH, BAD_REQUEST or PERMISSION', async () => {
    for (const type of ['AUTH', 'QUOTA_EXCEEDED', 'MODEL_NOT_FOUND', 'CONTEXT_LENGTH', 'BAD_REQUEST', 'PERMISSION'] as const) {
      const provider = createRecordingProvider({ 'openai:gpt-5.6-luna': providerFailure(type) });
      const [result] = await runModels(plan('gpt'), deps(provider).runDeps);
      expect(provider.calls, type).toHaveLength(1);
      expect(result?.error?.type).toBe(type);
    }
  });

  it('sends the prompt to the fallback at once, marking the result as served by it', async () => {
    const provider = createRecordingProvider({
      'openai:gpt-5.6-luna': providerFailure('QUOTA_EXCEEDED', { status: 429 }),
      'anthropic:claude-sonnet-5': '# 备用',
    });
    const { runDeps, waits } = deps(provider);
    const [result] = await runModels(plan('gpt', { fallbacks: [resolveModel('claude', env)] }), runDeps);
    expect(waits).toEqual([]);
    expect(result).toMatchObject({
      model: 'openai:gpt-5.6-luna',
      status: 'ok',
      servedBy: 'anthropic:claude-sonnet-5',
      text: '# 备用',
      attempts: 2,
      fallback: { from: 'openai:gpt-5.6-luna', error: { type: 'QUOTA_EXCEEDED' } },
    });
  });

  it('reports the fallback failure when both fail', async () => {
    const provider = createRecordingProvider({
      'openai:gpt-5.6-luna': providerFailure('AUTH'),
      'anthropic:claude-sonnet-5': providerFailure('PERMISSION'),
    });
    const [result] = await runModels(plan('gpt', { fallbacks: [resolveModel('claude', env)] }), deps(provider).runDeps);
    expect(result).toMatchObject({
      model: 'openai:gpt-5.6-luna',
      status: 'error',
      servedBy: null,
      error: { type: 'PERMISSION', message: expect.stringContaining('then fallback anthropic:claude-sonnet-5 failed too') },
      fallback: { error: { type: 'AUTH' } },
    });
  });

  it('keeps partial text of a stream cut midway', async () => {
    const cut = providerFailure('NETWORK').withPartialText('# 半篇');
    const provider = createRecordingProvider({ 'openai:gpt-5.6-luna': cut });
    const [result] = await runModels(plan('gpt', { retryPolicy: { ...defaultRetryPolicy, retries: 0 } }), deps(provider).runDeps);
    expect(result).toMatchObject({ status: 'error', incomplete: true, text: '# 半篇', error: { type: 'NETWORK' } });
  });

  it('turns an empty reply into BAD_RESPONSE without retrying', async () => {
    const provider = createRecordingProvider({ 'openai:gpt-5.6-luna': '  ' });
    const [result] = await runModels(plan('gpt'), deps(provider).runDeps);
    expect(provider.calls).toHaveLength(1);
    expect(result?.error?.type).toBe('BAD_RESPONSE');
  });

  it('stops starting models once the run is aborted, keeping finished results', async () => {
    const controller = new AbortController();
    const provider = createRecordingProvider({});
    const { runDeps } = deps(provider, { signal: controller.signal, events: { finished: () => controller.abort() } });
    const results = await runModels(plan('gpt,claude,minimax'), runDeps);
    expect(results.map((result) => result.model)).toEqual(['openai:gpt-5.6-luna']);
  });

  it('keeps what the finished hook returns (e.g. the saved file) and awaits it before the next model', async () => {
    const provider = createRecordingProvider({});
    const order: string[] = [];
    const { runDeps } = deps(provider, {
      events: {
        started: (model) => order.push(`start ${model.id}`),
        finished: async (result): Promise<ModelResult> => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`saved ${result.model}`);
          return { ...result, outputFile: `/out/${result.model}.md` };
        },
      },
    });
    const results = await runModels(plan('gpt,claude'), runDeps);
    expect(order).toEqual([
      'start openai:gpt-5.6-luna',
      'saved openai:gpt-5.6-luna',
      'start anthropic:claude-sonnet-5',
      'saved anthropic:claude-sonnet-5',
    ]);
    expect(results.map((result) => result.outputFile)).toEqual(['/out/openai:gpt-5.6-luna.md', '/out/anthropic:claude-sonnet-5.md']);
  });
});
