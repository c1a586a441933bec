import { formatCost } from '../cost/compute-cost.js';
import { formatDuration } from '../format/format-metrics.js';
import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import type { RouteDecision, RouteReason, StrategyName } from './route-decision.js';

/** A strategy's name in the run's language. */
export const strategyLabel = (strategy: StrategyName): string => t(`routing.strategy.${strategy}`);

function measured(strategy: StrategyName, reason: RouteReason): string {
  const count = reason.samples;
  const calls = count === 1 ? t('routing.calls.one') : t('routing.calls.many', { count });
  if (reason.value === null)
    return strategy === 'cheapest' ? t('routing.reason.costUnknown', { calls }) : t('routing.reason.neverAnswered', { calls });
  switch (strategy) {
    case 'fastest':
      return t('routing.reason.latency', { latency: formatDuration(reason.value), calls });
    case 'cheapest':
      return reason.basis === 'price'
        ? t('routing.reason.price', { cost: formatCost(reason.value) })
        : t('routing.reason.cost', { cost: formatCost(reason.value), calls });
    case 'healthiest':
      return t('routing.reason.successRate', { rate: Math.round(reason.value * 100), calls });
    default:
      return t('routing.reason.rating', {
        rating: Math.round(reason.value),
        count,
        source: t(`routing.reason.${reason.basis === 'human' ? 'human' : 'judge'}`),
      });
  }
}

/** Why one model stands where it does, in a few words. */
export function describeReason(strategy: StrategyName, reason: RouteReason): string {
  if (reason.basis === 'written') return t('routing.reason.written');
  if (reason.basis === 'turn')
    return reason.value === 0 ? t('routing.reason.turnFirst') : t('routing.reason.turn', { turn: (reason.value ?? 0) + 1 });
  if (reason.basis === 'unmeasured') return strategy === 'preferred' ? t('routing.reason.unrated') : t('routing.reason.unmeasured');
  const text = measured(strategy, reason);
  return reason.basis === 'comparisons' ? t('routing.reason.comparisons', { reason: text }) : text;
}

/** What `--explain` prints for one call of a role: the order chosen and why, one line per model. */
export function explainRoute(decision: RouteDecision): string[] {
  const head = t('routing.explain.head', {
    role: terminalSafe(decision.role),
    strategy: strategyLabel(decision.strategy),
    model: terminalSafe(decision.order[0] ?? ''),
  });
  const lines = decision.reasons.map(
    (reason, index) =>
      `  ${t('routing.explain.line', { position: index + 1, model: terminalSafe(reason.model), reason: describeReason(decision.strategy, reason) })}`,
  );
  return [head, ...lines];
}

/** The line a run prints (with or without `--explain`) when the strategy knows nothing of some models. */
export function unmeasuredNote(decision: RouteDecision): string | null {
  const models = decision.reasons.filter((reason) => reason.basis === 'unmeasured').map((reason) => terminalSafe(reason.model));
  if (models.length === 0) return null;
  const role = terminalSafe(decision.role);
  if (decision.strategy === 'preferred') return t('routing.note.unrated', { role, models: models.join(', ') });
  return t('routing.note.unmeasured', { role, strategy: strategyLabel(decision.strategy), models: models.join(', ') });
}
