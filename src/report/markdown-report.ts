import { formatCost } from '../cost/compute-cost.js';
import { judgeNote } from '../judge/judge-note.js';
import { rubricKeys } from '../judge/judge-rubric.js';
import { formatJudgeScore } from '../judge/judge-score.js';
import type { ModelResult } from '../run/model-result.js';
import { extractTitle, formatCount, formatDuration, resultLabel, tokensPerSecond } from '../format/format-metrics.js';
import type { JsonReport } from './json-report.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

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

function statusText(result: ModelResult): string {
  if (result.status === 'ok') return result.servedBy !== result.model ? `ok → via ${result.servedBy}` : 'ok';
  return `${result.error?.type ?? 'error'}${result.incomplete ? ' (partial)' : ''}`;
}

/** A Markdown report: the metrics table, then each output under its own heading. */
export function renderMarkdownReport(report: JsonReport, promptText: string): string {
  const judged = report.results.some((result) => result.judge !== undefined);
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
      ...(judged ? [formatJudgeScore(result.judge)] : []),
    ]
      .map(cell)
      .join(' | ')} |`;
  });
  const sections = report.results.map((result) => {
    const body = result.text ? demoteHeadings(result.text.trimEnd()) : '_No output._';
    const failure = result.error ? `> **${result.error.type}**: ${result.error.message}\n\n` : '';
    const judge = result.judge
      ? `**Judge (blind): ${formatJudgeScore(result.judge)}**\n\n${rubricKeys
          .map((key) => `- ${key} ${result.judge?.scores[key]}/10: ${cell(result.judge?.reasons[key] ?? '')}`)
          .join('\n')}\n\n`
      : '';
    return `## ${resultLabel(result)}\n\n${failure}${judge}${body}\n`;
  });
  return [
    '# wechat-writer comparison',
    '',
    `${report.startedAt} · prompt from ${report.prompt.source} (${report.prompt.chars} characters)`,
    '',
    promptText
      .trimEnd()
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n'),
    '',
    `| Model | Status | Title | In | Out | Latency | TTFT | Tok/s | Cost |${judged ? ' Judge |' : ''}`,
    `|---|---|---|---:|---:|---:|---:|---:|---:|${judged ? '---:|' : ''}`,
    ...rows,
    '',
    ...(report.judgeCall ? [cell(judgeNote(report.judgeCall, report.results) ?? ''), ''] : []),
    ...sections,
  ].join('\n');
}
