import { describe, expect, it } from 'vitest';
import { batchPrice, computeBatchCost } from '../../src/batch-api/batch-cost.js';
import { batchSupportFor, batchSupportTable } from '../../src/batch-api/batch-support.js';
import { planBatches } from '../../src/batch-api/plan-batches.js';
import { presetCatalog } from '../../src/providers/preset-catalog.js';
import { usageFrom } from '../../src/providers/language-model.js';

describe('batchSupportFor', () => {
  it('knows every built-in provider, each entry with its sources', () => {
    for (const preset of presetCatalog) {
      expect(batchSupportTable[preset.id], preset.id).toBeDefined();
      const entry = batchSupportTable[preset.id]!;
      if (!('none' in entry)) expect(entry.sources.length, preset.id).toBeGreaterThan(0);
    }
  });

  it('routes the documented hosts and nothing else', () => {
    expect(batchSupportFor('openai', 'https://api.openai.com/v1')).toMatchObject({
      supported: true,
      route: { format: 'openai', endpoint: '/v1/chat/completions' },
    });
    expect(batchSupportFor('anthropic', 'https://api.anthropic.com')).toMatchObject({ supported: true, route: { format: 'anthropic' } });
    expect(batchSupportFor('glm', 'https://open.bigmodel.cn/api/paas/v4')).toMatchObject({
      supported: true,
      route: { endpoint: '/v4/chat/completions' },
    });
    expect(batchSupportFor('kimi', 'https://api.moonshot.cn/v1')).toMatchObject({ supported: true, route: { omitTemperature: true } });
    expect(batchSupportFor('qwen', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1')).toMatchObject({ supported: true });
    expect(batchSupportFor('openai', 'https://my-proxy.example/v1')).toMatchObject({ supported: false, reason: 'custom-endpoint' });
    expect(batchSupportFor('glm', 'https://api.z.ai/api/paas/v4')).toMatchObject({ supported: false, reason: 'custom-endpoint' });
    expect(batchSupportFor('deepseek', 'https://api.deepseek.com')).toMatchObject({ supported: false, reason: 'none' });
    expect(batchSupportFor('openrouter', 'https://openrouter.ai/api/v1')).toMatchObject({ supported: false, reason: 'other-format' });
    expect(batchSupportFor('ollama', 'http://localhost:11434/v1')).toMatchObject({ supported: false, reason: 'local' });
    expect(batchSupportFor('my-relay', 'https://relay.example/v1')).toMatchObject({ supported: false, reason: 'none' });
  });
});

describe('batch prices', () => {
  it('halves every ordinary price unless a batch price is known, and never invents one', () => {
    expect(batchPrice({ input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 })).toEqual({
      input: 1,
      output: 5,
      cacheWrite: 1.25,
      cacheRead: 0.1,
    });
    expect(batchPrice({ input: 0.2, output: 1.2 })).toEqual({ input: 0.1, output: 0.6 });
    expect(batchPrice({ input: 2, output: 10 }, { input: 0.8, output: 4 })).toEqual({ input: 0.8, output: 4 });
    expect(batchPrice(null)).toBeNull();
  });

  it('computes a cell cost at the batch price', () => {
    const usage = usageFrom({ inputTokens: 1_000_000, outputTokens: 1_000_000 });
    expect(computeBatchCost(usage, { input: 2, output: 10 })).toBe(6);
    expect(computeBatchCost(usage, null)).toBeNull();
  });
});

describe('planBatches', () => {
  const cell = (customId: string, modelId: string) => ({
    customId,
    modelId,
    system: null,
    prompt: 'p',
    maxTokens: null,
    temperature: null,
  });
  it('cuts cells into one-model batches of at most the documented size, in order', () => {
    const cells = [cell('a1', 'a'), cell('b1', 'b'), cell('a2', 'a'), cell('a3', 'a'), cell('b2', 'b')];
    expect(planBatches(cells, 2).map((batch) => batch.map((entry) => entry.customId))).toEqual([['a1', 'a2'], ['a3'], ['b1', 'b2']]);
    expect(planBatches(cells, null).map((batch) => batch.length)).toEqual([3, 2]);
    expect(planBatches([], 10)).toEqual([]);
  });
});
