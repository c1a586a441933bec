import path from 'node:path';
import { fileTimestamp } from '../format/file-timestamp.js';
import { formatCount, formatDuration } from '../format/format-metrics.js';
import { slugify } from '../plan/slugify.js';
import type { ModelResult } from '../run/model-result.js';
import { writeNewFile } from './write-new-file.js';

/** `{timestamp}_{slug}_{model}.md`, with the model id made file-name safe. */
export function outputFileName(startedAt: Date, slug: string, modelId: string): string {
  return `${fileTimestamp(startedAt)}_${slug}_${slugify(modelId, 60)}.md`;
}

/** The article with a small header (an HTML comment, invisible when rendered). */
export function renderOutputFile(result: ModelResult, startedAt: Date, toolVersion: string): string {
  const servedBy = result.servedBy && result.servedBy !== result.model ? `, served by fallback ${result.servedBy}` : '';
  const served = `${servedBy}${result.responseModel ? ` (API model ${result.responseModel})` : ''}`;
  const ttft = result.ttftMs === null ? '' : `, first token ${formatDuration(result.ttftMs)}`;
  const header = [
    '<!--',
    `model: ${result.model}${served}`,
    `tokens: ${formatCount(result.usage.inputTokens)} in / ${formatCount(result.usage.outputTokens)} out`,
    `latency: ${formatDuration(result.latencyMs)}${ttft}`,
    `generated: ${startedAt.toISOString()} by wechat-writer ${toolVersion}`,
    ...(result.incomplete ? [`INCOMPLETE: the reply was cut off (${result.error?.type}); this is the text that arrived`] : []),
    '-->',
  ].join('\n');
  return `${header}\n\n${result.text ?? ''}\n`;
}

/**
 * Saves a result's text (complete, or partial when cut off) as Markdown, never over another run's
 * file, and returns its absolute path.
 */
export function writeOutputFile(
  result: ModelResult,
  options: { outDir: string; slug: string; startedAt: Date; toolVersion: string },
): string {
  const filePath = path.join(options.outDir, outputFileName(options.startedAt, options.slug, result.model));
  return writeNewFile(filePath, renderOutputFile(result, options.startedAt, options.toolVersion));
}
