import type { HistoryStore, StoredRun } from '../../store/history-store.js';
import type { DraftGroup, DuelDraft } from './plan-duels.js';

/** How far back the default run is looked for. */
const recentRuns = 100;

/**
 * A run's successful drafts grouped by prompt (`positions`: each result's stored position, from
 * `store.verdicts.positionsOf`), only prompts with two or more (in the batch's order);
 * none for a `write` run, whose results are the stages of one article.
 */
export function draftGroups(run: StoredRun, positions: readonly number[]): DraftGroup[] {
  if (run.kind === 'write') return [];
  const groups = new Map<string | null, DuelDraft[]>();
  run.results.forEach((result, index) => {
    if (result.status !== 'ok' || !result.text?.trim()) return;
    const promptId = result.promptId ?? null;
    const draft = { position: positions[index] ?? index, model: result.model, promptId, text: result.text };
    groups.set(promptId, [...(groups.get(promptId) ?? []), draft]);
  });
  return [...groups].filter(([, drafts]) => drafts.length >= 2).map(([promptId, drafts]) => ({ promptId, drafts }));
}

/** The newest run with two or more successful drafts of one prompt, or null. */
export function lastVotableRun(store: HistoryStore): StoredRun | null {
  for (const summary of store.listRuns({ limit: recentRuns })) {
    if (summary.kind === 'write' || summary.ok < 2) continue;
    const run = store.getRun(summary.id);
    if (run && draftGroups(run, store.verdicts.positionsOf(run.id)).length > 0) return run;
  }
  return null;
}
