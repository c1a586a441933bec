import { t } from '../../i18n/translate.js';
import type { Env } from '../../io/env.js';
import { resolveModel } from '../../providers/registry.js';
import { ViewError } from '../server/view-error.js';
import type { RunsQuery } from './view-documents.js';

const kinds: RunsQuery['kind'][] = ['compare', 'batch', 'rerun', 'write'];

/** A whole number in [min, max] from a query parameter, its default when absent or empty, else 400. */
export function integerParameter(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = params.get(name)?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ViewError(400, t('viewServer.error.badNumber', { name, value: text.slice(0, 40), min, max }));
  }
  return value;
}

/** A parameter's trimmed text, or null when absent or blank. */
export const textParameter = (params: URLSearchParams, name: string): string | null => params.get(name)?.trim() || null;

/** A model filter as typed: an alias or provider id means all that provider's models (as `history --model`). */
export function modelFilter(spec: string | null, env: Env): string | null {
  if (!spec) return null;
  try {
    const resolved = resolveModel(spec, env);
    return spec.includes(':') ? resolved.id : resolved.provider.id;
  } catch {
    return spec;
  }
}

/** The runs list's query: search, model, tag, kind, limit (1–500, default 50) and offset. */
export function parseRunsQuery(params: URLSearchParams): RunsQuery {
  const kind = textParameter(params, 'kind');
  if (kind !== null && !kinds.includes(kind as RunsQuery['kind'])) {
    throw new ViewError(400, t('viewServer.error.badChoice', { name: 'kind', value: kind.slice(0, 40), choices: kinds.join(', ') }));
  }
  return {
    search: textParameter(params, 'search'),
    model: textParameter(params, 'model'),
    tag: textParameter(params, 'tag'),
    kind: kind as RunsQuery['kind'],
    limit: integerParameter(params, 'limit', 50, 1, 500),
    offset: integerParameter(params, 'offset', 0, 0, 1_000_000),
  };
}

/** A run id from the path (`12` or `#12`); anything else names no run (404). */
export function parseRunId(text: string): number {
  const id = Number(decodeURIComponent(text).replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0) throw new ViewError(404, t('viewServer.error.noSuchRun', { run: text.slice(0, 40) }));
  return id;
}

/** A required field of a JSON body, checked by `valid`, else 400 naming the field. */
export function bodyField<Value>(body: Record<string, unknown>, name: string, valid: (value: unknown) => value is Value): Value {
  const value = body[name];
  if (!valid(value)) throw new ViewError(400, t('viewServer.error.badField', { name }));
  return value;
}

/** Type guards for bodyField. */
export const isPosition = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
export const isRunId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= 500;
export const isOptionalText = (value: unknown): value is string | null | undefined =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= 500);
