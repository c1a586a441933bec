import { describe, expect, it } from 'vitest';
import { orderByStrategy, type Measure } from '../../src/routing/order-by-strategy.js';

const models = ['a:one', 'b:two', 'c:three'];
const measures = (entries: Record<string, Measure>) => new Map(Object.entries(entries));
const measured = (value: number | null, samples = 3): Measure => ({ value, samples, basis: 'role' });

describe('orderByStrategy', () => {
  it('priority keeps the written order', () => {
    const decision = orderByStrategy('priority', 'writer', models, new Map());
    expect(decision.order).toEqual(models);
    expect(decision.reasons.every((reason) => reason.basis === 'written')).toBe(true);
  });

  it('fastest puts the lowest median first; ties keep the written order', () => {
    const decision = orderByStrategy(
      'fastest',
      'writer',
      models,
      measures({ 'a:one': measured(900), 'b:two': measured(120), 'c:three': measured(120) }),
    );
    expect(decision.order).toEqual(['b:two', 'c:three', 'a:one']);
    expect(decision.reasons[0]).toEqual({ model: 'b:two', value: 120, samples: 3, basis: 'role' });
  });

  it('models never measured are tried first (in the written order) so they get measured; models that never answered go last', () => {
    const decision = orderByStrategy(
      'fastest',
      'writer',
      ['a:one', 'b:two', 'c:three', 'd:four'],
      measures({ 'a:one': measured(null, 4), 'c:three': measured(50) }),
    );
    expect(decision.order).toEqual(['b:two', 'd:four', 'c:three', 'a:one']);
    expect(decision.reasons.map((reason) => reason.basis)).toEqual(['unmeasured', 'unmeasured', 'role', 'role']);
  });

  it('healthiest puts the highest success rate first', () => {
    const decision = orderByStrategy(
      'healthiest',
      'writer',
      models,
      measures({ 'a:one': measured(0.5), 'b:two': measured(0.9), 'c:three': measured(1) }),
    );
    expect(decision.order).toEqual(['c:three', 'b:two', 'a:one']);
  });

  it('cheapest mixes recorded costs and prices, lowest first', () => {
    const decision = orderByStrategy(
      'cheapest',
      'writer',
      models,
      measures({
        'a:one': { value: 0.01, samples: 0, basis: 'price' },
        'b:two': measured(0.002),
        'c:three': { value: 0, samples: 0, basis: 'price' },
      }),
    );
    expect(decision.order).toEqual(['c:three', 'b:two', 'a:one']);
  });

  it('preferred ranks by rating and leaves models without votes after the rated ones', () => {
    const decision = orderByStrategy(
      'preferred',
      'writer',
      models,
      measures({ 'c:three': { value: 1080, samples: 6, basis: 'human' }, 'b:two': { value: 920, samples: 6, basis: 'human' } }),
    );
    expect(decision.order).toEqual(['c:three', 'b:two', 'a:one']);
    expect(decision.reasons[2]?.basis).toBe('unmeasured');
  });

  it('round-robin goes on after the last turn and wraps around', () => {
    expect(orderByStrategy('round-robin', 'writer', models, new Map(), null).order).toEqual(models);
    expect(orderByStrategy('round-robin', 'writer', models, new Map(), 'a:one').order).toEqual(['b:two', 'c:three', 'a:one']);
    expect(orderByStrategy('round-robin', 'writer', models, new Map(), 'c:three').order).toEqual(models);
    // a last turn no longer in the list starts from the top
    expect(orderByStrategy('round-robin', 'writer', models, new Map(), 'z:gone').order).toEqual(models);
  });
});
