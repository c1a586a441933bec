import { t } from '../../i18n/translate.js';
import { judgeNote } from '../../judge/judge-note.js';
import { withPairwiseRecords } from '../../judge/pairwise-records.js';
import type { RunDocument } from '../api/view-documents.js';
import { attributes, element, escapeHtml, pathWithQuery } from './html-text.js';
import { timeElement } from './page-format.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';
import { draftColumn, executionLog, metricsTable, type RunResult } from './run-parts.js';

/**
 * Up to this many prompts, a batch page holds every prompt's drafts (the selector only shows another);
 * beyond, only the chosen prompt's, so a large batch stays a light page (the selector then loads the page
 * of the prompt chosen).
 */
const promptsInPage = 12;

/** The prompts of a batch run in order (its `prompts`, else as its results name them); empty for a single prompt. */
export function batchPromptIds(document: RunDocument): string[] {
  const listed = document.prompts?.map((prompt) => prompt.id) ?? [];
  const answered = document.results.map((result) => result.promptId).filter((id): id is string => id !== undefined);
  return [...new Set([...listed, ...answered])];
}

/** Whether the run has a prompt with two successful drafts (what a blind duel needs). */
export function isVotable(document: RunDocument): boolean {
  if (document.kind === 'write') return false;
  const counts = new Map<string, number>();
  for (const result of document.results) {
    if (result.status !== 'ok' || !result.text?.trim()) continue;
    const key = result.promptId ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()].some((count) => count >= 2);
}

function promptSelector(runId: number, promptIds: readonly string[], selected: string): string {
  const options = promptIds
    .map((id) => `<option${attributes({ value: id, selected: id === selected })}>${escapeHtml(id)}</option>`)
    .join('');
  return `<form class="prompt-selector" method="get"${attributes({ action: `/runs/${runId}` })}>
<label>${escapeHtml(t('viewPage.run.prompts'))} <select name="prompt">${options}</select></label>
<span class="position">${promptIds.indexOf(selected) + 1}/${promptIds.length}</span><button type="submit" class="no-script">${escapeHtml(t('viewPage.run.showPrompt'))}</button>
</form>`;
}

function heading(document: RunDocument): string {
  const runId = Number(document.runId);
  const meta = t(document.prompt.source === 'topic' ? 'viewPage.run.metaTopic' : 'viewPage.run.meta', {
    kind: t(`history.kind.${document.kind}`),
    time: '\u0000',
    source: document.prompt.source,
    chars: document.prompt.chars,
  });
  const [before, after] = escapeHtml(meta).split('\u0000');
  const tags = (document.tags ?? [])
    .map((tag) => `<a class="chip tag" href="${escapeHtml(pathWithQuery('/', { tag }))}">${escapeHtml(tag)}</a>`)
    .join('');
  const parent = document.parentRunId
    ? ` · ${escapeHtml(t('viewPage.run.rerunOf'))} <a href="/runs/${document.parentRunId}">#${document.parentRunId}</a>`
    : '';
  const links = [
    isVotable(document) ? `<a class="button" href="/runs/${runId}/vote">${escapeHtml(t('viewPage.run.vote'))}</a>` : '',
    `<a class="button secondary" href="/api/runs/${runId}">${escapeHtml(t('viewPage.run.json'))}</a>`,
  ].join('');
  return `<header class="run-heading">
<h1>${escapeHtml(t('viewPage.run.title', { id: runId }))} <span class="topic">${escapeHtml(document.topic)}</span></h1>
<p class="meta">${before ?? ''}${timeElement(document.startedAt)}${after ?? ''}${parent}</p>
${tags ? `<p class="tags">${tags}</p>` : ''}<p class="actions">${links}</p>
</header>`;
}

/** The drafts of one group side by side (phone-width columns that scroll sideways), each with its pick button. */
function draftsStrip(document: RunDocument, results: readonly RunResult[]): string {
  const picks = document.picks ?? [];
  const offerPick = document.kind !== 'write';
  const columns = results.map((result) =>
    draftColumn(
      result,
      offerPick
        ? {
            runId: Number(document.runId),
            pickedBy: picks
              .filter((pick) => pick.model === result.model && pick.promptId === (result.promptId ?? null))
              .map((pick) => pick.voter),
          }
        : null,
    ),
  );
  return `<div class="drafts">${columns.join('\n')}</div>`;
}

/** One group of results: its metrics, a write run's execution log, and its drafts. */
function resultGroup(document: RunDocument, results: readonly RunResult[]): string {
  if (results.length === 0) return element('p', t('viewPage.run.waiting'), { class: 'empty waiting' });
  return `<h2>${escapeHtml(t('viewPage.run.metrics'))}</h2>
${metricsTable(results)}
${document.kind === 'write' ? `<h2>${escapeHtml(t('viewPage.run.log'))}</h2>\n${executionLog(results)}` : ''}
<div class="drafts-heading"><h2>${escapeHtml(t('viewPage.run.drafts'))}</h2><button type="button" class="raw-toggle" data-action="toggle-raw" aria-pressed="false">${escapeHtml(
    t('viewPage.run.showRaw'),
  )}</button></div>
${draftsStrip(document, results)}`;
}

/**
 * The part that changes while the run is going (the browser script swaps it in when results
 * arrive): for a batch, one section per prompt, all but the selected one hidden (see promptsInPage).
 */
export function runLiveSection(document: RunDocument, promptIds: readonly string[], selectedPrompt: string | null): string {
  const all: RunResult[] = withPairwiseRecords(document.results, document.judgeCall);
  if (all.length === 0)
    return `<section id="run-live" class="run-live">${element('p', t('viewPage.run.waiting'), { class: 'empty waiting' })}</section>`;
  const note = judgeNote(document.judgeCall, document.results);
  const votes = document.votes?.length
    ? `<p class="meta">${escapeHtml(t('viewPage.run.votes', { count: document.votes.length }))} · <a href="/leaderboard">${escapeHtml(t('viewPage.nav.leaderboard'))}</a></p>`
    : '';
  const groups =
    selectedPrompt === null
      ? resultGroup(document, all)
      : promptIds
          .filter((promptId) => promptIds.length <= promptsInPage || promptId === selectedPrompt)
          .map(
            (promptId) =>
              `<section class="prompt-group"${attributes({ 'data-prompt-id': promptId, hidden: promptId !== selectedPrompt })}>
<h2 class="prompt-title">${escapeHtml(t('viewPage.run.promptOf', { promptId }))}</h2>
${resultGroup(
  document,
  all.filter((result) => result.promptId === promptId),
)}
</section>`,
          )
          .join('\n');
  return `<section id="run-live" class="run-live">
${note ? `<p class="meta judge-note">${note.split('\n').map(escapeHtml).join('<br>')}</p>` : ''}${votes}
${groups}
</section>`;
}

/** GET /runs/:id: heading, metrics, a write run's execution log, and the drafts side by side (one prompt of a batch at a time). */
export function renderRunPage(document: RunDocument, context: PageContext): string {
  const runId = Number(document.runId);
  const promptIds = batchPromptIds(document);
  const asked = context.url.searchParams.get('prompt');
  const selected = promptIds.length === 0 ? null : asked !== null && promptIds.includes(asked) ? asked : (promptIds[0] as string);
  const body = `${heading(document)}
${selected === null ? '' : promptSelector(runId, promptIds, selected)}
${runLiveSection(document, promptIds, selected)}`;
  const title = `${t('viewPage.run.title', { id: runId })} ${document.topic}`.trim();
  return renderLayout({ page: 'run', title, body, data: { 'run-id': runId } }, context);
}
