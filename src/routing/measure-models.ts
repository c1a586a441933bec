import type { ResolvedModel } from '../providers/registry.js';
import { batchApiServer } from '../run/model-result.js';
import type { Measure } from './order-by-strategy.js';
import type { StrategyName } from './route-decision.js';
import type { RecentCall, RouteHistory } from './route-evidence.js';

/** How far back strategies look, and how many of a model's calls they read at most. */
export const recentDays = 30;
export const recentCalls = 50;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A call the model answered itself (not a fallback's answer, not a failure). */
const answered = (model: string) => (call: RecentCall) => call.status === 'ok' && call.servedBy === model;

/**
 * The model's recent calls in the role, else (none there yet) in plain comparisons, which ask for a
 * whole draft too (another role's calls, e.g. a planner's outline, would not compare).
 */
function callsOf(
  model: string,
  role: string,
  history: RouteHistory,
  since: string,
): { calls: RecentCall[]; basis: 'role' | 'comparisons' } {
  // answers collected from a provider's batch API (hours later, at half price) say nothing of a call's speed or health
  const direct = (calls: RecentCall[]) => calls.filter((call) => call.servedBy !== batchApiServer);
  const inRole = direct(history.recentCalls(model, role, since, recentCalls));
  return inRole.length > 0
    ? { calls: inRole, basis: 'role' }
    : { calls: direct(history.recentCalls(model, null, since, recentCalls)), basis: 'comparisons' };
}

const unmeasured: Measure = { value: null, samples: 0, basis: 'unmeasured' };

function measureFromCalls(
  strategy: 'fastest' | 'cheapest' | 'healthiest',
  model: ResolvedModel,
  role: string,
  history: RouteHistory,
  since: string,
): Measure {
  const { calls, basis } = callsOf(model.id, role, history, since);
  const own = calls.filter(answered(model.id));
  if (strategy === 'healthiest')
    return calls.length === 0 ? unmeasured : { value: own.length / calls.length, samples: calls.length, basis };
  if (strategy === 'fastest') {
    if (calls.length === 0) return unmeasured;
    return own.length === 0
      ? { value: null, samples: calls.length, basis }
      : { value: median(own.map((call) => call.latencyMs)), samples: own.length, basis };
  }
  const costed = own.filter((call) => call.costUsd !== null && (call.outputTokens ?? 0) > 0);
  if (costed.length > 0) {
    const perThousand = (sum(costed.map((call) => call.costUsd as number)) / sum(costed.map((call) => call.outputTokens as number))) * 1000;
    return { value: perThousand, samples: costed.length, basis };
  }
  if (model.prices) {
    // what a call costs per 1,000 output tokens at its price, with the input its calls brought along (else as much as it wrote)
    const measured = own.filter((call) => (call.inputTokens ?? 0) > 0 && (call.outputTokens ?? 0) > 0);
    const inputPerOutput =
      measured.length > 0
        ? sum(measured.map((call) => call.inputTokens as number)) / sum(measured.map((call) => call.outputTokens as number))
        : 1;
    return { value: (model.prices.input * inputPerOutput + model.prices.output) / 1000, samples: 0, basis: 'price' };
  }
  return calls.length === 0 ? unmeasured : { value: null, samples: calls.length, basis };
}

/**
 * What the strategy measures of each model of a role, from the history of the last `recentDays`:
 * median latency of the calls it answered (fastest), USD per 1,000 output tokens from recorded costs,
 * else from its price (cheapest), the share of its calls it answered itself (healthiest), its rating
 * from human votes and picks, else judge votes when no model of the role has human ones (preferred).
 */
export function measureModels(
  strategy: Exclude<StrategyName, 'priority' | 'round-robin'>,
  role: string,
  chain: readonly ResolvedModel[],
  history: RouteHistory,
  now: Date,
  tags: readonly string[] = [],
): Map<string, Measure> {
  const measures = new Map<string, Measure>();
  if (strategy === 'preferred') {
    const human = history.standings('human', tags);
    const source = chain.some((model) => human.has(model.id)) ? 'human' : 'judge';
    const standings = source === 'human' ? human : history.standings('judge', tags);
    for (const model of chain) {
      const standing = standings.get(model.id);
      measures.set(model.id, standing ? { value: standing.rating, samples: standing.votes, basis: source } : unmeasured);
    }
    return measures;
  }
  const since = new Date(now.getTime() - recentDays * 86_400_000).toISOString();
  for (const model of chain) measures.set(model.id, measureFromCalls(strategy, model, role, history, since));
  return measures;
}
