import { describe, expect, it } from 'vitest';
import { renderMatrixTable } from '../../src/ui/matrix-table.js';
import { summarizeModels } from '../../src/ui/matrix-summary.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';

const cell = (promptId: string, model: string, overrides: Partial<ModelResult> = {}): ModelResult => ({
  ...okResult(model, `# ${promptId} ${model}`, { latencyMs: 100, costUsd: 0.001, ...overrides }),
  promptId,
});

const judgement = (score: number) => ({
  score,
  scores: { title: score, opening: score, structure: score, readability: score, factualCare: score },
  reasons: { title: '', opening: '', structure: '', readability: '', factualCare: '' },
});

describe('summarizeModels', () => {
  it('counts judge wins per prompt (ties for each), mean latency of successes, total tokens and cost', () => {
    const results = [
      cell('p1', 'mock:a', { judge: judgement(8) }),
      cell('p1', 'mock:b', { judge: judgement(6), latencyMs: 300 }),
      cell('p2', 'mock:a', { judge: judgement(7) }),
      cell('p2', 'mock:b', { judge: judgement(7), latencyMs: 500 }),
    ];
    const [a, b] = summarizeModels(results);
    expect(a).toMatchObject({ model: 'mock:a', calls: 2, ok: 2, wins: 2, meanLatencyMs: 100 });
    expect(b).toMatchObject({ model: 'mock:b', wins: 1, meanLatencyMs: 400, costUsd: 0.002 });
  });

  it('has no wins column without a judge', () => {
    expect(summarizeModels([cell('p1', 'mock:a')])[0]?.wins).toBeNull();
  });
});

describe('renderMatrixTable', () => {
  it('groups calls by prompt, adds a row per model, and lists failures', () => {
    const failed = cell('p2', 'mock:b', {
      status: 'error',
      servedBy: null,
      text: null,
      error: { type: 'TIMEOUT', message: 'TIMEOUT: no answer', retryable: true, status: null, requestId: null, retryAfterMs: null },
    });
    const table = renderMatrixTable([cell('p1', 'mock:a'), cell('p1', 'mock:b'), cell('p2', 'mock:a'), failed], { colorLevel: 0 });
    const lines = table.split('\n');
    const p1 = lines.findIndex((line) => line.includes(' p1 '));
    const p2 = lines.findIndex((line) => line.includes(' p2 '));
    expect(p1).toBeGreaterThan(0);
    expect(p2).toBeGreaterThan(p1);
    expect(lines.slice(p1 + 1, p2).filter((line) => line.includes('mock:'))).toHaveLength(2);
    expect(table).toMatch(/mock:b\s+│\s+1\/2/);
    expect(table).toContain('✗ p2 × mock:b: TIMEOUT: no answer');
  });
});
