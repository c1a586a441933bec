import { formatLocalTime } from '../format/format-local-time.js';
import { t } from '../i18n/translate.js';
import path from 'node:path';
import { fileTimestamp } from '../format/file-timestamp.js';
import { formatCount, formatDuration } from '../format/format-metrics.js';
import { slugify } from '../plan/slugify.js';
import { batchApiServer, type ModelResult } from '../run/model-result.js';
import { cutToBytes, maxFileNameBytes } from './file-name-bytes.js';
import { writeNewFile } from './write-new-file.js';

/** Room left in a name for the `-1000` writeNewFile may add when the name is taken. */
const copySuffixBytes = 5;
/** The model's share of the name when both parts are long: enough for any real model id. */
const modelBytes = 100;

/**
 * `{timestamp}_{slug}_{model}.md`, with the model id made file-name safe, and at most 255 bytes of
 * UTF-8 with room for a `-N` copy suffix: a long multi-byte topic and model id are cut on a character
 * boundary (the slug first, then the model id), never past what the file system takes.
 */
export function outputFileName(startedAt: Date, slug: string, modelId: string): string {
  const prefix = `${fileTimestamp(startedAt)}_`;
  const room = maxFileNameBytes - copySuffixBytes - Buffer.byteLength(`${prefix}_.md`, 'utf8');
  const model = cutToBytes(slugify(modelId, 60), Math.max(modelBytes, room - Buffer.byteLength(slug, 'utf8')));
  const slugPart = cutToBytes(slug, room - Buffer.byteLength(model, 'utf8')) || 'untitled';
  return `${prefix}${slugPart}_${model}.md`;
}

/** The article with a small header in the run's language (an HTML comment, invisible when rendered); times are local with their offset. */
export function renderOutputFile(result: ModelResult, startedAt: Date, toolVersion: string): string {
  const servedBy =
    result.servedBy === batchApiServer
      ? t('display.file.batch', { batchId: result.batchId ?? '' })
      : result.servedBy && result.servedBy !== result.model
        ? t('display.file.servedBy', { model: result.servedBy })
        : '';
  const served = `${servedBy}${result.responseModel ? t('display.file.apiModel', { model: result.responseModel }) : ''}`;
  const ttft = result.ttftMs === null ? '' : t('display.file.ttft', { ttft: formatDuration(result.ttftMs) });
  const header = [
    '<!--',
    t('display.file.model', { model: result.model, served }),
    t('display.file.tokens', { input: formatCount(result.usage.inputTokens), output: formatCount(result.usage.outputTokens) }),
    t('display.file.latency', { latency: formatDuration(result.latencyMs), ttft }),
    ...(result.text ? [t('display.file.length', { chars: result.chars, minutes: Math.max(1, result.readingMinutes) })] : []),
    t('display.file.generated', { time: formatLocalTime(startedAt), version: toolVersion }),
    ...(result.incomplete ? [t('display.file.incomplete', { type: String(result.error?.type) })] : []),
    '-->',
  ].join('\n');
  return `${header}\n\n${result.text ?? ''}\n`;
}

/**
 * Saves a result's text (complete, or partial when cut off) as Markdown, never over another run's
 * file, and returns its absolute path. `beforeWrite`: see writeNewFile.
 */
export function writeOutputFile(
  result: ModelResult,
  options: { outDir: string; slug: string; startedAt: Date; toolVersion: string },
  beforeWrite?: (chosenPath: string) => void,
): string {
  const filePath = path.join(options.outDir, outputFileName(options.startedAt, options.slug, result.model));
  return writeNewFile(filePath, renderOutputFile(result, options.startedAt, options.toolVersion), beforeWrite);
}
