import { extractTitle } from '../format/format-metrics.js';

/** A run's kind as `history` lists it: `batch` is a compare run over a batch of prompts. */
export type RunKind = 'compare' | 'rerun' | 'write' | 'batch';

const separator = '\u001f';

/**
 * What a run was about, for the history list: the topic the user typed; else the brief's first
 * heading (or first line), never the prompt built around a topic; for a batch, its prompt ids.
 */
export function summaryTopic(topic: string | null, promptStart: string, batchIds: string | null): string {
  if (topic?.trim()) return topic.trim().replace(/\s+/g, ' ');
  if (batchIds) return batchIds.split(separator).join(', ');
  const fromTopic = /^请围绕选题「([\s\S]*)」写一篇微信公众号文章。$/.exec(promptStart.trim());
  if (fromTopic) return (fromTopic[1] as string).trim();
  return extractTitle(promptStart).replace(/\s+/g, ' ');
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
};

/**
 * 字数 and reading time of a run, from its successful results in order (`chars:minutes:role`
 * joined with U+001F): a write run's final draft (its last `writer` stage: the draft or the
 * revision), else the median over its outputs (the lower middle one: a figure some output has).
 */
export function summaryChars(kind: string, written: string | null): { chars: number | null; readingMinutes: number | null } {
  const entries = (written ? written.split(separator) : []).map((entry) => {
    const [chars, minutes, role] = entry.split(':');
    return { chars: Number(chars), readingMinutes: Number(minutes), role: role ?? '' };
  });
  if (kind === 'write') {
    const final = entries.filter((entry) => entry.role === 'writer').at(-1);
    return final ? { chars: final.chars, readingMinutes: final.readingMinutes } : { chars: null, readingMinutes: null };
  }
  const chars = median(entries.map((entry) => entry.chars));
  const middle = entries.find((entry) => entry.chars === chars);
  return { chars, readingMinutes: middle?.readingMinutes ?? null };
}
