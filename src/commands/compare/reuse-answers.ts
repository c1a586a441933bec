import type { CommandIO } from '../../cli/command-io.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { ModelResult } from '../../run/model-result.js';
import type { StoredAnswer } from '../../store/stored-answers.js';
import { parseSince } from '../stats/parse-since.js';

/**
 * `--reuse [age]` read (`any` is a bare `--reuse`, see reuse-argument.ts): undefined when not asked; null for any age; else the ISO time answers must be
 * newer than (`7d`, `24h`, a date). It reads the history, so it cannot go with --no-history.
 */
export function reuseSince(
  value: string | boolean | undefined,
  historyOn: boolean,
  io: Pick<CommandIO, 'currentDate'>,
): string | null | undefined {
  if (value === undefined || value === false) return undefined;
  if (!historyOn) throw new UsageError(t('compare.reuse.needsHistory'));
  if (value === true || value === 'any') return null;
  try {
    return parseSince(value, io.currentDate());
  } catch {
    throw new UsageError(t('compare.reuse.badAge', { value }));
  }
}

/** A stored answer as this run's result: the same text and metrics, cost 0, marked with the run it came from. */
export function reusedResult({ result, runId }: StoredAnswer): ModelResult {
  const { judge: _judge, route: _route, promptId: _promptId, pairwise: _pairwise, ...answer } = result as ModelResult & { role?: unknown };
  const { role: _role, ...rest } = answer as ModelResult & { role?: unknown };
  return { ...rest, costUsd: 0, attempts: 0, reused: true, reusedFrom: runId, outputFile: null, warnings: [] };
}

/** The line under the table when some answers came from the history. */
export function reusedLine(results: readonly ModelResult[]): string | null {
  const reused = results.filter((result) => result.reusedFrom !== undefined);
  if (reused.length === 0) return null;
  const runs = [...new Set(reused.map((result) => `#${result.reusedFrom}`))].join(', ');
  return t('compare.reuse.line', { count: reused.length, total: results.length, runs });
}
