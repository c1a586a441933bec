import type { Leaderboard } from '../../commands/leaderboard/build-leaderboard.js';
import type { ProviderHealth } from '../../health/provider-health.js';
import type { ProviderLimitUse } from '../../limits/provider-limit-use.js';
import type { JsonReport } from '../../report/json-report.js';
import type { ModelResult } from '../../run/model-result.js';
import type { StatsReport, TrendDay } from '../../store/history-stats.js';
import type { RunSummary } from '../../store/list-runs.js';
import type { DuelOutcome } from '../../store/verdicts.js';

export type { Leaderboard, LeaderboardRow } from '../../commands/leaderboard/build-leaderboard.js';
export type { ProviderHealth } from '../../health/provider-health.js';
export type { JsonReport } from '../../report/json-report.js';
export type { ModelResult } from '../../run/model-result.js';
export type { StatsGroup, TrendDay } from '../../store/history-stats.js';
export type { RunSummary } from '../../store/list-runs.js';
export type { DuelOutcome } from '../../store/verdicts.js';

/** One line of the runs list: `history --json`'s run, with its tags when it has any. */
export type RunListItem = RunSummary & { tags?: string[] };

/** The filters a runs list was asked with (as parsed; absent ones are null). */
export interface RunsQuery {
  search: string | null;
  model: string | null;
  tag: string | null;
  kind: RunSummary['kind'] | null;
  limit: number;
  offset: number;
}

/** GET /api/runs: `history --json` ({version, runs}), with the query echoed and whether more runs follow. */
export interface RunsDocument {
  version: 1;
  runs: RunListItem[];
  query: RunsQuery;
  /** True when another page (offset + limit) has runs. */
  more: boolean;
  /** Models seen in the history (for the model filter), sorted. */
  models: string[];
}

/**
 * GET /api/runs/:id: `history show --json` (the JSON report with tags, votes, picks, publications),
 * plus the run's kind, topic and parent for the page heading. A write run's results carry `stage`;
 * every result its stored `position`.
 */
export type RunDocument = Omit<JsonReport, 'results'> & {
  kind: RunSummary['kind'];
  topic: string;
  parentRunId: number | null;
  publications?: unknown[];
  /** Each result with its stored `position` (as SSE `result` events and votes name it). */
  results: (ModelResult & { role?: string; stage?: string; position: number })[];
};

/** GET /api/runs/:id/results: the run's results alone, as in RunDocument. */
export interface ResultsDocument {
  version: 1;
  runId: number;
  results: RunDocument['results'];
}

/** One side of a blind duel: where the draft is stored and its text (model names masked), never the model. */
export interface BlindDraft {
  /** `results.position` of the draft: what POST /api/votes sends back as `a` / `b`. */
  position: number;
  text: string;
}

/** One blind duel: 稿件 A and 稿件 B of one prompt, shuffled. */
export interface BlindDuel {
  promptId: string | null;
  a: BlindDraft;
  b: BlindDraft;
}

/** GET /api/runs/:id/duels: the run's next blind duels (planned as `vote` plans them); empty when not votable. */
export interface DuelsDocument {
  version: 1;
  runId: number;
  duels: BlindDuel[];
  /** Why there are no duels (a write run, fewer than two successful drafts), in the page language; null otherwise. */
  reason: string | null;
}

/** POST /api/votes body. `a` / `b` are the positions of BlindDraft; `winner` as the vote keys. */
export interface VoteRequest {
  runId: number;
  promptId?: string | null;
  a: number;
  b: number;
  winner: DuelOutcome;
  voter?: string;
}

/** POST /api/votes reply: the vote as stored, names revealed. */
export interface VoteReceipt {
  version: 1;
  runId: number;
  promptId: string | null;
  a: { position: number; model: string };
  b: { position: number; model: string };
  winner: DuelOutcome;
  voter: string;
  createdAt: string;
}

/** POST /api/picks body: the model as `pick` takes it (exact id, alias or model part). */
export interface PickRequest {
  runId: number;
  model: string;
  promptId?: string | null;
  voter?: string;
}

/** POST /api/picks reply: what `pick` prints, as data. */
export interface PickReceipt {
  version: 1;
  runId: number;
  model: string;
  promptId: string | null;
  voter: string;
  /** The lines `pick` prints (recorded, and chosen.md copied or why not), in the request's language. */
  messages: string[];
}

/** GET /api/stats: `stats --json` ({version, by, since, groups, trend}), the trend per day always included. */
export type StatsDocument = { version: 1 } & StatsReport & { trend: TrendDay[] };

/** GET /api/leaderboard: `leaderboard --json`. */
export type LeaderboardDocument = Leaderboard;

/** One provider as the view shows it: never a key, a key's value or a base URL. */
export interface ViewProvider {
  id: string;
  name: string;
  defaultModel: string;
  keyRequired: boolean;
  keyConfigured: boolean;
  usable: boolean;
  /** Rest, unusable key, recent success rate: only when there is something to tell. */
  health?: ProviderHealth;
  /** Use of its configured limits, only when it has some. */
  limits?: ProviderLimitUse;
}

/** GET /api/providers. */
export interface ProvidersDocument {
  version: 1;
  providers: ViewProvider[];
}

/** An SSE `run` event: a run appeared or changed (its result counts so far). */
export interface RunEvent {
  runId: number;
  kind: RunSummary['kind'];
  topic: string;
  ok: number;
  failed: number;
}

/** An SSE `result` event: a result was stored. */
export interface ResultEvent {
  runId: number;
  position: number;
  model: string;
  status: ModelResult['status'];
}

/** Every API error: one line in the request's language. */
export interface ErrorDocument {
  error: string;
}
