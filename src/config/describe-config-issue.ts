import type { z } from 'zod';
import { t } from '../i18n/translate.js';

/** One schema problem as the user reads it: where (a path in the file, as written) and what to do. */
export interface ConfigProblem {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

/** `providers.local.models[0]`, the way the file is written. */
export const formatPath = (parts: readonly Segment[]): string =>
  parts.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function valueAt(document: unknown, parts: readonly Segment[]): unknown {
  let value = document;
  for (const part of parts) {
    if (Array.isArray(value) && typeof part === 'number') value = value[part];
    else if (isRecord(value)) value = value[String(part)];
    else return undefined;
  }
  return value;
}

/**
 * The schema reads a role written as a list (`writer: [a, b]`) as `{ models: [a, b] }`, and a model
 * written as an id as `{ id }`: paths are given back the shape the file has.
 */
function pathAsWritten(parts: readonly Segment[], document: unknown): Segment[] {
  const written: Segment[] = [];
  for (const part of parts) {
    if (part === 'models' && written.length === 2 && written[0] === 'roles' && Array.isArray(valueAt(document, written))) continue;
    if (part === 'id' && typeof valueAt(document, written) === 'string') continue;
    written.push(part);
  }
  return written;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  valueType?: unknown;
  element?: unknown;
  out?: unknown;
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The keys an object of the schema accepts at `parts`, for "known keys" and "did you mean". */
function knownKeysAt(schema: unknown, parts: readonly Segment[]): string[] {
  let def = defOf(schema);
  const unwrap = () => {
    while (def && (def.type === 'optional' || def.type === 'pipe' || def.type === 'default')) {
      def = defOf(def.type === 'pipe' ? def.out : def.innerType);
    }
  };
  for (const part of parts) {
    unwrap();
    if (!def) return [];
    if (def.type === 'object') def = defOf(def.shape?.[String(part)]);
    else if (def.type === 'record') def = defOf(def.valueType);
    else if (def.type === 'array') def = defOf(def.element);
    else return [];
  }
  unwrap();
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Edits (insert, delete, replace, swap two neighbours) from one word to the other. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known key a typo most likely meant, if one is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const ranked = known
    .map((candidate) => ({ candidate, distance: candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(1, Math.floor(key.length / 4)) ? best.candidate : undefined;
}

/** Paths whose values may be secret: never echoed back in a message. */
const secretPath = (path: string) => /apiKeys?\b|apiKeys\[|headers/.test(path);

function describeValue(value: unknown, path: string): string {
  if (value === undefined) return t('config.value.nothing');
  if (value === null) return t('config.value.empty');
  if (Array.isArray(value)) return t('config.value.list');
  if (typeof value === 'object') return t('config.value.mapping');
  if (typeof value === 'string') return secretPath(path) || value.length > 40 ? t('config.value.text') : `"${value}"`;
  return String(value);
}

/** What a type is called in a message, in the run's language; an unnamed type by its zod name. */
function expectedName(expected: string): string {
  switch (expected) {
    case 'number':
      return t('config.expected.number');
    case 'int':
      return t('config.expected.int');
    case 'string':
      return t('config.expected.string');
    case 'boolean':
      return t('config.expected.boolean');
    case 'array':
      return t('config.expected.array');
    case 'object':
    case 'record':
      return t('config.expected.object');
    default:
      return expected;
  }
}

function typeMessage(expected: string, value: unknown, path: string): string {
  if (/^roles\.[^.[]+$/.test(path)) return t('config.roleType', { value: describeValue(value, path) });
  if (/\.models\[\d+\]$/.test(path) && /^providers\./.test(path)) return t('config.modelType', { value: describeValue(value, path) });
  const name = expectedName(expected);
  if (value === undefined) return t('config.required', { expected: name });
  return t('config.expectedGot', { expected: name, value: describeValue(value, path) });
}

function boundMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown, path: string): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') {
    if (!small) return t('config.atMostItems', { bound });
    return t(bound === 1 ? 'config.atLeastItemsOne' : 'config.atLeastItemsMany', { bound });
  }
  if (issue.origin === 'string') return small ? t('config.notEmpty') : t('config.atMostChars', { bound });
  const limit = small
    ? t(issue.inclusive ? 'config.limit.atLeast' : 'config.limit.moreThan', { bound })
    : t(issue.inclusive ? 'config.limit.atMost' : 'config.limit.lessThan', { bound });
  return t('config.mustBe', { limit, value: describeValue(value, path) });
}

function suggestProviderId(key: string): string {
  const suggestion = key
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return t('config.exampleId', { id: suggestion === '' ? 'my-provider' : suggestion });
}

/**
 * Turns one zod issue into problems with a path as written in the file and a message that says
 * what is wrong and how to fix it (an unknown key becomes one problem per key, with a suggestion).
 */
export function describeConfigIssue(issue: Issue, document: unknown, schema: unknown): ConfigProblem[] {
  const parts = pathAsWritten(issue.path, document);
  const path = formatPath(parts);
  const value = valueAt(document, parts);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const guess = closestKey(key, known);
        const hint = guess ? t('config.didYouMean', { guess }) : '';
        return { path: formatPath([...parts, key]), message: t('config.unknownKey', { hint, known: known.join(', ') }) };
      });
    }
    case 'invalid_type':
      return [{ path, message: typeMessage(issue.expected, value, path) }];
    case 'too_small':
    case 'too_big':
      return [{ path, message: boundMessage(issue, value, path) }];
    case 'invalid_value': {
      if (path === 'language') return [{ path, message: t('config.languageInvalid', { value: describeValue(value, path) }) }];
      const allowed = issue.values.map(String).join(t('config.or'));
      const shown = describeValue(value, path);
      const what = parts.at(-1) === 'type' ? t('config.unknownType', { value: shown }) : t('config.notAllowed', { value: shown });
      return [{ path, message: t('config.useAllowed', { what, allowed }) }];
    }
    case 'invalid_format': {
      if (issue.format === 'url') {
        return [{ path, message: t('config.notUrl') }];
      }
      return [{ path, message: issue.message }];
    }
    case 'invalid_key': {
      const reason = issue.issues[0]?.message ?? t('config.invalidKey');
      const key = String(parts.at(-1) ?? '');
      return [{ path, message: t('config.renameKey', { reason, key, suggestion: suggestProviderId(key) }) }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}
