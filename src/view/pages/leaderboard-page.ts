import { t } from '../../i18n/translate.js';
import type { LeaderboardDocument, LeaderboardRow } from '../api/view-documents.js';
import { attributes, element, escapeHtml, labelCells } from './html-text.js';
import { formatCost, formatDuration } from './page-format.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';
import { intervalSvg } from './svg-charts.js';

const sources = ['human', 'judge', 'all'] as const;

function filterForm(document: LeaderboardDocument, context: PageContext): string {
  const tag = context.url.searchParams.get('tag') ?? document.tags.join(',');
  const options = sources
    .map(
      (source) =>
        `<option${attributes({ value: source, selected: source === document.source })}>${escapeHtml(t(`viewPage.leaderboard.source.${source}`))}</option>`,
    )
    .join('');
  return `<form class="filters" method="get" action="/leaderboard">
<label>${escapeHtml(t('viewPage.leaderboard.source'))} <select name="source">${options}</select></label>
<label>${escapeHtml(t('viewPage.leaderboard.tag'))} <input${attributes({ type: 'text', name: 'tag', value: tag, size: 12 })}></label>
<button type="submit">${escapeHtml(t('viewPage.leaderboard.apply'))}</button>
</form>`;
}

function ratingsTable(rows: readonly LeaderboardRow[], scale: { from: number; to: number }, ranked: boolean): string {
  const head = [
    ...(ranked ? [t('viewPage.leaderboard.rank')] : []),
    t('display.column.model'),
    t('viewPage.leaderboard.rating'),
    t('viewPage.leaderboard.interval'),
    t('viewPage.leaderboard.wins'),
    t('viewPage.leaderboard.ties'),
    t('viewPage.leaderboard.losses'),
    t('viewPage.leaderboard.votes'),
    t('viewPage.leaderboard.latency'),
    t('viewPage.leaderboard.per1000'),
  ];
  const body = rows.map((row, index) => {
    const interval = `${row.low.toFixed(1)} – ${row.high.toFixed(1)}`;
    const label = `${row.model}: ${row.rating.toFixed(1)} (${interval})`;
    const cells = `${ranked ? `<td class="number rank">${index + 1}</td>` : ''}${element('td', row.model, { class: 'name', 'data-rank': ranked ? index + 1 : null })}${element(
      'td',
      row.rating.toFixed(1),
      {
        class: 'number rating',
        'data-field': 'rating',
      },
    )}<td class="interval-cell">${intervalSvg(row.rating, row.low, row.high, scale, label)}<span class="interval-text"><span data-field="low">${row.low.toFixed(1)}</span> – <span data-field="high">${row.high.toFixed(1)}</span></span></td>${[
      ['wins', String(row.wins)],
      ['ties', String(row.ties)],
      ['losses', String(row.losses)],
      ['votes', String(row.votes)],
      ['latency', formatDuration(row.medianLatencyMs)],
      ['per1000', formatCost(row.costPer1000Chars)],
    ]
      .map(([field, text]) => element('td', text ?? '', { class: 'number', 'data-field': field }))
      .join('')}`;
    return `<tr${attributes({ 'data-model': row.model })}>${labelCells(cells, head)}</tr>`;
  });
  return `<div class="table-scroll"><table class="metrics leaderboard stacked"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** GET /leaderboard: ratings with their 95% intervals drawn on one shared scale, filterable by source and tag. */
export function renderLeaderboardPage(document: LeaderboardDocument, context: PageContext): string {
  const everyone = [...document.models, ...document.tooFewVotes];
  const scale = { from: Math.min(...everyone.map((row) => row.low)), to: Math.max(...everyone.map((row) => row.high)) };
  const content =
    everyone.length === 0
      ? element('p', t('viewPage.leaderboard.none'), { class: 'empty' })
      : `<p class="meta">${escapeHtml(t('viewPage.leaderboard.summary', { comparisons: document.comparisons }))}</p>
${document.models.length > 0 ? ratingsTable(document.models, scale, true) : ''}
${document.tooFewVotes.length > 0 ? `<h2>${escapeHtml(t('viewPage.leaderboard.tooFew'))}</h2>\n${ratingsTable(document.tooFewVotes, scale, false)}` : ''}`;
  const body = `<h1>${escapeHtml(t('viewPage.leaderboard.title'))}</h1>
${filterForm(document, context)}
${content}`;
  return renderLayout({ page: 'leaderboard', title: t('viewPage.leaderboard.title'), body }, context);
}
