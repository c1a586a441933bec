/** One recent call of a model, as the history keeps it: what strategies measure. */
export interface RecentCall {
  status: 'ok' | 'error';
  /** Who answered: the model itself, a fallback, or nobody. */
  servedBy: string | null;
  latencyMs: number;
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

/** A model's standing in the verdicts: its rating among the models compared, and on how many comparisons. */
export interface ModelStanding {
  rating: number;
  votes: number;
}

/** What strategies read from the history; the command layer implements it over the history store. */
export interface RouteHistory {
  /**
   * The model's most recent calls since `since` (ISO time), newest first, at most `limit`, in `role`
   * (null: plain comparisons).
   */
  recentCalls(model: string, role: string | null, since: string, limit: number): RecentCall[];
  /** The model a role's last call under `round-robin` asked first; null when there was none. */
  lastTurn(role: string): string | null;
  /** Ratings from the votes and picks of `source`, only those of runs or prompts carrying every tag. */
  standings(source: 'human' | 'judge', tags: readonly string[]): Map<string, ModelStanding>;
}
