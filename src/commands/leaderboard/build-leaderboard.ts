import { rateModels, type ModelRating } from '../../rating/rate-models.js';
import type { StatsGroup } from '../../store/history-stats.js';
import type { Comparison, VerdictFilter } from '../../store/verdicts.js';

/** One model on the leaderboard: its rating and interval, record, and figures from the history. */
export interface LeaderboardRow {
  model: string;
  /** Elo-like scale, mean 1000; one decimal. */
  rating: number;
  /** The 95 % bootstrap interval. */
  low: number;
  high: number;
  wins: number;
  ties: number;
  losses: number;
  votes: number;
  /** Median latency of its successful calls in the history (same --since); null when none. */
  medianLatencyMs: number | null;
  /** Its cost per 1,000 字 in the history; null when unknown. */
  costPer1000Chars: number | null;
}

/** What `leaderboard --json` prints. */
export interface Leaderboard {
  source: VerdictFilter['source'];
  tags: string[];
  /** ISO time of --since, or null. */
  since: string | null;
  /** How many comparisons the ratings rest on. */
  comparisons: number;
  /** Ranked models, best first. */
  models: LeaderboardRow[];
  /** Models with fewer comparisons than --min-votes: rated, not ranked. */
  tooFewVotes: LeaderboardRow[];
}

/** How the leaderboard was asked for. */
export interface LeaderboardQuery {
  source: VerdictFilter['source'];
  tags: string[];
  since: string | null;
  minVotes: number;
  /** The bootstrap's random source (seeded by WECHAT_WRITER_SEED). */
  random: () => number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Rates the models of the comparisons and joins each with its latency and cost from the history stats. */
export function buildLeaderboard(comparisons: readonly Comparison[], groups: readonly StatsGroup[], query: LeaderboardQuery): Leaderboard {
  const ratings = rateModels(comparisons, { random: query.random, minVotes: query.minVotes });
  const byModel = new Map(groups.map((group) => [group.key, group]));
  const row = (model: ModelRating): LeaderboardRow => ({
    model: model.model,
    rating: oneDecimal(model.rating),
    low: oneDecimal(model.low),
    high: oneDecimal(model.high),
    wins: model.wins,
    ties: model.ties,
    losses: model.losses,
    votes: model.votes,
    medianLatencyMs: byModel.get(model.model)?.p50LatencyMs ?? null,
    costPer1000Chars: byModel.get(model.model)?.costPer1000Chars ?? null,
  });
  return {
    source: query.source,
    tags: query.tags,
    since: query.since,
    comparisons: comparisons.length,
    models: ratings.ranked.map(row),
    tooFewVotes: ratings.tooFewVotes.map(row),
  };
}
