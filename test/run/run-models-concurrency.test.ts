import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { RunPlan } from '../../src/plan/run-plan.js';
import type { GenerateResult, LanguageModel } from '../../src/providers/language-model.js';
import { resolveModelList, type ResolvedModel } from '../../src/providers/registry.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import { runModels, type RunDeps } from '../../src/run/run-models.js';
import { providerFailure } from '../support/recording-model.js';

const config = `providers:
  one:
    type: openai
    baseURL: http://one/v1
    maxConcurrency: 1
  two:
    type: openai
    baseURL: http://two/v1
  three:
    type: anthropic
    baseURL: http://three
`;
const { catalog } = parseConfig(config, 'c.yaml', {});

function plan(models: string, overrides: Partial<RunPlan> = {}): RunPlan {
  return {
    models: resolveModelList(models, {}, catalog),
    prompt: { text: 'p', source: 'topic', topic: 't' },
    system: 's',
    maxTokens: null,
    temperature: null,
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
  };
}

const reply = (text: string): GenerateResult => ({
  text,
  reasoning: null,
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: 1, noCacheInputTokens: 1, outputTokens: 1, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null },
  latencyMs: 5,
  ttftMs: 1,
  responseModel: null,
  requestId: null,
});

/** Models that answer after a per-model delay (or fail), tracking how many calls are in flight. */
function timedModels(delays: Record<string, number>, failures: Record<string, ProviderError> = {}) {
  const log: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const perProvider = new Map<string, number>();
  const maxPerProvider = new Map<string, number>();
  const createModel = async (model: ResolvedModel): Promise<LanguageModel> => {
    const call = async (onDelta?: (delta: { text: string }) => void) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const provider = model.provider.id;
      perProvider.set(provider, (perProvider.get(provider) ?? 0) + 1);
      maxPerProvider.set(provider, Math.max(maxPerProvider.get(provider) ?? 0, perProvider.get(provider) ?? 0));
      log.push(`start ${model.id}`);
      await new Promise((resolve) => setTimeout(resolve, delays[model.id] ?? 5));
      inFlight -= 1;
      perProvider.set(provider, (perProvider.get(provider) ?? 1) - 1);
      log.push(`end ${model.id}`);
      const failure = failures[model.id];
      if (failure) throw failure;
      onDelta?.({ text: `text of ${model.id}` });
      return reply(`text of ${model.id}`);
    };
    return { provider: model.provider.id, modelId: model.modelId, generate: () => call(), stream: (_request, onDelta) => call(onDelta) };
  };
  return { createModel, log, maxInFlight: () => maxInFlight, maxPerProvider };
}

/** Moves the fake clock from timer to timer, in time order, until `promise` settles. */
async function onFakeClock<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  const done = () => {
    settled = true;
  };
  promise.then(done, done);
  while (!settled) await vi.advanceTimersToNextTimerAsync();
  return promise;
}

const deps = (createModel: RunDeps['createModel'], events: RunDeps['events'] = {}): RunDeps => ({
  createModel,
  now: () => performance.now(),
  sleep: async () => {},
  random: () => 1,
  events,
});

describe('runModels with concurrency', () => {
  // The models answer after their delays on a fake clock: which call ends first never depends on machine load.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs up to plan.concurrency models at once, results in plan order', async () => {
    const models = timedModels({ 'two:a': 60, 'three:b': 30, 'two:c': 1 });
    const finished: string[] = [];
    const started: string[] = [];
    const results = await onFakeClock(
      runModels(
        plan('two:a,three:b,two:c', { concurrency: 3 }),
        deps(models.createModel, {
          started: (model, index, total) => started.push(`${model.id} ${index + 1}/${total}`),
          finished: (result) => void finished.push(result.model),
        }),
      ),
    );
    expect(models.maxInFlight()).toBe(3);
    expect(started).toEqual(['two:a 1/3', 'three:b 2/3', 'two:c 3/3']);
    expect(finished).toEqual(['two:c', 'three:b', 'two:a']);
    expect(results.map((result) => [result.model, result.text])).toEqual([
      ['two:a', 'text of two:a'],
      ['three:b', 'text of three:b'],
      ['two:c', 'text of two:c'],
    ]);
  });

  it('tells when each call ends, so started − ended counts the calls in flight, never over the limit; drained comes last', async () => {
    // every call of a wave answers at once: the next wave starts before the finished events (deferred) arrive
    const models = timedModels({});
    const events: string[] = [];
    let running = 0;
    let mostRunning = 0;
    await onFakeClock(
      runModels(
        plan('two:a,three:b,two:c,three:d,two:e,three:f', { concurrency: 2 }),
        deps(models.createModel, {
          started: (model) => {
            running += 1;
            mostRunning = Math.max(mostRunning, running);
            events.push(`started ${model.id}`);
          },
          ended: (model) => {
            running -= 1;
            events.push(`ended ${model.id}`);
          },
          finished: (result) => void events.push(`finished ${result.model}`),
          drained: () => void events.push('drained'),
        }),
      ),
    );
    expect(running).toBe(0);
    expect(mostRunning).toBe(2);
    // said once, after the last finished event: nothing more comes
    expect(events.filter((event) => event === 'drained')).toHaveLength(1);
    expect(events.at(-1)).toBe('drained');
    for (const id of ['two:a', 'three:b', 'two:c', 'three:d', 'two:e', 'three:f']) {
      expect(events.indexOf(`started ${id}`)).toBeLessThan(events.indexOf(`ended ${id}`));
      expect(events.indexOf(`ended ${id}`)).toBeLessThan(events.indexOf(`finished ${id}`));
    }
  });

  it('keeps concurrency 1 sequential', async () => {
    const models = timedModels({});
    await onFakeClock(runModels(plan('two:a,three:b,two:c'), deps(models.createModel)));
    expect(models.log).toEqual(['start two:a', 'end two:a', 'start three:b', 'end three:b', 'start two:c', 'end two:c']);
  });

  it("respects a provider's maxConcurrency while the others go ahead", async () => {
    const models = timedModels({ 'one:a': 20, 'one:b': 20, 'two:c': 5 });
    const results = await onFakeClock(runModels(plan('one:a,one:b,two:c', { concurrency: 3 }), deps(models.createModel)));
    expect(models.maxPerProvider.get('one')).toBe(1);
    // two:c did not wait behind one:b.
    expect(models.log.indexOf('start two:c')).toBeLessThan(models.log.indexOf('start one:b'));
    expect(results.map((result) => result.model)).toEqual(['one:a', 'one:b', 'two:c']);
  });

  it('honours an explicit --concurrency on one provider: no default cap of its own (issue 19)', async () => {
    const models = timedModels({ 'two:a': 20 });
    const batch = Array.from({ length: 40 }, (_, index) => ({ id: `p${index}`, text: `prompt ${index}`, system: null, source: 'test' }));
    const results = await onFakeClock(runModels(plan('two:a', { concurrency: 50, batch }), deps(models.createModel)));
    expect(results).toHaveLength(40);
    expect(models.maxPerProvider.get('two')).toBe(40);
  });

  it('hands the events of a shared fallback to the model it stands in for', async () => {
    const models = timedModels({}, { 'two:a': providerFailure('AUTH'), 'two:b': providerFailure('AUTH') });
    const fallbacks: ResolvedModel[] = [];
    const [fallback] = resolveModelList('three:backup', {}, catalog);
    const results = await onFakeClock(
      runModels(
        plan('two:a,two:b', { concurrency: 2, fallbacks: fallback ? [fallback] : [] }),
        deps(models.createModel, { fallingBack: (_model, target) => void fallbacks.push(target) }),
      ),
    );
    expect(results.map((result) => [result.model, result.servedBy, result.status])).toEqual([
      ['two:a', 'three:backup', 'ok'],
      ['two:b', 'three:backup', 'ok'],
    ]);
    expect(fallbacks.map((target) => target.id)).toEqual(['three:backup', 'three:backup']);
    expect(fallbacks[0]).not.toBe(fallbacks[1]);
  });

  it('stops starting models once aborted; the ones running finish', async () => {
    const controller = new AbortController();
    const models = timedModels({ 'two:a': 20, 'three:b': 20 });
    const results = await onFakeClock(
      runModels(plan('two:a,three:b,two:c,three:d', { concurrency: 2 }), {
        ...deps(models.createModel, {
          started: (model) => {
            if (model.id === 'three:b') controller.abort();
          },
        }),
        signal: controller.signal,
      }),
    );
    expect(results.map((result) => result.model)).toEqual(['two:a', 'three:b']);
    expect(models.log.filter((line) => line.startsWith('start'))).toEqual(['start two:a', 'start three:b']);
  });
});

describe('callWithRetries key rotation (no HTTP)', () => {
  const rotating = parseConfig(
    'providers:\n  k:\n    type: openai\n    baseURL: http://k/v1\n    apiKeys: [key-1, key-2, key-3]\n',
    'c.yaml',
    {},
  );

  it('moves through the keys in order, without counting a retry, and rounds start again after a wait', async () => {
    const used: (string | null)[] = [];
    const waits: number[] = [];
    const createModel = async (model: ResolvedModel): Promise<LanguageModel> => {
      const call = async () => {
        used.push(model.apiKey);
        if (used.length <= 4) throw providerFailure('RATE_LIMIT', { status: 429 });
        return reply('ok');
      };
      return { provider: 'k', modelId: model.modelId, generate: call, stream: call };
    };
    const [result] = await runModels(
      {
        ...plan('two:x'),
        models: resolveModelList('k:m', {}, rotating.catalog),
        retryPolicy: { ...defaultRetryPolicy, retries: 1 },
      },
      { ...deps(createModel), sleep: async (milliseconds) => void waits.push(milliseconds) },
    );
    expect(used).toEqual(['key-1', 'key-2', 'key-3', 'key-1', 'key-2']);
    expect(waits).toHaveLength(1);
    expect(result).toMatchObject({ status: 'ok', attempts: 5 });
  });

  it('a single key behaves as before: the policy decides after each failure', async () => {
    let calls = 0;
    const createModel = async (model: ResolvedModel): Promise<LanguageModel> => {
      const call = async () => {
        calls += 1;
        throw providerFailure('RATE_LIMIT', { status: 429 });
      };
      return { provider: 'two', modelId: model.modelId, generate: call, stream: call };
    };
    const [result] = await runModels(plan('two:x', { retryPolicy: { ...defaultRetryPolicy, retries: 2 } }), deps(createModel));
    expect(calls).toBe(3);
    expect(result).toMatchObject({ status: 'error', attempts: 3, error: { type: 'RATE_LIMIT' } });
  });
});

describe('cappedProviders', () => {
  it('names a provider whose maxConcurrency holds the run below --concurrency, only when it has more calls than its cap', async () => {
    const { cappedProviders } = await import('../../src/plan/capped-providers.js');
    const batch = Array.from({ length: 3 }, (_, index) => ({ id: `p${index}`, text: 'x', system: null, source: 'test' }));
    expect(cappedProviders(plan('one:a,two:b', { concurrency: 8, batch }))).toEqual([{ provider: 'one', maxConcurrency: 1, calls: 3 }]);
    expect(cappedProviders(plan('one:a,two:b', { concurrency: 1, batch }))).toEqual([]);
    expect(cappedProviders(plan('one:a,two:b', { concurrency: 8 }))).toEqual([]);
  });
});
