import { t } from '../i18n/translate.js';
import { candidates, preview, tryParse } from './parse-judge-reply.js';

/** The pairwise judge's choice, or why the reply is not the choice asked for. */
export type PairwiseReplyParse = { ok: true; winner: 'A' | 'B' | 'tie'; reason: string } | { ok: false; message: string };

const winnerKeys = ['winner', 'better', 'choice', 'verdict', 'result', '胜者', '获胜', '更好', '结果'];
const reasonKeys = ['reason', 'reasons', 'why', 'explanation', '理由', '原因'];
const tieWords = new Set([
  'tie',
  'tied',
  'draw',
  'equal',
  'same',
  'neither',
  'both',
  '平',
  '平局',
  '平手',
  '打平',
  '持平',
  '相当',
  '一样',
  '不分上下',
  '难分高下',
]);

/** `A`, `稿件 A`, `Draft B`, `b`, `tie`, `平局` → A / B / tie; null for anything else. */
export function normalizeWinner(value: unknown): 'A' | 'B' | 'tie' | null {
  if (typeof value !== 'string') return null;
  const squashed = value
    .trim()
    .toLowerCase()
    .replace(/^(稿件|draft)\s*/, '')
    .replace(/[\s"'“”「」()（）.。!！]/g, '');
  if (squashed === 'a') return 'A';
  if (squashed === 'b') return 'B';
  return tieWords.has(squashed) ? 'tie' : null;
}

const oneLine = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ').trim();
  return Array.from(text).length > 240 ? `${Array.from(text).slice(0, 239).join('')}…` : text;
};

const fieldOf = (record: Record<string, unknown>, keys: readonly string[]): unknown => {
  const entry = Object.entries(record).find(([name]) => keys.includes(name.trim().toLowerCase()));
  return entry?.[1];
};

/**
 * Reads the pairwise judge's choice `{"winner": "A" | "B" | "tie", "reason": "…"}`: in a ```json fence
 * or amid prose (Chinese or not), near-JSON with full-width punctuation repaired, `<think>` blocks
 * dropped. A reply without such an object, or whose winner is not A, B or a tie, is unusable: never
 * a guessed choice.
 */
export function parsePairwiseReply(reply: string): PairwiseReplyParse {
  const withoutThinking = reply.replace(/<think>[\s\S]*?<\/think>/g, '');
  let badWinner: unknown;
  let sawObject = false;
  for (const candidate of candidates(withoutThinking)) {
    const value = tryParse(candidate);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const given = fieldOf(record, winnerKeys);
    if (given === undefined) continue;
    const winner = normalizeWinner(given);
    if (winner) return { ok: true, winner, reason: oneLine(fieldOf(record, reasonKeys)) };
    if (!sawObject) badWinner = given;
    sawObject = true;
  }
  if (sawObject) {
    const got = t('writing.reply.got', { value: (JSON.stringify(badWinner) ?? String(badWinner)).slice(0, 60) });
    return { ok: false, message: t('writing.pair.badWinner', { got }) };
  }
  return { ok: false, message: t('writing.pair.noChoice', { preview: preview(withoutThinking) }) };
}
