import type MarkdownIt from 'markdown-it';
import { formatCost } from '../cost/compute-cost.js';
import { extractTitle, formatCount, formatDuration, formatReadingTime, tokensPerSecond } from '../format/format-metrics.js';
import { t } from '../i18n/translate.js';
import { rubricKeys } from '../judge/judge-rubric.js';
import { formatJudgeCell, formatJudgeScore, hasJudgeCell } from '../judge/judge-score.js';
import { batchApiServer, type ModelResult } from '../run/model-result.js';
import { servedNote } from './report-labels.js';
import { titleLength, wechatTitleLimit } from '../text/count-writing.js';
import { modelSummaryCells } from '../ui/matrix-summary.js';
import { barChartSvg, type BarDatum } from './bar-chart-svg.js';
import { escapeHtml } from './escape-html.js';
import { charsText, lengthFacts, rubricLabel } from './report-labels.js';

const table = (head: string[], rows: string[][], className: string) =>
  `<div class="table-scroll"><table class="${className}"><thead><tr>${head.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.join('')}</tr>`)
    .join('')}</tbody></table></div>`;
const td = (text: string) => `<td>${escapeHtml(text)}</td>`;

function statusHtml(result: ModelResult): string {
  if (result.status === 'ok')
    return `<span class="ok">${escapeHtml(t('display.status.ok'))}</span>${servedNote(result) ? ` ${escapeHtml(servedNote(result))}` : ''}`;
  return `<span class="error">${escapeHtml(result.error?.type ?? 'error')}${result.incomplete ? ` ${escapeHtml(t('display.status.partial'))}` : ''}</span>`;
}

function titleHtml(result: ModelResult): string {
  const title = extractTitle(result.text);
  if (titleLength(title) <= wechatTitleLimit) return escapeHtml(title);
  const warning = t('display.note.titleTooLong', { model: result.model, length: titleLength(title), limit: wechatTitleLimit });
  return `<span class="title-too-long" title="${escapeHtml(warning)}">⚠</span> ${escapeHtml(title)}`;
}

/** The metrics of each result: status, title, 字数, reading time, tokens, latency, speed, cost, judge. */
export function metricsTable(results: readonly ModelResult[], label: (result: ModelResult) => string): string {
  const judged = results.some(hasJudgeCell);
  const head = [
    t('display.column.model'),
    t('display.column.status'),
    t('display.column.titleShort'),
    t('display.column.chars'),
    t('display.column.reading'),
    t('display.column.in'),
    t('display.column.out'),
    t('display.column.latency'),
    t('display.column.ttft'),
    t('display.column.speed'),
    t('display.column.cost'),
    ...(judged ? [t('display.column.judge')] : []),
  ];
  const rows = results.map((result) => {
    const speed = tokensPerSecond(result);
    const cells = [
      charsText(result),
      formatReadingTime(result.readingMinutes),
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      formatCost(result.costUsd),
      ...(judged ? [formatJudgeCell(result)] : []),
    ];
    return [
      td(label(result)),
      `<td class="status">${statusHtml(result)}</td>`,
      `<td class="title">${titleHtml(result)}</td>`,
      ...cells.map(td),
    ];
  });
  return table(head, rows, 'metrics');
}

/** A batch's per-model totals: successes, judge wins, mean latency, tokens in/out, cost. */
export function modelSummaryTable(results: readonly ModelResult[]): string {
  const { headers, rows } = modelSummaryCells(results);
  return table(
    headers,
    rows.map((cells) => cells.map(td)),
    'metrics models',
  );
}

/** One bar chart in a figure, with a note when no value is known. */
export function chart(metric: string, title: string, data: BarDatum[], format: (value: number) => string, emptyNote: string): string {
  const note = data.every((datum) => datum.value === null) ? `<div class="chart-note">${escapeHtml(emptyNote)}</div>` : '';
  return `<figure class="chart" data-metric="${metric}"><figcaption>${escapeHtml(title)}</figcaption>${barChartSvg(title, data, format)}${note}</figure>`;
}

/** The three charts (latency, output tokens, cost) over labelled values. */
export function charts(
  data: { label: string; latencyMs: number | null; outputTokens: number | null; costUsd: number | null }[],
  latencyTitle: string,
): string {
  return [
    chart(
      'latency',
      latencyTitle,
      data.map((datum) => ({ label: datum.label, value: datum.latencyMs })),
      formatDuration,
      '',
    ),
    chart(
      'output-tokens',
      t('display.chart.outputTokens'),
      data.map((datum) => ({ label: datum.label, value: datum.outputTokens })),
      String,
      t('display.chart.noUsage'),
    ),
    chart(
      'cost',
      t('display.chart.cost'),
      data.map((datum) => ({ label: datum.label, value: datum.costUsd })),
      formatCost,
      t('display.chart.noPrice'),
    ),
  ].join('');
}

/** One draft as a phone-width column: who wrote it and its facts, the judge's scores, the rendered and raw text. */
export function outputColumn(result: ModelResult, markdown: InstanceType<typeof MarkdownIt>, label: string): string {
  const facts = [
    formatDuration(result.latencyMs),
    t('display.report.tokens', { count: formatCount(result.usage.outputTokens) }),
    lengthFacts(result),
    result.servedBy === batchApiServer
      ? t('display.status.batch')
      : result.servedBy && result.servedBy !== result.model
        ? t('display.report.via', { model: result.servedBy })
        : '',
  ].filter((fact) => fact !== '');
  const failure = result.error ? `<div class="failure">${escapeHtml(result.error.message)}</div>` : '';
  const judge = result.judge
    ? `<details class="judge"><summary>${escapeHtml(t('display.report.judgeBlind', { score: formatJudgeScore(result.judge) }))}</summary><ul>${rubricKeys
        .map(
          (key) =>
            `<li>${escapeHtml(rubricLabel(key))} ${result.judge?.scores[key]}/10: ${escapeHtml(result.judge?.reasons[key] ?? '')}</li>`,
        )
        .join('')}</ul></details>`
    : '';
  const body = result.text
    ? `<div class="rendered">${markdown.render(result.text)}</div><pre class="raw">${escapeHtml(result.text)}</pre>`
    : '';
  return `<article class="output" data-model="${escapeHtml(result.model)}"><header><strong>${escapeHtml(label)}</strong>${escapeHtml(facts.join(' · '))}</header>${failure}${judge}${body}</article>`;
}
