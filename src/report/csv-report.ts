import { rubricKeys } from '../judge/judge-rubric.js';
import type { ModelResult } from '../run/model-result.js';
import { extractTitle, tokensPerSecond } from '../format/format-metrics.js';
import type { JsonReport } from './json-report.js';

type CsvValue = string | number | null | undefined;

/** Text a spreadsheet would run as a formula: it starts with `=`, `+`, `-`, `@`, tab or carriage return. */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Quotes one CSV field (RFC 4180): wrapped in quotes when it holds a comma, quote or line break.
 * Text (never a number we wrote) that a spreadsheet would take for a formula is neutralised as
 * OWASP's CSV-injection guidance says: a leading `'` and always quoted, so Excel, LibreOffice and
 * Google Sheets show it as text instead of running `=HYPERLINK(…)` or `=cmd|…`.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (formulaStart.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const columns: [string, (result: ModelResult) => CsvValue][] = [
  ['model', (result) => result.model],
  ['provider', (result) => result.provider],
  ['status', (result) => result.status],
  ['servedBy', (result) => result.servedBy],
  ['title', (result) => extractTitle(result.text)],
  ['chars', (result) => result.chars],
  ['readingMinutes', (result) => result.readingMinutes],
  ['inputTokens', (result) => result.usage.inputTokens],
  ['noCacheInputTokens', (result) => result.usage.noCacheInputTokens],
  ['outputTokens', (result) => result.usage.outputTokens],
  ['cacheReadTokens', (result) => result.usage.cacheReadTokens],
  ['cacheWriteTokens', (result) => result.usage.cacheWriteTokens],
  ['reasoningTokens', (result) => result.usage.reasoningTokens],
  ['latencyMs', (result) => result.latencyMs],
  ['ttftMs', (result) => result.ttftMs],
  ['tokensPerSecond', (result) => tokensPerSecond(result)?.toFixed(1)],
  ['costUsd', (result) => result.costUsd],
  ['attempts', (result) => result.attempts],
  ['incomplete', (result) => String(result.incomplete)],
  ['errorType', (result) => result.error?.type],
  ['errorMessage', (result) => result.error?.message],
  ['outputFile', (result) => result.outputFile],
  ['text', (result) => result.text],
];

/** With `--judge`: the score, each criterion, and the reasons as `criterion: reason` lines. */
const judgeColumns: [string, (result: ModelResult) => CsvValue][] = [
  ['judgeScore', (result) => result.judge?.score],
  ...rubricKeys.map((key): [string, (result: ModelResult) => CsvValue] => [
    `judge${key[0]?.toUpperCase()}${key.slice(1)}`,
    (result) => result.judge?.scores[key],
  ]),
  ['judgeReasons', (result) => (result.judge ? rubricKeys.map((key) => `${key}: ${result.judge?.reasons[key] ?? ''}`).join('\n') : null)],
];

/** One row per model with the metrics and the full text; starts with a BOM so Excel reads the Chinese right. */
export function renderCsvReport(report: JsonReport): string {
  const judged = report.results.some((result) => result.judge !== undefined);
  const batch = report.results.some((result) => result.promptId !== undefined);
  const scored = judged ? [...columns.slice(0, -1), ...judgeColumns, ...columns.slice(-1)] : columns;
  const used: typeof columns = batch ? [['promptId', (result) => result.promptId], ...scored] : scored;
  const lines = [
    used.map(([name]) => name).join(','),
    ...report.results.map((result) => used.map(([, read]) => csvField(read(result))).join(',')),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
