import { formatCost } from '../cost/compute-cost.js';
import { judgeNote } from '../judge/judge-note.js';
import { rubricKeys } from '../judge/judge-rubric.js';
import { formatJudgeCell, formatJudgeScore, hasJudgeCell } from '../judge/judge-score.js';
import { withPairwiseRecords } from '../judge/pairwise-records.js';
import type { ModelResult } from '../run/model-result.js';
import { markdownDuels } from './markdown-duels.js';
import { formatLocalTime } from '../format/format-local-time.js';
import { extractTitle, formatCount, formatDuration, formatReadingTime, resultLabel, tokensPerSecond } from '../format/format-metrics.js';
import { t } from '../i18n/translate.js';
import { groupByPrompt } from '../ui/matrix-summary.js';
import type { JsonReport } from './json-report.js';
import { charsText, rubricLabel, statusText } from './report-labels.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The metrics table's headers, in the run's language. */
const headers = (judged: boolean) => [
  t('display.column.model'),
  t('display.column.status'),
  t('display.column.titleShort'),
  t('display.column.in'),
  t('display.column.out'),
  t('display.column.latency'),
  t('display.column.ttft'),
  t('display.column.speed'),
  t('display.column.cost'),
  ...(judged ? [t('display.column.judge')] : []),
  t('display.column.chars'),
  t('display.column.reading'),
];

/** Pushes an output's headings two levels down (outside code fences) so they nest under the model's heading. */
export function demoteHeadings(markdown: string, levels = 2): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      return line.replace(
        /^(#{1,6})(\s)/,
        (_match, hashes: string, space: string) => `${'#'.repeat(Math.min(6, hashes.length + levels))}${space}`,
      );
    })
    .join('\n');
}

/** A Markdown report: the metrics table (字数 and reading time last), then each output under its own heading. */
export function renderMarkdownReport(reported: JsonReport, promptText: string): string {
  const report = { ...reported, results: withPairwiseRecords(reported.results, reported.judgeCall) };
  const judged = report.results.some(hasJudgeCell);
  const rows = report.results.map((result) => {
    const speed = tokensPerSecond(result);
    return `| ${[
      resultLabel(result),
      statusText(result),
      extractTitle(result.text),
      formatCount(result.usage.inputTokens),
      formatCount(result.usage.outputTokens),
      formatDuration(result.latencyMs),
      formatDuration(result.ttftMs),
      speed === null ? '—' : speed.toFixed(1),
      formatCost(result.costUsd),
      ...(judged ? [formatJudgeCell(result)] : []),
      charsText(result),
      formatReadingTime(result.readingMinutes),
    ]
      .map(cell)
      .join(' | ')} |`;
  });
  const sections = report.results.map((result) => {
    const body = result.text ? demoteHeadings(result.text.trimEnd()) : `_${t('display.report.noOutput')}_`;
    const failure = result.error ? `> **${result.error.type}**: ${result.error.message}\n\n` : '';
    const judge = result.judge
      ? `**${t('display.report.judgeBlind', { score: formatJudgeScore(result.judge) })}**\n\n${rubricKeys
          .map((key) => `- ${rubricLabel(key)} ${result.judge?.scores[key]}/10: ${cell(result.judge?.reasons[key] ?? '')}`)
          .join('\n')}\n\n`
      : '';
    return `## ${resultLabel(result)}\n\n${failure}${judge}${body}\n`;
  });
  const groups =
    report.prompts !== undefined || report.results.some((result) => result.promptId !== undefined) ? groupByPrompt(report.results) : null;
  const models = new Set(report.results.map((result) => result.model)).size;
  const time = formatLocalTime(report.startedAt);
  return [
    groups ? `# ${t('display.report.batchTitle', { prompts: groups.length, models })}` : `# ${t('display.report.markdownTitle')}`,
    '',
    groups
      ? t('display.report.batchMeta', { prompts: groups.length, models, time })
      : `${time} · ${t('display.report.promptFrom', { source: report.prompt.source, chars: report.prompt.chars })}`,
    '',
    // a batch has many prompts: each draft's heading names its own
    ...(groups
      ? []
      : [
          promptText
            .trimEnd()
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n'),
          '',
        ]),
    `| ${headers(judged).join(' | ')} |`,
    `|---|---|---|---:|---:|---:|---:|---:|---:|${judged ? '---:|' : ''}---:|---:|`,
    ...rows,
    '',
    ...(report.judgeCall ? [(judgeNote(report.judgeCall, report.results) ?? '').split('\n').map(cell).join('\n\n'), ''] : []),
    ...markdownDuels(report),
    ...sections,
  ].join('\n');
}
