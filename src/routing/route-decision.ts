/** How a role orders its models: the written order, or one learnt from the history and the votes. */
export const strategyNames = ['priority', 'round-robin', 'fastest', 'cheapest', 'healthiest', 'preferred'] as const;

/** A role's strategy (config `strategy:`); `priority` (the written order) when not set. */
export type StrategyName = (typeof strategyNames)[number];

/** Why one model stands where it does in the order a strategy chose. */
export interface RouteReason {
  model: string;
  /**
   * What the strategy measured (null when nothing is known): median latency in ms (fastest), USD per
   * 1,000 output tokens (cheapest), success rate 0–1 (healthiest), rating (preferred), turn (round-robin).
   */
  value: number | null;
  /** Calls (or votes) the value is drawn from; 0 when it is a price or nothing is known. */
  samples: number;
  /**
   * Where the value comes from: this role's calls, the model's calls in plain comparisons (none in
   * this role yet), its catalogue price, human or judge votes; `unmeasured` when nothing is known.
   */
  basis: 'role' | 'comparisons' | 'price' | 'human' | 'judge' | 'turn' | 'unmeasured' | 'written';
}

/** The order a strategy chose for one call of a role, and why: printed by `--explain`, kept in the history. */
export interface RouteDecision {
  strategy: StrategyName;
  /** The role (or group) whose models were ordered. */
  role: string;
  /** Model ids, first the one called, then the fallback chain. */
  order: string[];
  /** One per model of `order`, same order. */
  reasons: RouteReason[];
}
