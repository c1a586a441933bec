import { t } from '../../i18n/translate.js';
import type { StatsGroup, StatsDocument, TrendDay } from '../api/view-documents.js';
import { attributes, element, escapeHtml, pathWithQuery } from './html-text.js';
import { formatCost, formatDuration, formatNumber, percent } from './page-format.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';
import { dayBarChart, dayLineChart, fillDays, type DayPoint } from './svg-charts.js';

const groupings = ['model', 'provider', 'role'] as const;
const periods = ['1d', '7d', '30d', 'all'] as const;

function switcher(label: string, items: { href: string; text: string; current: boolean }[]): string {
  const links = items
    .map(
      (item) =>
        `<a${attributes({ href: item.href, class: item.current ? 'current' : null, 'aria-current': item.current ? 'true' : null })}>${escapeHtml(item.text)}</a>`,
    )
    .join('');
  return `<div class="switcher" role="group" aria-label="${escapeHtml(label)}"><span class="switcher-label">${escapeHtml(label)}</span>${links}</div>`;
}

function groupsTable(document: StatsDocument): string {
  const head = [
    t(`history.stats.${document.by}`),
    t('history.stats.calls'),
    t('history.stats.success'),
    t('history.stats.p50'),
    t('history.stats.p95'),
    t('history.stats.ttft'),
    t('history.stats.in'),
    t('history.stats.out'),
    t('history.stats.cost'),
    t('history.stats.chars'),
    t('history.stats.per1000'),
  ];
  const cells = (group: StatsGroup) => [
    String(group.calls),
    percent(group.successRate),
    formatDuration(group.p50LatencyMs),
    formatDuration(group.p95LatencyMs),
    formatDuration(group.meanTtftMs),
    formatNumber(group.inputTokens),
    formatNumber(group.outputTokens),
    formatCost(group.costUsd),
    formatNumber(group.chars),
    formatCost(group.costPer1000Chars),
  ];
  const rows = document.groups.map(
    (group) =>
      `<tr${attributes({ 'data-key': group.key })}>${element('td', group.key === '(none)' ? t('history.stats.none_group') : group.key, { class: 'name' })}${cells(
        group,
      )
        .map((text) => element('td', text, { class: 'number' }))
        .join('')}</tr>`,
  );
  return `<div class="table-scroll"><table class="metrics stats"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const figure = (name: string, title: string, svg: string) =>
  `<figure class="chart-figure"${attributes({ 'data-chart': name })}><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>`;

/** The per-day charts: calls (failed stacked on top), median latency, cost; days without calls are filled in. */
export function trendCharts(trend: readonly TrendDay[]): string {
  if (trend.length === 0) return '';
  const series = (pick: (day: TrendDay) => (number | null)[], empty: (number | null)[]): DayPoint[] =>
    fillDays(
      trend.map((day) => ({ day: day.day, values: pick(day) })),
      (day) => ({ day, values: empty }),
    );
  const cost = (value: number) => (value === 0 ? '$0' : `$${Number(value.toPrecision(2))}`);
  return `<div class="charts">
${figure(
  'calls',
  t('viewPage.stats.callsChart'),
  dayBarChart(
    t('viewPage.stats.callsChart'),
    series((day) => [day.ok, day.failed], [0, 0]),
    (value) => String(Math.round(value)),
  ),
)}
${figure(
  'latency',
  t('viewPage.stats.latencyChart'),
  dayLineChart(
    t('viewPage.stats.latencyChart'),
    series((day) => [day.p50LatencyMs], [null]),
    (value) => formatDuration(value),
  ),
)}
${figure(
  'cost',
  t('viewPage.stats.costChart'),
  dayBarChart(
    t('viewPage.stats.costChart'),
    series((day) => [day.costUsd], [null]),
    cost,
  ),
)}
</div>`;
}

/** GET /stats: per model, provider or role (calls, success, latency percentiles, TTFT, tokens, cost), then the per-day charts. */
export function renderStatsPage(document: StatsDocument, context: PageContext): string {
  const since = context.url.searchParams.get('since') ?? (document.since === null ? 'all' : '');
  const by = switcher(
    t('viewPage.stats.by'),
    groupings.map((grouping) => ({
      href: pathWithQuery('/stats', { by: grouping, since: since === 'all' ? null : since }),
      text: t(`history.stats.${grouping}`),
      current: grouping === document.by,
    })),
  );
  const period = switcher(
    t('viewPage.stats.since'),
    periods.map((value) => ({
      href: pathWithQuery('/stats', { by: document.by, since: value === 'all' ? null : value }),
      text: t(`viewPage.stats.since.${value}`),
      current: value === since,
    })),
  );
  const content =
    document.groups.length === 0
      ? element('p', t('viewPage.stats.none'), { class: 'empty' })
      : `${groupsTable(document)}
${document.trend.length > 0 ? `<h2>${escapeHtml(t('viewPage.stats.trend'))}</h2>\n${trendCharts(document.trend)}` : ''}`;
  const body = `<h1>${escapeHtml(t('viewPage.stats.title'))}</h1>
<div class="switchers">${by}${period}</div>
${content}
<p class="actions"><a href="/providers">${escapeHtml(t('viewPage.stats.health'))}</a></p>`;
  return renderLayout({ page: 'stats', title: t('viewPage.stats.title'), body }, context);
}
