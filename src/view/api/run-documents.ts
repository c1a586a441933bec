import { storedRunReport } from '../../commands/history/show-history.js';
import { runVerdicts, withVerdicts } from '../../commands/history/show-verdicts.js';
import { publicationsJson } from '../../commands/publish/show-publications.js';
import { t } from '../../i18n/translate.js';
import type { Env } from '../../io/env.js';
import type { HistoryStore, StoredRun } from '../../store/history-store.js';
import { summaryTopic } from '../../store/run-summary-fields.js';
import { ViewError } from '../server/view-error.js';
import { modelFilter } from './parse-view-query.js';
import type { ResultsDocument, RunDocument, RunListItem, RunsDocument, RunsQuery } from './view-documents.js';

/** Runs read at most when a tag or kind filter must look past the page (the history is a personal one). */
const scanLimit = 100_000;

/** GET /api/runs: `history --json` with search, model, tag and kind filters and paging. */
export function runsDocument(store: HistoryStore, query: RunsQuery, env: Env): RunsDocument {
  const model = modelFilter(query.model, env) ?? undefined;
  const search = query.search ?? undefined;
  const filtered = query.tag !== null || query.kind !== null;
  const end = query.offset + query.limit;
  const listed = store.listRuns({ limit: filtered ? scanLimit : end + 1, model, search });
  const withTags = (run: (typeof listed)[number]): RunListItem => {
    const tags = store.verdicts.tagsOf(run.id).run;
    return tags.length > 0 ? { ...run, tags } : run;
  };
  // a tag filter matches a run's own tags and its batch prompts' (as the leaderboard's --tag does)
  const tagged = (runId: number, tag: string) => {
    const tags = store.verdicts.tagsOf(runId);
    return tags.run.includes(tag) || Object.values(tags.prompts).some((prompt) => prompt.includes(tag));
  };
  const matching = filtered
    ? listed.filter((run) => (query.kind === null || run.kind === query.kind) && (query.tag === null || tagged(run.id, query.tag)))
    : listed;
  const page = matching.slice(query.offset, end).map(withTags);
  const models = store
    .stats({ by: 'model', sinceIso: null, trend: false })
    .groups.map((group) => group.key)
    .sort();
  return { version: 1, runs: page, query, more: matching.length > end, models };
}

/** A run from the history, or 404. */
export function storedRun(store: HistoryStore, runId: number): StoredRun {
  const run = store.getRun(runId);
  if (!run) throw new ViewError(404, t('viewServer.error.noSuchRun', { run: String(runId) }));
  return run;
}

/** GET /api/runs/:id: `history show --json`, with the run's kind, topic and parent. */
export function runDocument(store: HistoryStore, runId: number): RunDocument {
  const run = storedRun(store, runId);
  const report = withVerdicts(storedRunReport(run), run, runVerdicts(store, run.id));
  const publications = store.publications.of(run.id);
  const batch = Array.isArray(run.options.prompts);
  const positions = store.verdicts.positionsOf(run.id);
  return {
    ...report,
    kind: run.kind === 'compare' && batch ? 'batch' : run.kind,
    topic: summaryTopic(
      run.topic,
      run.prompt.slice(0, 2000),
      batch ? (run.options.prompts as { id?: unknown }[]).map((p) => String(p.id)).join('\u001f') : null,
    ),
    parentRunId: run.parentRunId,
    ...(publications.length > 0 ? { publications: publicationsJson(publications) } : {}),
    results: report.results.map((result, index) => ({ ...result, position: positions[index] ?? index })),
  };
}

/** GET /api/runs/:id/results. */
export function resultsDocument(store: HistoryStore, runId: number): ResultsDocument {
  const document = runDocument(store, runId);
  return { version: 1, runId, results: document.results };
}
