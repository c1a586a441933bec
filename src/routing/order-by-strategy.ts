import type { RouteDecision, RouteReason, StrategyName } from './route-decision.js';

/** What a strategy measured of one model; `value` null when nothing is known of it. */
export type Measure = Omit<RouteReason, 'model'>;

/** Whether a lower value is better, and where models with nothing measured go. */
const rules: Record<Exclude<StrategyName, 'priority' | 'round-robin'>, { lowerIsBetter: boolean; unmeasuredFirst: boolean }> = {
  // a model never measured is tried before the measured ones (in the written order), so it gets measured
  fastest: { lowerIsBetter: true, unmeasuredFirst: true },
  cheapest: { lowerIsBetter: true, unmeasuredFirst: true },
  healthiest: { lowerIsBetter: false, unmeasuredFirst: true },
  // votes come from the writer, not from calls: a model without any waits behind the rated ones
  preferred: { lowerIsBetter: false, unmeasuredFirst: false },
};

/**
 * Orders a role's models (ids in the written order) by what the strategy measured of each. Ties and
 * unmeasured models keep the written order. `priority` keeps it entirely; `round-robin` starts after
 * `lastTurn` (the model the role's previous call started with) and goes round.
 */
export function orderByStrategy(
  strategy: StrategyName,
  role: string,
  models: readonly string[],
  measures: ReadonlyMap<string, Measure>,
  lastTurn: string | null = null,
): RouteDecision {
  const written = (model: string): RouteReason => ({ model, value: null, samples: 0, basis: 'written' });
  if (strategy === 'priority') return { strategy, role, order: [...models], reasons: models.map(written) };
  if (strategy === 'round-robin') {
    const start = lastTurn === null ? 0 : (models.indexOf(lastTurn) + 1) % models.length;
    const order = [...models.slice(start), ...models.slice(0, start)];
    return { strategy, role, order, reasons: order.map((model, turn) => ({ model, value: turn, samples: 0, basis: 'turn' })) };
  }
  const rule = rules[strategy];
  const reason = (model: string): RouteReason => ({ model, ...(measures.get(model) ?? { value: null, samples: 0, basis: 'unmeasured' }) });
  const reasons = models.map(reason);
  const unmeasured = reasons.filter((entry) => entry.basis === 'unmeasured');
  const measured = reasons.filter((entry) => entry.basis !== 'unmeasured' && entry.value !== null);
  // called, but nothing to rank it by (never succeeded, cost unknown): after the ranked ones
  const unranked = reasons.filter((entry) => entry.basis !== 'unmeasured' && entry.value === null);
  const sign = rule.lowerIsBetter ? 1 : -1;
  // Array.prototype.sort is stable: equal values keep the written order
  measured.sort((left, right) => sign * ((left.value as number) - (right.value as number)));
  const ordered = rule.unmeasuredFirst ? [...unmeasured, ...measured, ...unranked] : [...measured, ...unranked, ...unmeasured];
  return { strategy, role, order: ordered.map((entry) => entry.model), reasons: ordered };
}
