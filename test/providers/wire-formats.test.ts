import { describe, expect, it } from 'vitest';
import type { AdapterConfig } from '../../src/providers/adapter-config.js';
import type { WireFormat } from '../../src/providers/provider-preset.js';
import type { KeyProbeProgress } from '../../src/providers/wire-formats/wire-format-adapter.js';
import { loadWireFormat } from '../../src/providers/wire-formats/wire-format-registry.js';
import { providerErrorOf, useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const key = 'sk-wire-format-key-42';

const config = (format: WireFormat, overrides: Partial<AdapterConfig> = {}): AdapterConfig => ({
  provider: `local-${format}`,
  modelId: 'probe-model',
  apiKey: key,
  apiKeyEnv: 'LOCAL_KEY',
  baseURL: format === 'anthropic' ? fakeServer().anthropicBaseURL : fakeServer().openaiBaseURL,
  knownModels: ['alpha', 'beta'],
  ...overrides,
});
const progress = (): KeyProbeProgress => ({ answered: false, method: 'models' });

describe('one adapter per wire format', () => {
  it.each(['openai', 'anthropic'] as const)(
    '%s: lists the server models through its SDK, and probes a key by that list',
    async (format) => {
      const adapter = await loadWireFormat(format);
      expect(await adapter.listModels(config(format), { timeoutMs: 5000 })).toEqual(['served-model-a', 'served-model-b']);
      const probed = progress();
      await adapter.probeKey(config(format), { timeoutMs: 5000 }, probed);
      expect(probed).toEqual({ answered: true, method: 'models' });
      expect(fakeServer().requests.map((request) => request.path)).toEqual(['/v1/models', '/v1/models']);
    },
  );

  it.each(['openai', 'anthropic'] as const)('%s: where the list answers 404, the probe makes a 1-token call instead', async (format) => {
    const adapter = await loadWireFormat(format);
    fakeServer().pathReplies.set('/v1/models', { status: 404, errorBody: { error: { type: 'not_found_error', message: 'no list' } } });
    const probed = progress();
    await adapter.probeKey(config(format), { timeoutMs: 5000 }, probed);
    expect(probed).toEqual({ answered: true, method: 'generate' });
    expect(fakeServer().requestCount('probe-model')).toBe(1);
    expect(fakeServer().requests.at(-1)?.body).toMatchObject({ model: 'probe-model' });
  });

  it.each(['openai', 'anthropic'] as const)(
    '%s: a rejected key fails the probe as AUTH, the server answered, the key never in the message',
    async (format) => {
      const adapter = await loadWireFormat(format);
      fakeServer().acceptedKeys.add('sk-some-other-key-1');
      const probed = progress();
      const error = await providerErrorOf(adapter.probeKey(config(format), { timeoutMs: 5000 }, probed));
      expect(error.type).toBe('AUTH');
      expect(error.message).toContain('LOCAL_KEY');
      expect(error.message).not.toContain(key);
      expect(probed.answered).toBe(true);
    },
  );

  it('the mock lists its own models and needs no network for a probe', async () => {
    const adapter = await loadWireFormat('mock');
    expect(await adapter.listModels(config('mock'), { timeoutMs: 5000 })).toEqual(['alpha', 'beta']);
    await adapter.probeKey(config('mock'), { timeoutMs: 5000 }, progress());
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('every format normalizes usage to one meaning: the same call reads the same in each', async () => {
    // 1000 input tokens of which 400 were read from the cache, 300 output of which 100 thinking.
    const openai = (await loadWireFormat('openai')).normalizeUsage({
      prompt_tokens: 1000,
      completion_tokens: 300,
      prompt_tokens_details: { cached_tokens: 400 },
      completion_tokens_details: { reasoning_tokens: 100 },
    });
    const deepseek = (await loadWireFormat('openai')).normalizeUsage({
      prompt_tokens: 1000,
      completion_tokens: 300,
      prompt_cache_hit_tokens: 400,
      prompt_cache_miss_tokens: 600,
      completion_tokens_details: { reasoning_tokens: 100 },
    });
    const anthropic = (await loadWireFormat('anthropic')).normalizeUsage({
      input_tokens: 600,
      cache_read_input_tokens: 400,
      output_tokens: 300,
    });
    const same = { inputTokens: 1000, noCacheInputTokens: 600, cacheReadTokens: 400, outputTokens: 300 };
    expect(openai).toMatchObject({ ...same, reasoningTokens: 100 });
    expect(deepseek).toMatchObject({ ...same, reasoningTokens: 100 });
    expect(anthropic).toMatchObject(same);
  });
});
