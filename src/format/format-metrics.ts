import type { ModelResult } from '../run/model-result.js';
import { t } from '../i18n/translate.js';

/** A token count, or an em dash when the API did not report it. */
export const formatCount = (value: number | null): string => (value === null ? '—' : String(value));

/** Milliseconds as `850 ms` or `1.23 s`; an em dash when unknown. */
export function formatDuration(milliseconds: number | null): string {
  if (milliseconds === null) return '—';
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`;
}

/** Below this, a rate says more about the clock than about the model (a local mock, a cached reply). */
const shortestMeasurableMs = 10;

/**
 * Output tokens per second of generation: after the first token when streamed, else over the whole
 * call. Null when tokens are unknown or the time is too short to measure.
 */
export function tokensPerSecond(result: ModelResult): number | null {
  if (result.usage.outputTokens === null || result.status !== 'ok') return null;
  const generationMs = result.ttftMs !== null && result.latencyMs > result.ttftMs ? result.latencyMs - result.ttftMs : result.latencyMs;
  return generationMs >= shortestMeasurableMs ? result.usage.outputTokens / (generationMs / 1000) : null;
}

/** The article's title: its first heading, else its first non-empty line. */
export function extractTitle(text: string | null): string {
  if (!text) return '';
  const lines = text.split('\n').map((line) => line.trim());
  const heading = lines.find((line) => /^#{1,6}\s/.test(line));
  const first = heading ?? lines.find((line) => line !== '') ?? '';
  return first
    .replace(/^#{1,6}\s+/, '')
    .replace(/\*\*/g, '')
    .trim();
}

/** A result's name in reports: the model, or in a batch `promptId × model`. */
export const resultLabel = (result: ModelResult): string =>
  result.promptId === undefined ? result.model : `${result.promptId} × ${result.model}`;

/** Reading time as `3 min` / `约 3 分钟`; an em dash when there is nothing to read. */
export const formatReadingTime = (minutes: number): string => (minutes > 0 ? t('display.readingMinutes', { minutes }) : '—');
