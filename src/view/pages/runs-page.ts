import { t } from '../../i18n/translate.js';
import type { RunListItem, RunsDocument, RunsQuery } from '../api/view-documents.js';
import { attributes, element, escapeHtml, pathWithQuery } from './html-text.js';
import { formatCost, formatNumber, timeElement } from './page-format.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';

const kinds: RunListItem['kind'][] = ['compare', 'batch', 'write', 'rerun'];
const shownModels = 4;

/** The query of a runs page with some values changed, as a link (the empty ones left out). */
const runsHref = (query: RunsQuery, changes: Partial<RunsQuery>) => {
  const merged = { ...query, ...changes };
  return pathWithQuery('/', {
    search: merged.search,
    model: merged.model,
    tag: merged.tag,
    kind: merged.kind,
    limit: merged.limit,
    offset: merged.offset > 0 ? merged.offset : null,
  });
};

function option(value: string, label: string, selected: boolean): string {
  return `<option${attributes({ value, selected })}>${escapeHtml(label)}</option>`;
}

function filterForm(document: RunsDocument): string {
  const query = document.query;
  const models = [...new Set([...document.models, ...(query.model ? [query.model] : [])])];
  const filtered = query.search || query.model || query.tag || query.kind;
  return `<form class="filters" method="get" action="/" role="search">
<label class="search-field"><span class="visually-hidden">${escapeHtml(t('viewPage.runs.search'))}</span><input${attributes({
    type: 'search',
    name: 'search',
    value: query.search ?? '',
    placeholder: t('viewPage.runs.search'),
  })}></label>
<label>${escapeHtml(t('viewPage.runs.model'))} <select name="model">${option('', t('viewPage.runs.all'), !query.model)}${models
    .map((model) => option(model, model, model === query.model))
    .join('')}</select></label>
<label>${escapeHtml(t('viewPage.runs.tag'))} <input${attributes({ type: 'text', name: 'tag', value: query.tag ?? '', size: 10 })}></label>
<label>${escapeHtml(t('viewPage.runs.kind'))} <select name="kind">${option('', t('viewPage.runs.all'), !query.kind)}${kinds
    .map((kind) => option(kind, t(`history.kind.${kind}`), kind === query.kind))
    .join('')}</select></label>
<input${attributes({ type: 'hidden', name: 'limit', value: query.limit })}>
<button type="submit">${escapeHtml(t('viewPage.runs.searchButton'))}</button>
${filtered ? `<a class="clear" href="/">${escapeHtml(t('viewPage.runs.clear'))}</a>` : ''}
</form>`;
}

function modelChips(models: readonly string[]): string {
  const unique = [...new Set(models)];
  const chips = unique.slice(0, shownModels).map((model) => element('span', model, { class: 'chip model' }));
  if (unique.length > shownModels)
    chips.push(element('span', t('viewPage.runs.moreModels', { count: unique.length - shownModels }), { class: 'chip more' }));
  return chips.join('');
}

/** One run of the list as a table row: id, time, kind, topic, models, successes, cost, 字数, tags. */
export function runRow(run: RunListItem): string {
  const total = run.ok + run.failed;
  const tags = (run.tags ?? [])
    .map((tag) => `<a class="chip tag" href="${escapeHtml(pathWithQuery('/', { tag }))}">${escapeHtml(tag)}</a>`)
    .join('');
  const rerun = run.parentRunId
    ? ` <a class="rerun-of" href="/runs/${run.parentRunId}">${escapeHtml(t('viewPage.runs.rerunOf', { id: run.parentRunId }))}</a>`
    : '';
  const status = `<span class="ok-count">${escapeHtml(t('viewPage.runs.ok', { ok: run.ok, total }))}</span>${
    run.failed > 0 ? ` ${element('span', t('viewPage.runs.failed', { failed: run.failed }), { class: 'error' })}` : ''
  }`;
  return `<tr${attributes({ 'data-run-id': run.id, 'data-ok': run.ok, 'data-failed': run.failed })}>
<td class="run-id"><a href="/runs/${run.id}">#${run.id}</a> <span class="live-badge" hidden>${escapeHtml(t('viewPage.live'))}</span></td>
<td class="time">${timeElement(run.startedAt)}</td>
<td class="kind">${element('span', t(`history.kind.${run.kind}`), { class: `kind kind-${run.kind}` })}</td>
<td class="topic"><a class="run-topic" href="/runs/${run.id}">${escapeHtml(run.topic || `#${run.id}`)}</a>${rerun}${tags ? ` ${tags}` : ''}</td>
<td class="models">${modelChips(run.models)}</td>
<td class="status">${status}</td>
<td class="number cost">${escapeHtml(formatCost(run.totalCostUsd))}</td>
<td class="number chars">${escapeHtml(run.chars === null ? '—' : formatNumber(run.chars))}</td>
</tr>`;
}

function paging(document: RunsDocument): string {
  const { query } = document;
  if (query.offset === 0 && !document.more) return '';
  const from = query.offset + 1;
  const to = query.offset + document.runs.length;
  const newer =
    query.offset > 0
      ? `<a rel="prev" href="${escapeHtml(runsHref(query, { offset: Math.max(0, query.offset - query.limit) }))}">${escapeHtml(t('viewPage.runs.newer'))}</a>`
      : '';
  const older = document.more
    ? `<a rel="next" href="${escapeHtml(runsHref(query, { offset: query.offset + query.limit }))}">${escapeHtml(t('viewPage.runs.older'))}</a>`
    : '';
  return `<nav class="paging">${newer}<span>${escapeHtml(t('viewPage.runs.showing', { from, to }))}</span>${older}</nav>`;
}

/** The list part of the page alone (the browser script swaps it in when runs change). */
export function runsList(document: RunsDocument): string {
  const { query } = document;
  const filtered = query.search || query.model || query.tag || query.kind || query.offset > 0;
  const empty = element('p', t(filtered ? 'viewPage.runs.noMatch' : 'viewPage.runs.none'), { class: 'empty' });
  const head = [
    t('history.list.run'),
    t('history.list.time'),
    t('history.list.kind'),
    t('history.list.topic'),
    t('history.list.models'),
    t('display.column.status'),
    t('display.column.cost'),
    t('display.column.chars'),
  ];
  const table = `<div class="table-scroll"><table class="runs"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>
${document.runs.map(runRow).join('\n')}
</tbody></table></div>`;
  const list = document.runs.length === 0 ? empty : table;
  return `<section id="runs-list" class="runs-list" aria-live="polite">${list}${paging(document)}</section>`;
}

/** GET /: the newest runs first, with search, filters and paging; the list updates live. */
export function renderRunsPage(document: RunsDocument, context: PageContext): string {
  const body = `<h1>${escapeHtml(t('viewPage.runs.title'))}</h1>
${filterForm(document)}
${runsList(document)}`;
  return renderLayout({ page: 'runs', title: t('viewPage.runs.title'), body }, context);
}
