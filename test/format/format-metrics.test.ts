import { describe, expect, it } from 'vitest';
import { tokensPerSecond } from '../../src/format/format-metrics.js';
import { okResult } from '../support/model-result-fixture.js';

describe('tokensPerSecond', () => {
  it('counts the output tokens over the time after the first token when streamed, else over the whole call', () => {
    expect(tokensPerSecond(okResult('a:b', 'x', { latencyMs: 1210, ttftMs: 210 }))).toBe(345);
    expect(tokensPerSecond(okResult('a:b', 'x', { latencyMs: 1000, ttftMs: null }))).toBe(345);
  });

  it('is unknown when the tokens are, when the call failed, or when the time is too short to measure', () => {
    expect(tokensPerSecond(okResult('a:b', 'x', { usage: { ...okResult('a:b', 'x').usage, outputTokens: null } }))).toBeNull();
    expect(tokensPerSecond(okResult('a:b', 'x', { status: 'error' }))).toBeNull();
    expect(tokensPerSecond(okResult('mock:alpha', 'x', { latencyMs: 1, ttftMs: 1 }))).toBeNull();
    expect(tokensPerSecond(okResult('mock:alpha', 'x', { latencyMs: 9, ttftMs: null }))).toBeNull();
  });
});
