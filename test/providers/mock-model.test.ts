import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { createMockModel, parseMockModelId } from '../../src/providers/wire-formats/mock/mock-model.js';

const request = (prompt = '请围绕选题「城市骑行」写一篇微信公众号文章。'): GenerateRequest => ({
  modelId: 'alpha',
  system: 'sys',
  prompt,
  maxTokens: null,
  temperature: null,
  timeoutMs: 1000,
});

describe('mock model', () => {
  it('is deterministic per model name and prompt, and streams the same text it returns', async () => {
    const first = await createMockModel('alpha', {}).generate(request());
    const again = await createMockModel('alpha', {}).generate(request());
    const other = await createMockModel('beta', {}).generate(request());
    expect(again.text).toBe(first.text);
    expect(again.usage).toEqual(first.usage);
    expect(other.text).not.toBe(first.text);
    expect(first.text.startsWith('# 城市骑行')).toBe(true);
    expect(first.usage.inputTokens).toBeGreaterThan(0);
    expect(first.usage.outputTokens).toBeGreaterThan(0);

    const deltas: string[] = [];
    const streamed = await createMockModel('alpha', {}).stream(request(), (delta) => deltas.push(delta.text));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(first.text);
    expect(streamed.ttftMs).not.toBeNull();
  });

  it('reads delay and failure rate from the id, else from env', () => {
    expect(parseMockModelId('beta?delay=200&fail=0.5', {})).toEqual({ name: 'beta', settings: { delayMs: 200, failureRate: 0.5 } });
    expect(parseMockModelId('alpha', { WECHAT_WRITER_MOCK_DELAY_MS: '50', WECHAT_WRITER_MOCK_FAILURE_RATE: '2' })).toEqual({
      name: 'alpha',
      settings: { delayMs: 50, failureRate: 1 },
    });
  });

  it('fails as SERVER_ERROR at failure rate 1 and spends its delay', async () => {
    const failing = createMockModel('gamma?fail=1', {});
    await expect(failing.generate(request())).rejects.toThrowError(ProviderError);
    // A delayed mock waits on timers between its pieces: one turn of the event loop is not enough to finish it.
    const slow = createMockModel('slow?delay=60', {});
    let finished = false;
    const streaming = slow.stream(request(), () => {}).then(() => (finished = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    await streaming;
    expect(finished).toBe(true);
  });
});
