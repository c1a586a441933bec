import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCost, formatCost } from '../../src/cost/compute-cost.js';
import { loadPriceOverrides } from '../../src/cost/load-price-overrides.js';
import { parsePriceOverrides } from '../../src/cost/price-overrides.js';
import { usageFrom } from '../../src/providers/language-model.js';
import { mapAnthropicUsage } from '../../src/providers/wire-formats/anthropic/map-anthropic-usage.js';
import { mapOpenAIUsage } from '../../src/providers/wire-formats/openai/map-openai-usage.js';

const usage = (input: number | null, output: number | null, cacheRead: number | null = null, cacheWrite: number | null = null) =>
  usageFrom({ inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite });

describe('computeCost', () => {
  it('prices input and output per 1M tokens', () => {
    expect(computeCost(usage(1_000_000, 500_000), { input: 0.2, output: 1.2 })).toBeCloseTo(0.8);
  });

  it('prices uncached input, cache reads and cache writes apart, the same for both wire formats', () => {
    const prices = { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 };
    const openai = mapOpenAIUsage({ prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 400 } });
    expect(openai).toMatchObject({ inputTokens: 1000, noCacheInputTokens: 600, cacheReadTokens: 400 });
    expect(computeCost(openai, prices)).toBeCloseTo((600 * 2 + 400 * 0.2) / 1e6);
    // Messages reports input_tokens without the cached part: the normalized input is the total.
    const anthropic = mapAnthropicUsage({
      input_tokens: 1000,
      output_tokens: 100,
      cache_read_input_tokens: 400,
      cache_creation_input_tokens: 200,
    });
    expect(anthropic).toMatchObject({ inputTokens: 1600, noCacheInputTokens: 1000, cacheReadTokens: 400, cacheWriteTokens: 200 });
    expect(computeCost(anthropic, prices)).toBeCloseTo((1000 * 2 + 400 * 0.2 + 200 * 2.5 + 100 * 10) / 1e6);
  });

  it('is null, never 0, when the price or the counts are unknown', () => {
    expect(computeCost(usage(10, 10), null)).toBeNull();
    expect(computeCost(usage(null, 10), { input: 1, output: 1 })).toBeNull();
    expect(computeCost(usage(10, 10), { input: 0, output: 0 })).toBe(0);
    expect(formatCost(null)).toBe('—');
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(0.000042)).toBe('$0.00004');
  });
});

describe('price overrides', () => {
  it('accepts prices per provider:model and rejects anything else with the fix', () => {
    expect(parsePriceOverrides('{"deepseek:deepseek-flash": {"input": 0.3, "output": 1.2, "cacheRead": 0.01}}', 'x')).toEqual({
      'deepseek:deepseek-flash': { input: 0.3, output: 1.2, cacheRead: 0.01 },
    });
    expect(() => parsePriceOverrides('{"deepseek-flash": {"input": 1, "output": 1}}', 'x')).toThrowError(/provider:model/);
    expect(() => parsePriceOverrides('{"a:b": {"input": "cheap", "output": 1}}', 'x')).toThrowError(/USD per 1M tokens/);
    expect(() => parsePriceOverrides('{oops', 'x')).toThrowError(/not valid JSON/);
  });

  it('reads WECHAT_WRITER_PRICES (inline or a file), else prices.json in the home directory', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ww-prices-'));
    const read = (filePath: string) => readFile(filePath, 'utf8');
    expect(await loadPriceOverrides({}, home, read)).toEqual({});
    writeFileSync(path.join(home, 'prices.json'), '{"mock:alpha": {"input": 1, "output": 2}}');
    expect(await loadPriceOverrides({}, home, read)).toEqual({ 'mock:alpha': { input: 1, output: 2 } });
    expect(await loadPriceOverrides({ WECHAT_WRITER_PRICES: '{"mock:beta": {"input": 3, "output": 4}}' }, home, read)).toEqual({
      'mock:beta': { input: 3, output: 4 },
    });
    await expect(loadPriceOverrides({ WECHAT_WRITER_PRICES: '/no/such.json' }, home, read)).rejects.toThrowError(/cannot be read/);
  });
});
