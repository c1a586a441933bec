import { t } from '../../i18n/translate.js';
import { rubricKeys } from '../../judge/judge-rubric.js';
import { formatJudgeCell, formatJudgeScore, hasJudgeCell } from '../../judge/judge-score.js';
import type { PairwiseRecord } from '../../judge/pairwise-types.js';
import type { StageName } from '../../pipeline/stage-name.js';
import { stageLabel } from '../../pipeline/stage-label.js';
import { rubricLabel } from '../../report/report-labels.js';
import { strategyLabel } from '../../routing/describe-route.js';
import type { RunDocument } from '../api/view-documents.js';
import { renderDraftMarkdown } from './draft-markdown.js';
import { attributes, element, escapeHtml } from './html-text.js';
import { formatCost, formatDuration, formatNumber } from './page-format.js';

/** One result of a run page, with its pairwise record when the judge compared drafts in pairs. */
export type RunResult = RunDocument['results'][number] & { pairwise?: PairwiseRecord | null };

const stageNames = new Set(['planner', 'writer', 'reviewer', 'revise']);

/** A result's name on the page: `writer · provider:model` for a write run's stage, else the model. */
export const resultName = (result: RunResult): string => {
  const stage = stageText(result);
  return stage ? `${stage} · ${result.model}` : result.model;
};

/** A write run's stage as the page shows it: `撰写 (writer)` in Chinese, `writer` in English; empty for other runs. */
function stageText(result: RunResult): string {
  if (!result.stage) return '';
  if (!stageNames.has(result.stage)) return result.stage;
  const label = stageLabel(result.stage as StageName);
  return label === result.stage ? label : `${label} (${result.stage})`;
}

/** ok, or the error type, with the fallback that served it or `incomplete`. */
export function statusCell(result: RunResult): string {
  if (result.status === 'ok') {
    const via =
      result.servedBy && result.servedBy !== result.model
        ? ` ${element('span', t('viewPage.run.via', { model: result.servedBy }), { class: 'via' })}`
        : '';
    return `<span class="ok">${escapeHtml(t('display.status.ok'))}</span>${via}`;
  }
  const incomplete = result.incomplete ? ` ${escapeHtml(t('viewPage.run.incomplete'))}` : '';
  return `<span class="error" title="${escapeHtml(result.error?.message ?? '')}">${escapeHtml(result.error?.type ?? 'error')}${incomplete}</span>`;
}

const cell = (text: string, className = 'number') => `<td class="${className}">${escapeHtml(text)}</td>`;

/** The metrics table: model, status, tokens in/out, latency, TTFT, cost, 字数, and the judge's score when judged. */
export function metricsTable(results: readonly RunResult[]): string {
  const judged = results.some(hasJudgeCell);
  const head = [
    t('display.column.model'),
    t('display.column.status'),
    t('display.column.in'),
    t('display.column.out'),
    t('display.column.latency'),
    t('display.column.ttft'),
    t('display.column.cost'),
    t('display.column.chars'),
    ...(judged ? [t('display.column.judge')] : []),
  ];
  const rows = results.map(
    (result) =>
      `<tr${attributes({ 'data-model': result.model })}>${cell(resultName(result), 'name')}<td class="status">${statusCell(result)}</td>${[
        formatNumber(result.usage.inputTokens),
        formatNumber(result.usage.outputTokens),
        formatDuration(result.latencyMs >= 0 ? result.latencyMs : null),
        formatDuration(result.ttftMs),
        formatCost(result.costUsd),
        result.text ? formatNumber(result.chars) : '—',
        ...(judged ? [formatJudgeCell(result)] : []),
      ]
        .map((text) => cell(text))
        .join('')}</tr>`,
  );
  return `<div class="table-scroll"><table class="metrics"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** A write run's execution log: each stage, its role, the model asked, the one that served, fallback and route. */
export function executionLog(results: readonly RunResult[]): string {
  const head = [
    t('viewPage.run.log.stage'),
    t('viewPage.run.log.role'),
    t('viewPage.run.log.asked'),
    t('viewPage.run.log.servedBy'),
    t('display.column.status'),
    t('viewPage.run.log.fallback'),
    t('viewPage.run.log.route'),
    t('display.column.latency'),
  ];
  const rows = results.map((result) => {
    const stage = stageText(result) || '—';
    const fallback = result.fallback
      ? t('viewPage.run.log.fallbackFrom', { model: result.fallback.from, type: result.fallback.error.type })
      : '—';
    const route = result.route
      ? t('viewPage.run.log.routeLine', { strategy: strategyLabel(result.route.strategy), order: result.route.order.join(' → ') })
      : '—';
    return `<tr>${[stage, result.role ?? '—', result.model, result.servedBy ?? '—'].map((text) => cell(text, 'text')).join('')}<td class="status">${statusCell(
      result,
    )}</td>${cell(fallback, 'text')}${cell(route, 'text')}${cell(formatDuration(result.latencyMs >= 0 ? result.latencyMs : null))}</tr>`;
  });
  return `<div class="table-scroll"><table class="metrics log"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function judgeDetails(result: RunResult): string {
  if (!result.judge) return '';
  const reasons = rubricKeys
    .map(
      (key) =>
        `<li><strong>${escapeHtml(rubricLabel(key))} ${result.judge?.scores[key] ?? '—'}/10</strong> ${escapeHtml(result.judge?.reasons[key] ?? '')}</li>`,
    )
    .join('');
  return `<details class="judge"><summary>${escapeHtml(t('viewPage.run.judge', { score: formatJudgeScore(result.judge) }))}</summary><ul>${reasons}</ul></details>`;
}

/** How a draft column offers `pick`: the run and prompt it belongs to, and who picked it already. */
export interface PickOffer {
  runId: number;
  pickedBy: string[];
}

/** One draft in a phone-width column: name and facts, pick button, judge's scores, reasoning, rendered and raw text. */
export function draftColumn(result: RunResult, pick: PickOffer | null): string {
  const facts = [
    formatDuration(result.latencyMs >= 0 ? result.latencyMs : null),
    result.text ? t('viewPage.runs.chars', { chars: formatNumber(result.chars) }) : '',
    result.text && result.readingMinutes > 0 ? t('display.readingMinutes', { minutes: result.readingMinutes }) : '',
    formatCost(result.costUsd),
  ].filter((fact) => fact !== '' && fact !== '—');
  const picked =
    pick?.pickedBy.map((voter) => element('span', t('viewPage.run.picked', { voter }), { class: 'chip picked' })).join('') ?? '';
  const pickButton =
    pick && result.status === 'ok' && result.text
      ? `<button type="button" class="pick"${attributes({ 'data-pick': true, 'data-run-id': pick.runId, 'data-model': result.model, 'data-prompt-id': result.promptId ?? null })}>${escapeHtml(
          t('viewPage.run.pick'),
        )}</button><span class="action-status" role="status"></span>`
      : '';
  const failure = result.error ? element('p', `${result.error.type}: ${result.error.message}`, { class: 'failure' }) : '';
  const reasoning = result.reasoning
    ? `<details class="reasoning"><summary>${escapeHtml(t('viewPage.run.reasoning'))}</summary><pre>${escapeHtml(result.reasoning)}</pre></details>`
    : '';
  const text = result.text
    ? `<div class="rendered">${renderDraftMarkdown(result.text)}</div><pre class="raw">${escapeHtml(result.text)}</pre>`
    : element('p', t('viewPage.run.noText'), { class: 'empty' });
  return `<article class="draft"${attributes({ 'data-position': result.position, 'data-model': result.model, 'data-status': result.status })}>
<header><h3>${escapeHtml(resultName(result))}</h3><div class="facts">${escapeHtml(facts.join(' · '))} ${statusCell(result)}</div>${picked}${pickButton}</header>
${failure}${judgeDetails(result)}${reasoning}${text}
</article>`;
}
