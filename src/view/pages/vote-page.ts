import { t } from '../../i18n/translate.js';
import type { BlindDuel, DuelsDocument, RunDocument } from '../api/view-documents.js';
import { renderDraftMarkdown } from './draft-markdown.js';
import { attributes, element, escapeHtml } from './html-text.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';

const choices = [
  ['a', 'viewPage.vote.aBetter'],
  ['b', 'viewPage.vote.bBetter'],
  ['tie', 'viewPage.vote.tie'],
  ['both-bad', 'viewPage.vote.bothBad'],
] as const;

/** One side of a duel: its label and text; the model's name and a pick button appear only after the vote. */
function blindColumn(runId: number, promptId: string | null, side: 'a' | 'b', text: string): string {
  const pick = `<button type="button" class="pick"${attributes({ 'data-pick': true, 'data-run-id': runId, 'data-prompt-id': promptId, hidden: true })}>${escapeHtml(
    t('viewPage.run.pick'),
  )}</button><span class="action-status" role="status"></span>`;
  return `<article class="draft blind"${attributes({ 'data-side': side })}><header><h3>${escapeHtml(t(side === 'a' ? 'viewPage.vote.a' : 'viewPage.vote.b'))}</h3><p class="revealed-model" hidden></p>${pick}</header>
<div class="rendered">${renderDraftMarkdown(text)}</div><pre class="raw">${escapeHtml(text)}</pre></article>`;
}

function duelSection(runId: number, duel: BlindDuel, index: number, total: number): string {
  const title =
    duel.promptId === null
      ? t('viewPage.vote.duel', { index: index + 1, total })
      : t('viewPage.vote.duelPrompt', { index: index + 1, total, promptId: duel.promptId });
  const buttons = choices
    .map(([winner, key]) => `<button type="button" class="vote"${attributes({ 'data-vote': winner })}>${escapeHtml(t(key))}</button>`)
    .join('');
  return `<section class="duel"${attributes({
    'data-run-id': runId,
    'data-prompt-id': duel.promptId,
    'data-a': duel.a.position,
    'data-b': duel.b.position,
    hidden: index > 0,
  })}>
<h2>${escapeHtml(title)}</h2>
<div class="vote-buttons" role="group">${buttons}</div>
<p class="action-status" role="status"></p>
<p class="reveal" hidden></p>
<button type="button" class="next-duel" data-action="next-duel" hidden>${escapeHtml(t('viewPage.vote.next'))}</button>
<div class="drafts duel-drafts">${blindColumn(runId, duel.promptId, 'a', duel.a.text)}${blindColumn(runId, duel.promptId, 'b', duel.b.text)}</div>
</section>`;
}

/**
 * GET /runs/:id/vote: the run's blind duels one at a time, 稿件 A and 稿件 B side by side with no
 * model name anywhere; the browser script posts the vote, shows the names the reply reveals, then
 * offers the next duel and at the end the leaderboard.
 */
export function renderVotePage(run: RunDocument, duels: DuelsDocument, context: PageContext): string {
  const runId = Number(run.runId);
  const back = `<a href="/runs/${runId}">${escapeHtml(t('viewPage.vote.backToRun'))}</a>`;
  const leaderboard = `<a class="button" href="/leaderboard">${escapeHtml(t('viewPage.vote.toLeaderboard'))}</a>`;
  const content =
    duels.duels.length === 0
      ? `${element('p', duels.reason ?? t('viewPage.vote.none'), { class: 'empty' })}<p class="actions">${back}</p>`
      : `<p class="meta">${escapeHtml(t('viewPage.vote.intro'))}</p>
<div class="drafts-heading"><span></span><button type="button" class="raw-toggle" data-action="toggle-raw" aria-pressed="false">${escapeHtml(t('viewPage.run.showRaw'))}</button></div>
${duels.duels.map((duel, index) => duelSection(runId, duel, index, duels.duels.length)).join('\n')}
<section class="duels-done" hidden><p>${escapeHtml(t('viewPage.vote.done'))}</p><p class="actions">${leaderboard} ${back}</p></section>`;
  const title = t('viewPage.vote.title', { id: runId });
  const body = `<header class="run-heading"><h1>${escapeHtml(title)} <span class="topic">${escapeHtml(run.topic)}</span></h1></header>
${content}`;
  return renderLayout({ page: 'vote', title, body, data: { 'run-id': runId } }, context);
}
