import * as z from '../config/zod.js';
import { t } from '../i18n/translate.js';
import { rubricKeys, scoreRange, type RubricKey } from './judge-rubric.js';
import { meanScore, type JudgeScore } from './judge-score.js';

/** The verdicts keyed by draft label, or why the reply is not the verdict asked for. */
export type JudgeReplyParse = { ok: true; verdicts: Record<string, JudgeScore> } | { ok: false; message: string };

// the schema's own messages are never shown: a failed score is described with t() when it is read
const scoreMessage = 'score out of range';
const score = z
  .union(
    [
      z.number(),
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ],
    { error: scoreMessage },
  )
  .pipe(z.number().int(scoreMessage).min(scoreRange.min, scoreMessage).max(scoreRange.max, scoreMessage));

const verdictSchema = z.object({
  scores: z.object(Object.fromEntries(rubricKeys.map((key) => [key, score])) as Record<RubricKey, typeof score>),
});

/** Names a judge may give a criterion, squashed to lower-case letters, mapped to the rubric's key. */
const criterionAliases: Record<string, RubricKey> = {
  title: 'title',
  headline: 'title',
  标题: 'title',
  opening: 'opening',
  openinghook: 'opening',
  hook: 'opening',
  开头: 'opening',
  structure: 'structure',
  结构: 'structure',
  readability: 'readability',
  mobilereadability: 'readability',
  phonereadability: 'readability',
  readabilityonaphone: 'readability',
  手机阅读体验: 'readability',
  factualcare: 'factualCare',
  factual: 'factualCare',
  facts: 'factualCare',
  accuracy: 'factualCare',
  事实严谨: 'factualCare',
};

const squash = (name: string) => name.toLowerCase().replace(/[\s_\-:：]/g, '');

/** A verdict's criteria under the rubric's keys; names the judge made up are dropped. */
function byCriterion(value: unknown): Partial<Record<RubricKey, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const mapped: Partial<Record<RubricKey, unknown>> = {};
  for (const [name, entry] of Object.entries(value)) {
    const key = criterionAliases[squash(name)];
    if (key && !(key in mapped)) mapped[key] = entry;
  }
  return mapped;
}

/** `A`, `稿件 A`, `Draft A`, `a` → `A`; null when no label can be read. */
function normalizeLabel(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /([A-Za-z]{1,3})\s*[)）]?\s*$/.exec(value.trim());
  return match ? (match[1] as string).toUpperCase() : null;
}

const oneLine = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ').trim();
  return Array.from(text).length > 240 ? `${Array.from(text).slice(0, 239).join('')}…` : text;
};

const fullWidth: Record<string, string> = { '｛': '{', '｝': '}', '［': '[', '］': ']', '：': ':', '，': ',' };

/**
 * Makes near-JSON parseable: full-width braces, brackets, colons and commas outside strings, curly
 * quotes used as string quotes, raw line breaks inside strings, trailing commas. Text inside strings
 * (Chinese punctuation in a reason) is kept as it is.
 */
export function repairJson(text: string): string {
  const out: string[] = [];
  let closer: string | null = null;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (closer !== null) {
      if (character === '\\' && index + 1 < text.length) {
        out.push(character, text[index + 1] as string);
        index += 1;
      } else if (character === closer) {
        out.push('"');
        closer = null;
      } else if (character === '"') out.push('\\"');
      else if (character === '\n') out.push('\\n');
      else if (character === '\r') out.push('\\r');
      else if (character === '\t') out.push('\\t');
      else out.push(character);
      continue;
    }
    const mapped = fullWidth[character] ?? character;
    if (mapped === '"' || mapped === '“' || mapped === '”') {
      out.push('"');
      closer = mapped === '“' ? '”' : '"';
    } else if (mapped === '}' || mapped === ']') {
      let end = out.length;
      while (end > 0 && /\s/.test(out[end - 1] as string)) end -= 1;
      if (out[end - 1] === ',') out.splice(end - 1, 1);
      out.push(mapped);
    } else out.push(mapped);
  }
  return out.join('');
}

/** The balanced `{…}` or `[…]` starting at `start`, skipping brackets inside strings; null when it never closes. */
function balancedFrom(text: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index] as string;
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if ('{[｛［'.includes(character)) depth += 1;
    else if ('}]｝］'.includes(character)) {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return null;
}

/** Pieces of the reply that may hold the verdict, most likely first: fenced blocks, the whole reply, every `{…}`. */
export function candidates(reply: string): string[] {
  const found: string[] = [];
  for (const match of reply.matchAll(/```[a-zA-Z]*[^\S\n]*\n?([\s\S]*?)```/g)) found.push((match[1] as string).trim());
  found.push(reply.trim());
  for (let index = 0; index < reply.length; index += 1) {
    if ('{｛'.includes(reply[index] as string)) {
      const block = balancedFrom(reply, index);
      if (block) found.push(block);
    }
  }
  return found;
}

/** The text as JSON, repaired if need be (see `repairJson`); undefined when even that fails. */
export function tryParse(text: string): unknown {
  for (const attempt of [text, repairJson(text)]) {
    try {
      return JSON.parse(attempt) as unknown;
    } catch {
      // next attempt
    }
  }
  return undefined;
}

/** The list of verdicts in a parsed reply, whatever it was called; null when the shape is not one. */
function verdictList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') return null;
  for (const [name, entry] of Object.entries(value)) {
    if (['drafts', 'verdicts', 'results', 'scores', '稿件'].includes(name.toLowerCase()) && Array.isArray(entry)) return entry;
  }
  return null;
}

/** The start of a reply, for a message saying it held no verdict. */
export const preview = (reply: string): string => {
  const squashed = reply.replace(/\s+/g, ' ').trim();
  return squashed === ''
    ? t('writing.reply.empty')
    : t('writing.reply.began', { start: `${Array.from(squashed).slice(0, 80).join('')}${Array.from(squashed).length > 80 ? '…' : ''}` });
};

function describeValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Checks a list of verdicts against the labels shown; the first problem found is the message. */
function validate(list: unknown[], labels: readonly string[]): JudgeReplyParse {
  const verdicts: Record<string, JudgeScore> = {};
  for (const entry of list) {
    const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
    const label = normalizeLabel(record.label ?? record.draft ?? record.id);
    if (label === null) return { ok: false, message: t('writing.reply.noLabel', { entry: describeValue(entry).slice(0, 80) }) };
    if (!labels.includes(label)) return { ok: false, message: t('writing.reply.unknownLabel', { label, labels: labels.join(', ') }) };
    if (verdicts[label]) return { ok: false, message: t('writing.reply.twoVerdicts', { label }) };
    const scores = byCriterion(record.scores);
    const checked = verdictSchema.safeParse({ scores });
    if (!checked.success) {
      const key = checked.error.issues[0]?.path[1] as RubricKey | undefined;
      const value = key === undefined ? undefined : scores[key];
      const got =
        key === undefined
          ? ''
          : value === undefined
            ? t('writing.reply.gotNothing')
            : t('writing.reply.got', { value: describeValue(value) });
      const criterion = key ?? 'scores';
      return { ok: false, message: t('writing.reply.badScore', { label, criterion, min: scoreRange.min, max: scoreRange.max, got }) };
    }
    const reasonsIn = byCriterion(record.reasons);
    const reasons = Object.fromEntries(rubricKeys.map((key) => [key, oneLine(reasonsIn[key])])) as Record<RubricKey, string>;
    const parsedScores = checked.data.scores as Record<RubricKey, number>;
    verdicts[label] = { score: meanScore(parsedScores), scores: parsedScores, reasons };
  }
  const missing = labels.filter((label) => !verdicts[label]);
  if (missing.length > 0) return { ok: false, message: t('writing.reply.missing', { labels: missing.join(', ') }) };
  return { ok: true, verdicts };
}

/**
 * Reads the judge's verdict: JSON in a ```json fence or surrounded by prose, near-JSON with full-width
 * punctuation is repaired. Every shown label must have every criterion scored 1–10 (an integer); any
 * problem makes the whole reply unusable, never a guessed score.
 */
export function parseJudgeReply(reply: string, labels: readonly string[]): JudgeReplyParse {
  const withoutThinking = reply.replace(/<think>[\s\S]*?<\/think>/g, '');
  let firstProblem: string | null = null;
  for (const candidate of candidates(withoutThinking)) {
    const list = verdictList(tryParse(candidate));
    if (!list) continue;
    const checked = validate(list, labels);
    if (checked.ok) return checked;
    firstProblem ??= checked.message;
  }
  if (firstProblem !== null) return { ok: false, message: t('writing.reply.notUsable', { problem: firstProblem }) };
  return { ok: false, message: t('writing.reply.noVerdict', { preview: preview(withoutThinking) }) };
}
