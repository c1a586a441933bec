import { terminalSafe } from '../format/terminal-safe.js';
import { t } from '../i18n/translate.js';
import type { ResolvedModel } from '../providers/registry.js';
import { strategyLabel, unmeasuredNote } from './describe-route.js';
import { measureModels } from './measure-models.js';
import { orderByStrategy } from './order-by-strategy.js';
import type { RouteDecision, StrategyName } from './route-decision.js';
import type { ModelStanding, RouteHistory } from './route-evidence.js';

/** A role's chain as a strategy ordered it for one call. */
export interface Routed {
  /** The models to call: the first, then its fallbacks. */
  chain: ResolvedModel[];
  /** The order and why; null under `priority` (the written order, nothing to record). */
  decision: RouteDecision | null;
  /** Lines the run prints whatever `--explain` says (models not measured yet, history off). */
  notes: string[];
}

/** Orders a role's models for each call, by the role's strategy. */
export interface Router {
  route(role: string, strategy: StrategyName | undefined, chain: readonly ResolvedModel[]): Routed;
}

/** What a router reads: the history (null when it is off), the clock, and the run's tags (`preferred`). */
export interface RouterDeps {
  history: RouteHistory | null;
  now(): Date;
  tags?: readonly string[];
}

/**
 * A router for one run. Round-robin goes on from the role's last call in the history, then turns
 * within the run; `preferred` reads the ratings once a run. Without a history every strategy keeps
 * the written order (saying so once per role).
 */
export function createRouter(deps: RouterDeps): Router {
  const turns = new Map<string, string>();
  const standings = new Map<string, Map<string, ModelStanding>>();
  const toldHistoryOff = new Set<string>();
  const history: RouteHistory | null = deps.history && {
    ...deps.history,
    recentCalls: deps.history.recentCalls.bind(deps.history),
    lastTurn: deps.history.lastTurn.bind(deps.history),
    standings: (source, tags) => {
      const key = `${source}\u0000${tags.join('\u0000')}`;
      const known = standings.get(key) ?? (deps.history as RouteHistory).standings(source, tags);
      standings.set(key, known);
      return known;
    },
  };
  return {
    route(role, strategy, chain) {
      if (strategy === undefined || strategy === 'priority' || chain.length < 2) return { chain: [...chain], decision: null, notes: [] };
      const ids = chain.map((model) => model.id);
      if (!history && strategy !== 'round-robin') {
        const notes = toldHistoryOff.has(role)
          ? []
          : [t('routing.note.historyOff', { role: terminalSafe(role), strategy: strategyLabel(strategy) })];
        toldHistoryOff.add(role);
        return { chain: [...chain], decision: null, notes };
      }
      let decision: RouteDecision;
      try {
        if (strategy === 'round-robin') {
          const last = turns.get(role) ?? history?.lastTurn(role) ?? null;
          decision = orderByStrategy(strategy, role, ids, new Map(), last);
          turns.set(role, decision.order[0] as string);
        } else {
          const measures = measureModels(strategy, role, chain, history as RouteHistory, deps.now(), deps.tags ?? []);
          decision = orderByStrategy(strategy, role, ids, measures);
        }
      } catch {
        // the history could not be read (locked, damaged): the call goes ahead in the written order
        return {
          chain: [...chain],
          decision: null,
          notes: [t('routing.note.historyOff', { role: terminalSafe(role), strategy: strategyLabel(strategy) })],
        };
      }
      const byId = new Map(chain.map((model) => [model.id, model]));
      const note = unmeasuredNote(decision);
      return { chain: decision.order.map((id) => byId.get(id) as ResolvedModel), decision, notes: note ? [note] : [] };
    },
  };
}
