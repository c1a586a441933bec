import MarkdownIt from 'markdown-it';
import { formatLocalTime } from '../format/format-local-time.js';
import { resultLabel } from '../format/format-metrics.js';
import { currentLanguage } from '../i18n/language.js';
import { t } from '../i18n/translate.js';
import { judgeNote } from '../judge/judge-note.js';
import { withPairwiseRecords } from '../judge/pairwise-records.js';
import { groupByPrompt, summarizeModels } from '../ui/matrix-summary.js';
import { escapeHtml } from './escape-html.js';
import { charts, metricsTable, modelSummaryTable, outputColumn } from './html-report-parts.js';
import { htmlReportStyle } from './html-report-style.js';
import { duelsSection } from './html-duels.js';
import type { JsonReport } from './json-report.js';

/**
 * The report loads nothing: no script, no remote image, font, style or frame, no form target. Its own
 * stylesheet and inline SVG charts need only inline styles; data: images in a draft still show.
 */
export const htmlReportContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'";

/**
 * Markdown for drafts: raw HTML off; an image from anywhere but a data: URL becomes a link
 * (`[图片: alt]`), never an `<img>` that would load it; every link opens with `rel="noopener noreferrer"`.
 */
export function createDraftMarkdown(): InstanceType<typeof MarkdownIt> {
  const markdown = new MarkdownIt({ html: false, linkify: false, breaks: false });
  const renderImage = markdown.renderer.rules.image;
  markdown.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const source = String(token?.attrGet('src') ?? '');
    if (token && /^data:/i.test(source.trim()))
      return renderImage ? renderImage(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
    const alt = token ? self.renderInlineAsText(token.children ?? [], options, env) : '';
    const label = `[图片: ${alt}]`;
    return source === ''
      ? `<span class="image-placeholder">${escapeHtml(label)}</span>`
      : `<a class="image-link" href="${escapeHtml(source)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
  };
  markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    tokens[index]?.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, index, options);
  };
  return markdown;
}

/** The page around a body: language, CSP, phone viewport, stylesheet, title. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="${currentLanguage()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlReportContentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`wechat-writer · ${title}`)}</title>
<style>${htmlReportStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const rawToggle = () =>
  `<input type="checkbox" id="raw-toggle"><label for="raw-toggle" class="toggle">${escapeHtml(t('display.report.showRaw'))}</label>`;

const judgeLine = (report: JsonReport) =>
  report.judgeCall
    ? `<div class="meta judge-note">${(judgeNote(report.judgeCall, report.results) ?? '').split('\n').map(escapeHtml).join('<br>')}</div>`
    : '';

/** A batch: its own title, totals per model, then a section per prompt with its drafts side by side. */
function renderBatchReport(report: JsonReport, toolVersion: string): string {
  const markdown = createDraftMarkdown();
  const groups = groupByPrompt(report.results);
  const models = summarizeModels(report.results);
  const title = t('display.report.batchTitle', { prompts: groups.length, models: models.length });
  const meta = `${t('display.report.batchMeta', { prompts: groups.length, models: models.length, time: formatLocalTime(report.startedAt) })} · wechat-writer ${toolVersion}`;
  const sources = new Map((report.prompts ?? []).map((prompt) => [prompt.id, prompt]));
  const index = groups.map((group, position) => `<li><a href="#prompt-${position + 1}">${escapeHtml(group.promptId)}</a></li>`).join('');
  const sections = groups.map((group, position) => {
    const prompt = sources.get(group.promptId);
    const from = prompt
      ? `<div class="meta">${escapeHtml(t('display.report.promptFrom', { source: prompt.source, chars: prompt.chars }))}</div>`
      : '';
    return `<section class="prompt-group" id="prompt-${position + 1}" data-prompt="${escapeHtml(group.promptId)}">
<header><h2>${escapeHtml(group.promptId)}</h2>${from}</header>
<div class="group-summary">${metricsTable(group.results, (result) => result.model)}</div>
<div class="outputs">${group.results.map((result) => outputColumn(result, markdown, result.model)).join('')}</div>
</section>`;
  });
  const chartData = models.map((summary) => ({
    label: summary.model,
    latencyMs: summary.meanLatencyMs,
    outputTokens: summary.outputTokens,
    costUsd: summary.costUsd,
  }));
  return page(
    title,
    `<header class="page">
<h1>${escapeHtml(title)}</h1>
<div class="meta">${escapeHtml(meta)}</div>
<details class="prompt-index"><summary>${escapeHtml(t('display.report.prompts'))}</summary><ol>${index}</ol></details>
</header>
<section class="summary">
<h2>${escapeHtml(t('display.report.perModel'))}</h2>
${modelSummaryTable(report.results)}${judgeLine(report)}
<div class="charts">${charts(chartData, t('display.chart.meanLatency'))}</div>
</section>
${duelsSection(report)}${rawToggle()}
${sections.join('\n')}`,
  );
}

/**
 * One self-contained HTML file in the run's language: prompt, metrics (字数 and reading time
 * included), charts, and the drafts side by side (stacked on a phone). A batch gets its own title
 * and a section per prompt. Times are local, with their UTC offset.
 */
export function renderHtmlReport(reported: JsonReport, prompt: { text: string; title: string }, toolVersion: string): string {
  // pairwise judging: each draft's record in the Judge column, also for a run read back from the history
  const report = { ...reported, results: withPairwiseRecords(reported.results, reported.judgeCall) };
  const batch = report.prompts !== undefined || report.results.some((result) => result.promptId !== undefined);
  if (batch) return renderBatchReport(report, toolVersion);
  const markdown = createDraftMarkdown();
  const results = report.results;
  const chartData = results.map((result) => ({
    label: resultLabel(result),
    latencyMs: result.latencyMs,
    outputTokens: result.usage.outputTokens,
    costUsd: result.costUsd,
  }));
  const title = prompt.title || t('display.report.defaultTitle');
  const meta = `${t('display.report.meta', {
    count: results.length,
    time: formatLocalTime(report.startedAt),
    source: report.prompt.source,
    chars: report.prompt.chars,
  })} · wechat-writer ${toolVersion}`;
  return page(
    title,
    `<header class="page">
<h1>${escapeHtml(title)}</h1>
<div class="meta">${escapeHtml(meta)}</div>
<details class="prompt"><summary>${escapeHtml(t('display.report.prompt'))}</summary><pre>${escapeHtml(prompt.text)}</pre></details>
</header>
<section class="summary">
${metricsTable(results, resultLabel)}${judgeLine(report)}
<div class="charts">${charts(chartData, t('display.chart.latency'))}</div>
</section>
${duelsSection(report)}${rawToggle()}
<section class="outputs">${results.map((result) => outputColumn(result, markdown, resultLabel(result))).join('')}</section>`,
  );
}
