import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import type { RunPlan } from '../../src/plan/run-plan.js';
import { createLanguageModel } from '../../src/providers/create-language-model.js';
import { resolveModelList } from '../../src/providers/registry.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import { runModels, type RunDeps } from '../../src/run/run-models.js';
import { requestKey } from '../support/fake-llm-server.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const keys = { first: 'sk-rotation-first-1111111111', second: 'sk-rotation-second-2222222222' };
const env = { FIRST_KEY: keys.first, SECOND_KEY: keys.second };

/** A config with one provider per wire format, both rotating between the two keys. */
function models(spec: string, retries = 2): RunPlan {
  const config = `providers:
  open:
    type: openai
    baseURL: ${fakeServer().openaiBaseURL}
    apiKeyEnvs: [FIRST_KEY, SECOND_KEY]
  anth:
    type: anthropic
    baseURL: ${fakeServer().anthropicBaseURL}
    apiKeys: ["\${FIRST_KEY}", "\${SECOND_KEY}"]
`;
  const { catalog } = parseConfig(config, 'keys.yaml', env);
  return {
    models: resolveModelList(spec, env, catalog),
    prompt: { text: '写一段', source: 'topic', topic: '钥匙' },
    system: 'sys',
    maxTokens: 64,
    temperature: null,
    timeoutMs: 5000,
    stream: true,
    cache: false,
    retryPolicy: { ...defaultRetryPolicy, retries },
    fallbacks: [],
    concurrency: 1,
    batch: null,
    outDir: '/tmp/unused',
    slug: 'keys',
  };
}

function runDeps() {
  const warnings: string[] = [];
  const retries: string[] = [];
  const waits: number[] = [];
  const deps: RunDeps = {
    createModel: (model) => createLanguageModel(model, env),
    now: () => performance.now(),
    sleep: async (milliseconds) => void waits.push(milliseconds),
    random: () => 1,
    events: {
      warning: (_model, message) => warnings.push(message),
      retrying: (model, info) => retries.push(`${model.id} ${info.attempt}/${info.maxAttempts} ${info.error.type}`),
    },
  };
  return { deps, warnings, retries, waits };
}

const sentKeys = () => fakeServer().requests.map((request) => requestKey(request.headers));
const rateLimited = { status: 429, errorBody: { error: { message: 'slow down', type: 'rate_limit_error' } } };

describe('key rotation through HTTP', () => {
  it.each([
    ['openai', 'open:m'],
    ['anthropic', 'anth:m'],
  ])('%s format: a 429 on the first key is answered with the second key', async (_format, spec) => {
    fakeServer().replies.set('m', { ...rateLimited, failForKeys: [keys.first], chunks: ['# 成功\n', '正文'] });
    const { deps, warnings, retries, waits } = runDeps();
    const [result] = await runModels(models(spec), deps);
    expect(result).toMatchObject({ status: 'ok', text: '# 成功\n正文', attempts: 2, error: null });
    expect(sentKeys()).toEqual([keys.first, keys.second]);
    expect(warnings).toEqual([`${spec}: RATE_LIMIT on key 1 of 2; trying key 2`]);
    // Moving to the next key is not a retry: no wait, no retry event.
    expect(retries).toEqual([]);
    expect(waits).toEqual([]);
    const everything = JSON.stringify({ result, warnings });
    expect(everything).not.toContain(keys.first);
    expect(everything).not.toContain(keys.second);
  });

  it('a quota error on the first key also moves to the second', async () => {
    fakeServer().replies.set('m', {
      status: 429,
      errorBody: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } },
      failForKeys: [keys.first],
    });
    const { deps, warnings } = runDeps();
    const [result] = await runModels(models('open:m'), deps);
    expect(result).toMatchObject({ status: 'ok', attempts: 2 });
    expect(warnings).toEqual(['open:m: QUOTA_EXCEEDED on key 1 of 2; trying key 2']);
  });

  it('with both keys rate-limited, fails with RATE_LIMIT after its retries, trying each key every round', async () => {
    fakeServer().replies.set('m', { ...rateLimited, failForKeys: [keys.first, keys.second] });
    const { deps, retries, waits } = runDeps();
    const [result] = await runModels(models('open:m', 1), deps);
    expect(result).toMatchObject({ status: 'error', attempts: 4, error: { type: 'RATE_LIMIT', status: 429, retryable: true } });
    // Two rounds (the first try and one retry), each over both keys.
    expect(sentKeys()).toEqual([keys.first, keys.second, keys.first, keys.second]);
    expect(retries).toEqual(['open:m 2/2 RATE_LIMIT']);
    expect(waits).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain(keys.first);
    expect(JSON.stringify(result)).not.toContain(keys.second);
  });

  it('with retries 0, both keys are still tried once', async () => {
    fakeServer().replies.set('m', { ...rateLimited, failForKeys: [keys.first, keys.second] });
    const { deps, retries } = runDeps();
    const [result] = await runModels(models('anth:m', 0), deps);
    expect(result).toMatchObject({ status: 'error', attempts: 2, error: { type: 'RATE_LIMIT' } });
    expect(sentKeys()).toEqual([keys.first, keys.second]);
    expect(retries).toEqual([]);
  });

  it('a failure that is not about the key does not move to the next key', async () => {
    fakeServer().replies.set('m', { status: 401, errorBody: { error: { message: 'bad key', type: 'authentication_error' } } });
    const { deps, warnings } = runDeps();
    const [result] = await runModels(models('open:m'), deps);
    expect(result).toMatchObject({ status: 'error', attempts: 1, error: { type: 'AUTH' } });
    expect(sentKeys()).toEqual([keys.first]);
    expect(warnings).toEqual([]);
  });
});
