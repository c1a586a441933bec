import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { defaultHealthConfig } from '../../src/health/health-config.js';
import { healthIdentity } from '../../src/health/health-identity.js';
import { applyOutcome, verdictOf, type HealthEntry } from '../../src/health/health-rules.js';
import type { HealthStore } from '../../src/health/health-store.js';
import { memoryCallLog } from '../../src/limits/call-log.js';
import { createLimitKeeper } from '../../src/limits/limit-keeper.js';
import { limitedKeys } from '../../src/limits/model-keys.js';
import type { LanguageModel } from '../../src/providers/language-model.js';
import { resolveModelList, type ResolvedModel } from '../../src/providers/registry.js';
import { callWithRetries } from '../../src/run/call-with-retries.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import type { RunDeps } from '../../src/run/run-deps.js';
import { runWithFallbacks, type ModelTask } from '../../src/run/run-with-fallbacks.js';
import { createRecordingProvider } from '../support/recording-model.js';

const env = { K1: 'sk-call-first-1111', K2: 'sk-call-second-2222', OTHER_KEY: 'sk-call-other-3333' };
const start = new Date(2026, 10, 21, 10, 0, 0).getTime();
const request = { modelId: 'm', system: 's', prompt: 'p', maxTokens: 64, temperature: null, timeoutMs: 1000, cache: false };
const policy = { ...defaultRetryPolicy, retries: 0 };

function models(limits: string): ResolvedModel[] {
  const config = `providers:
  ds:
    type: openai
    baseURL: http://127.0.0.1:9/v1
    apiKeys: ["\${K1}", "\${K2}"]
${limits}  other:
    type: openai
    baseURL: http://127.0.0.1:9/v1
    apiKeyEnv: OTHER_KEY
`;
  return resolveModelList('ds:m,other:m', env, parseConfig(config, 'limits.yaml', env).catalog);
}

/** Deps over a recording provider: the clock moves only when the run sleeps; every key a model is built with is kept. */
function setup(limits: string) {
  const [limited, other] = models(limits) as [ResolvedModel, ResolvedModel];
  const provider = createRecordingProvider({});
  const clock = { now: start };
  const log = memoryCallLog();
  const built: (string | null)[] = [];
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const controller = new AbortController();
  const deps: RunDeps = {
    createModel: async (model): Promise<LanguageModel> => {
      built.push(model.apiKey);
      return provider.createModel(model);
    },
    now: () => 0,
    sleep: async (milliseconds, signal) => {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(milliseconds);
      clock.now += milliseconds;
    },
    signal: controller.signal,
    limits: createLimitKeeper({ log, env, now: () => clock.now, runId: () => null }),
    events: { warning: (_model, message) => warnings.push(message) },
  };
  return { limited, other, provider, clock, log, built, sleeps, warnings, deps, controller };
}

const call = (model: ResolvedModel, deps: RunDeps) => callWithRetries(model, request, false, policy, { leftMs: 1e9 }, deps);

describe('callWithRetries under limits', () => {
  it('hands over to key 2 at the limit (one line), and records each call with its tokens', async () => {
    const { limited, built, warnings, deps, log } = setup('    rateLimit: 2/min\n');
    for (let index = 0; index < 3; index += 1) expect((await call(limited, deps)).ok).toBe(true);
    // each call builds the model with key 1 first; the third moves to key 2
    expect(built).toEqual([env.K1, env.K1, env.K1, env.K2]);
    expect(warnings).toEqual(['ds key 1 of 2 reached its limit 2/min; key 2 takes over']);
    const [first, second] = limitedKeys(limited, env);
    // usage of the recording model: 10 in + the text's characters out
    expect(log.usage(first!.id, 0)).toEqual({ calls: 2, tokens: 2 * (10 + Array.from('# ds:m\n\ntext').length) });
    expect(log.usage(second!.id, 0).calls).toBe(1);
  });

  it('paces a call when every key is full: sleeps (with the run signal) until a slot frees, then calls', async () => {
    const { limited, provider, clock, sleeps, warnings, deps } = setup('    rateLimit: 1/min\n');
    await call(limited, deps);
    clock.now += 15_000;
    await call(limited, deps);
    clock.now += 15_000;
    const third = await call(limited, deps);
    expect(third).toMatchObject({ ok: true, attempts: 1 });
    expect(sleeps).toEqual([30_000]);
    expect(provider.calls).toHaveLength(3);
    expect(warnings.slice(1)).toEqual([
      'ds: every key reached its limit 1/min; waiting 30 s for a free slot (until 10:01)',
      // key 1 frees first: it takes the call
      'ds key 2 of 2 reached its limit 1/min; key 1 takes over',
    ]);
  });

  it('calls at once take turns under a minute limit: twelve calls on 2 keys at 2/min all go, never more than 2 a minute per key', async () => {
    const { limited, provider, clock, log, deps } = setup('    rateLimit: 2/min\n');
    // a shared timeline: a sleeper wakes at the time it asked for (waiters that asked together wake together)
    const timed: RunDeps = {
      ...deps,
      sleep: async (milliseconds) => {
        const wake = clock.now + milliseconds;
        await new Promise((resolve) => setImmediate(resolve));
        clock.now = Math.max(clock.now, wake);
      },
    };
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => call(limited, timed)));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(provider.calls).toHaveLength(12);
    for (const key of limitedKeys(limited, env)) {
      const times = log.oldest(key.id, 0, 100).map((entry) => entry.sentAt);
      expect(times.every((time) => times.filter((other) => other >= time && other < time + 60_000).length <= 2)).toBe(true);
    }
    // three rounds of four: the last calls went two minutes after the first
    expect(clock.now - start).toBeGreaterThanOrEqual(120_000);
  });

  it('a wait is cancelled by Ctrl-C: the call ends CANCELLED without calling', async () => {
    const { limited, provider, deps, controller } = setup('    rateLimit: 1/min\n');
    await call(limited, deps);
    await call(limited, deps);
    controller.abort();
    const outcome = await call(limited, deps);
    expect(outcome).toMatchObject({ ok: false, attempts: 0, error: { type: 'CANCELLED' } });
    expect(provider.calls).toHaveLength(2);
  });

  it('a limit that frees later fails the call without calling; the fallback answers; health is untouched', async () => {
    const { limited, other, provider, deps } = setup('    rateLimit: 1/day\n');
    const entries = new Map<string, HealthEntry>();
    const now = new Date(start);
    const health: HealthStore = {
      verdict: (model) => verdictOf(entries.get(healthIdentity(model).key), healthIdentity(model), now),
      recent: () => null,
      record: async (model, outcome) => {
        const identity = healthIdentity(model);
        entries.set(identity.key, applyOutcome(entries.get(identity.key), outcome, identity, now, defaultHealthConfig));
      },
    };
    const task: ModelTask = {
      system: 's',
      prompt: 'p',
      maxTokens: 64,
      temperature: null,
      timeoutMs: 1000,
      stream: false,
      cache: false,
      retryPolicy: policy,
    };
    const run = () => runWithFallbacks([limited, other], task, { ...deps, health }, { leftMs: 1e9 });
    await run();
    await run();
    const third = await run();
    expect(provider.calls.map((entry) => entry.model)).toEqual(['ds:m', 'ds:m', 'other:m']);
    expect(third).toMatchObject({
      status: 'ok',
      model: 'ds:m',
      servedBy: 'other:m',
      fallback: { from: 'ds:m', error: { type: 'RATE_LIMIT' } },
    });
    expect(third.fallback?.error.message).toContain('(kept by wechat-writer, nothing was sent); it frees at');
    const verdict = health.verdict(limited);
    expect(verdict).toEqual({ state: 'ok', failures: 0 });
    expect(entries.get(healthIdentity(limited).key)?.unusable ?? null).toBeNull();
  });
});
