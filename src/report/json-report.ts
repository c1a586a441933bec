import type { JudgeCall } from '../judge/judge-score.js';
import type { PairwiseSummary } from '../judge/pairwise-types.js';
import type { RunPlan } from '../plan/run-plan.js';
import type { ModelResult } from '../run/model-result.js';
import { currentRunTags } from '../store/run-tags-scope.js';
import type { StoredPick, StoredVote } from '../store/verdicts.js';

/** A vote as reports show it (`history show`): a StoredVote without its run id and tags. */
export type ReportVote = Omit<StoredVote, 'runId' | 'tags'>;

/** A pick as reports show it. */
export type ReportPick = Omit<StoredPick, 'runId'>;

/** The `--json` document: a public contract, extended and never broken. */
export interface JsonReport {
  version: 1;
  /** Id of the stored run once history exists; null until then. */
  runId: string | number | null;
  startedAt: string;
  prompt: { source: string; chars: number };
  /** Only with `--prompts`: the batch's prompts, in order; each result says its `promptId`. */
  /** Each prompt's own `tags` (its JSONL line's), only when it has any. */
  prompts?: { id: string; source: string; chars: number; system: boolean; tags?: string[] }[];
  /** The run's own tags (`--tag`), only when it has any. */
  tags?: string[];
  results: ModelResult[];
  /** `history show`: the run's blind duels (human votes, pairwise judge verdicts), only when there are any. */
  votes?: ReportVote[];
  /** `history show`: the drafts chosen with `pick`, only when there are any. */
  picks?: ReportPick[];
  /** Only with `--judge`: the judge's own call (its usage, latency and cost, and why it failed if it did). */
  judgeCall?: JudgeCall;
  /** Only with `--judge-mode pairwise`: every pair, both orders, and the share that disagreed (also on judgeCall). */
  pairwise?: PairwiseSummary;
}

/** Builds the JSON report of a finished run. */
export function buildJsonReport(plan: RunPlan, startedAt: Date, results: ModelResult[]): JsonReport {
  const tags = currentRunTags();
  return {
    version: 1,
    runId: null,
    startedAt: startedAt.toISOString(),
    prompt: { source: plan.prompt.source, chars: Array.from(plan.prompt.text).length },
    ...(plan.batch
      ? {
          prompts: plan.batch.map((prompt) => ({
            id: prompt.id,
            source: prompt.source,
            chars: Array.from(prompt.text).length,
            system: prompt.system !== null,
            ...(prompt.tags?.length ? { tags: prompt.tags } : {}),
          })),
        }
      : {}),
    ...(tags.length > 0 ? { tags } : {}),
    // the request key is the history's lookup, not part of the report
    results: results.map(({ requestKey: _requestKey, ...result }) => result),
  };
}
