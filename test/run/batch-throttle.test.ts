import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { RunPlan } from '../../src/plan/run-plan.js';
import { createLanguageModel } from '../../src/providers/create-language-model.js';
import { resolveModelList } from '../../src/providers/registry.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import { runModels } from '../../src/run/run-models.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const env = { LOCAL_KEY: 'sk-throttle-1' };

function batchPlan(prompts: number): RunPlan {
  const config = `providers:
  slow:
    type: openai
    baseURL: ${fakeServer().openaiBaseURL}
    apiKeyEnv: LOCAL_KEY
  fast:
    type: openai
    baseURL: ${fakeServer().openaiBaseURL}
    apiKeyEnv: LOCAL_KEY
`;
  const { catalog } = parseConfig(config, 'throttle.yaml', env);
  const batch = Array.from({ length: prompts }, (_, index) => ({
    id: `p${index}`,
    text: `选题 ${index}`,
    system: null,
    source: `x:${index}`,
  }));
  return {
    models: resolveModelList('slow:limited,fast:free', env, catalog),
    prompt: { text: 'batch', source: 'x.jsonl', topic: null },
    system: 'sys',
    maxTokens: 32,
    temperature: null,
    timeoutMs: 5000,
    stream: true,
    cache: false,
    retryPolicy: { ...defaultRetryPolicy, retries: 3 },
    fallbacks: [],
    concurrency: 4,
    batch,
    outDir: '/tmp/unused',
    slug: 'throttle',
  };
}

describe('a batch where one provider rate-limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pauses that provider for its retry-after while the other goes on, then answers every call once', async () => {
    // The run's clock and timers are fake (so are the server's arrival times): the pause lasts 300 ms of
    // that clock, and the clock moves only once the other provider has had all of its calls.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const server = fakeServer();
    let retries = 0;
    let retried = () => {};
    const bothLimited = new Promise<void>((resolve) => {
      retried = () => {
        retries += 1;
        if (retries === 2) resolve();
      };
    });
    server.replies.set('limited', {
      status: 429,
      failFirst: 2,
      headers: { 'retry-after-ms': '300' },
      errorBody: { error: { message: 'slow down' } },
    });
    // the free provider's answers wait until the run has seen both 429s (and paused the limited provider)
    server.replies.set('free', { gate: () => bothLimited });
    const started = performance.now();
    const running = runModels(batchPlan(10), {
      createModel: (model) => createLanguageModel(model, env),
      now: () => performance.now(),
      sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
      events: { retrying: () => retried() },
    });
    await server.until(() => server.requestCount('free') === 10);
    expect(server.requestCount('limited')).toBe(2);
    await vi.advanceTimersByTimeAsync(300);
    const results = await running;
    expect(results).toHaveLength(20);
    expect(results.every((result) => result.status === 'ok')).toBe(true);
    const free = server.requests.filter((request) => request.body.model === 'free');
    const limited = server.requests.filter((request) => request.body.model === 'limited');
    expect(free).toHaveLength(10);
    // the first two calls to the limited provider got 429 with retry-after 300 ms: it was paused,
    // the other provider's ten calls went on meanwhile, and the limited one resumed after the pause
    const second429 = limited[1]?.receivedAt ?? 0;
    const resumed = limited.slice(2);
    expect(resumed).toHaveLength(10);
    expect(resumed.every((request) => request.receivedAt >= second429 + 250)).toBe(true);
    const firstResumed = Math.min(...resumed.map((request) => request.receivedAt));
    expect(free.filter((request) => request.receivedAt < firstResumed).length).toBeGreaterThanOrEqual(5);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
