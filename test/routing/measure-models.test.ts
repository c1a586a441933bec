import { describe, expect, it } from 'vitest';
import { measureModels, recentCalls } from '../../src/routing/measure-models.js';
import type { RecentCall, RouteHistory } from '../../src/routing/route-evidence.js';
import { standingsOf } from '../../src/routing/standings-of.js';
import type { Comparison } from '../../src/store/verdicts.js';
import { resolveModelList } from '../../src/providers/registry.js';

const now = new Date('2026-12-01T10:00:00Z');
const ok = (model: string, latencyMs: number, extra: Partial<RecentCall> = {}): RecentCall => ({
  status: 'ok',
  servedBy: model,
  latencyMs,
  costUsd: null,
  inputTokens: 100,
  outputTokens: 1000,
  ...extra,
});
const failed = (): RecentCall => ({ status: 'error', servedBy: null, latencyMs: 30, costUsd: null, inputTokens: null, outputTokens: null });

function historyOf(
  calls: Record<string, { role?: RecentCall[]; comparisons?: RecentCall[] }>,
  comparisons: Comparison[] = [],
): RouteHistory & { asked: unknown[][] } {
  const asked: unknown[][] = [];
  return {
    asked,
    recentCalls: (model, role, since, limit) => {
      asked.push([model, role, since, limit]);
      const entry = calls[model] ?? {};
      return (role === null ? entry.comparisons : entry.role) ?? [];
    },
    lastTurn: () => null,
    standings: (source) => standingsOf(comparisons.filter((comparison) => comparison.source === source)),
  };
}

const chain = resolveModelList('mock:alpha,mock:beta,mock:gamma', {}, undefined);

describe('measureModels', () => {
  it('fastest: the median latency of the calls a model answered itself, in the role, over the last 30 days', () => {
    const history = historyOf({
      'mock:alpha': { role: [ok('mock:alpha', 900), ok('mock:alpha', 100), ok('mock:alpha', 300), failed()] },
      'mock:beta': { role: [ok('mock:beta', 200), ok('mock:beta', 400)] },
      // answered only by a fallback: no latency of its own
      'mock:gamma': { role: [{ ...ok('mock:gamma', 50), servedBy: 'mock:alpha' }] },
    });
    const measures = measureModels('fastest', 'writer', chain, history, now);
    expect(measures.get('mock:alpha')).toEqual({ value: 300, samples: 3, basis: 'role' });
    expect(measures.get('mock:beta')).toEqual({ value: 300, samples: 2, basis: 'role' });
    expect(measures.get('mock:gamma')).toEqual({ value: null, samples: 1, basis: 'role' });
    expect(history.asked[0]).toEqual(['mock:alpha', 'writer', '2026-11-01T10:00:00.000Z', recentCalls]);
  });

  it('falls back to plain comparisons when the role has none, and says so; nothing at all is unmeasured', () => {
    const history = historyOf({ 'mock:beta': { comparisons: [ok('mock:beta', 250)] } });
    const measures = measureModels('fastest', 'writer', chain, history, now);
    expect(measures.get('mock:beta')).toEqual({ value: 250, samples: 1, basis: 'comparisons' });
    expect(measures.get('mock:alpha')).toEqual({ value: null, samples: 0, basis: 'unmeasured' });
  });

  it('healthiest: the share of calls the model answered itself', () => {
    const history = historyOf({
      'mock:alpha': { role: [ok('mock:alpha', 1), failed(), failed(), { ...ok('mock:alpha', 1), servedBy: 'mock:beta' }] },
    });
    expect(measureModels('healthiest', 'writer', chain, history, now).get('mock:alpha')).toEqual({
      value: 0.25,
      samples: 4,
      basis: 'role',
    });
  });

  it('cheapest: recorded cost per 1,000 output tokens, else the price with the input its calls brought', () => {
    const priced = chain.map((model, index) => (index === 2 ? { ...model, prices: { input: 1, output: 4 } } : model));
    const history = historyOf({
      'mock:alpha': {
        role: [ok('mock:alpha', 1, { costUsd: 0.002, outputTokens: 1000 }), ok('mock:alpha', 1, { costUsd: 0.006, outputTokens: 1000 })],
      },
      'mock:beta': { role: [ok('mock:beta', 1)] },
      'mock:gamma': { role: [ok('mock:gamma', 1, { inputTokens: 2000, outputTokens: 1000 })] },
    });
    const measures = measureModels('cheapest', 'writer', priced, history, now);
    expect(measures.get('mock:alpha')).toEqual({ value: 0.004, samples: 2, basis: 'role' });
    // called, but no cost and no price: not ranked
    expect(measures.get('mock:beta')).toEqual({ value: null, samples: 1, basis: 'role' });
    // (1 $/M × 2 input per output + 4 $/M) per 1,000 output tokens
    expect(measures.get('mock:gamma')).toEqual({ value: 0.006, samples: 0, basis: 'price' });
  });

  it('preferred: human ratings first, judge ratings when no model of the role has human ones', () => {
    const vote = (modelA: string, modelB: string, source: 'human' | 'judge'): Comparison => ({
      modelA,
      modelB,
      outcome: 'a',
      source,
      runId: 1,
    });
    const judgeOnly = historyOf({}, [vote('mock:gamma', 'mock:alpha', 'judge'), vote('mock:gamma', 'mock:alpha', 'judge')]);
    const byJudge = measureModels('preferred', 'writer', chain, judgeOnly, now);
    expect(byJudge.get('mock:gamma')?.basis).toBe('judge');
    expect(byJudge.get('mock:gamma')?.value).toBeGreaterThan(byJudge.get('mock:alpha')?.value as number);
    expect(byJudge.get('mock:beta')?.basis).toBe('unmeasured');

    const both = historyOf({}, [
      vote('mock:gamma', 'mock:alpha', 'judge'),
      vote('mock:beta', 'mock:gamma', 'human'),
      vote('mock:beta', 'mock:gamma', 'human'),
    ]);
    const byHuman = measureModels('preferred', 'writer', chain, both, now);
    expect(byHuman.get('mock:beta')).toMatchObject({ samples: 2, basis: 'human' });
    expect(byHuman.get('mock:beta')?.value).toBeGreaterThan(byHuman.get('mock:gamma')?.value as number);
    expect(byHuman.get('mock:alpha')?.basis).toBe('unmeasured');
  });
});
