import MarkdownIt from 'markdown-it';
import { formatCost } from '../cost/compute-cost.js';
import { judgeNote } from '../judge/judge-note.js';
import { rubricKeys } from '../judge/judge-rubric.js';
import { formatJudgeScore } from '../judge/judge-score.js';
import type { ModelResult } from '../run/model-result.js';
import { barChartSvg, type BarDatum } from './bar-chart-svg.js';
import { escapeHtml } from './escape-html.js';
import { extractTitle, formatCount, formatDuration, resultLabel, tokensPerSecond } from '../format/format-metrics.js';
import { htmlReportStyle } from './html-report-style.js';
import type { JsonReport } from './json-report.js';

const costOf = (result: ModelResult): number | null => result.costUsd;

function metricsTable(results: readonly ModelResult[]): string {
  const judged = results.some((result) => result.judge !== undefined);
  const head = ['Model', 'Status', 'Title', 'In', 'Out', 'Latency', 'TTFT', 'Tok/s', 'Cost', ...(judged ? ['Judge'] : [])];
  const rows = results.map((result) => {
    const speed = tokensPerSecond(result);
    const cost = costOf(result);
    const status =
      result.status === 'ok'
        ? `<span class="ok">ok</span>${result.servedBy !== result.model ? ` → via ${escapeHtml(result.servedBy ?? '')}` : ''}`
        : `<span class="error">${escapeHtml(result.error?.type ?? 'error')}${result.incomplete ? ' (partial)' : ''}</span>`;
    const cells = [
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      formatCost(cost),
      ...(judged ? [formatJudgeScore(result.judge)] : []),
    ];
    return `<tr><td>${escapeHtml(resultLabel(result))}</td><td class="status">${status}</td><td>${escapeHtml(extractTitle(result.text))}</td>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
  });
  return `<table class="metrics"><thead><tr>${head.map((name) => `<th>${name}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function chart(metric: string, title: string, data: BarDatum[], format: (value: number) => string, emptyNote: string): string {
  const note = data.every((datum) => datum.value === null) ? `<div class="chart-note">${escapeHtml(emptyNote)}</div>` : '';
  return `<figure class="chart" data-metric="${metric}"><figcaption>${escapeHtml(title)}</figcaption>${barChartSvg(title, data, format)}${note}</figure>`;
}

function outputColumn(result: ModelResult, markdown: InstanceType<typeof MarkdownIt>): string {
  const served = result.servedBy && result.servedBy !== result.model ? ` · via ${escapeHtml(result.servedBy)}` : '';
  const facts = `${formatDuration(result.latencyMs)} · ${formatCount(result.usage.outputTokens)} tokens${served}`;
  const failure = result.error ? `<div class="failure">${escapeHtml(result.error.message)}</div>` : '';
  const judge = result.judge
    ? `<details class="judge"><summary>Judge (blind): ${escapeHtml(formatJudgeScore(result.judge))}</summary><ul>${rubricKeys
        .map((key) => `<li>${key} ${result.judge?.scores[key]}/10: ${escapeHtml(result.judge?.reasons[key] ?? '')}</li>`)
        .join('')}</ul></details>`
    : '';
  const body = result.text
    ? `<div class="rendered">${markdown.render(result.text)}</div><pre class="raw">${escapeHtml(result.text)}</pre>`
    : '';
  return `<article class="output" data-model="${escapeHtml(result.model)}"><header><strong>${escapeHtml(resultLabel(result))}</strong>${facts}</header>${failure}${judge}${body}</article>`;
}

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

/** One self-contained HTML file: prompt, metrics, charts, and the outputs side by side. */
export function renderHtmlReport(report: JsonReport, prompt: { text: string; title: string }, toolVersion: string): string {
  const markdown = createDraftMarkdown();
  const results = report.results;
  const label = resultLabel;
  const charts = [
    chart(
      'latency',
      'Latency',
      results.map((result) => ({ label: label(result), value: result.latencyMs })),
      formatDuration,
      '',
    ),
    chart(
      'output-tokens',
      'Output tokens',
      results.map((result) => ({ label: label(result), value: result.usage.outputTokens })),
      String,
      'no usage reported',
    ),
    chart(
      'cost',
      'Cost (USD)',
      results.map((result) => ({ label: label(result), value: costOf(result) })),
      formatCost,
      'no price data for these models',
    ),
  ];
  const title = prompt.title || 'comparison';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${htmlReportContentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`wechat-writer · ${title}`)}</title>
<style>${htmlReportStyle}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="meta">${results.length} model(s) · ${escapeHtml(report.startedAt)} · prompt from ${escapeHtml(report.prompt.source)} (${report.prompt.chars} characters) · wechat-writer ${escapeHtml(toolVersion)}</div>
<details class="prompt"><summary>Prompt</summary><pre>${escapeHtml(prompt.text)}</pre></details>
</header>
<section class="summary">
${metricsTable(results)}${report.judgeCall ? `<div class="meta judge-note">${escapeHtml(judgeNote(report.judgeCall, results) ?? '')}</div>` : ''}
<div class="charts">${charts.join('')}</div>
</section>
<input type="checkbox" id="raw-toggle"><label for="raw-toggle" class="toggle">Show raw Markdown</label>
<section class="outputs">${results.map((result) => outputColumn(result, markdown)).join('')}</section>
</body>
</html>
`;
}
