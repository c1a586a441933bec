import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';

/** How `--judge` judges: every draft scored on the rubric in one call (default), or drafts compared two at a time. */
export type JudgeMode = 'rubric' | 'pairwise';

/** The judge modes, the default first. */
export const judgeModes: readonly JudgeMode[] = ['rubric', 'pairwise'];

/**
 * Reads `--judge-mode`: `rubric` (also when absent) or `pairwise`. A mode without `--judge`, or an
 * unknown mode, is a usage error (exit 2) that says the fix.
 */
export function parseJudgeMode(value: string | undefined, judge: string | undefined): JudgeMode {
  if (value === undefined) return 'rubric';
  const mode = judgeModes.find((candidate) => candidate === value.trim().toLowerCase());
  if (!mode) throw new UsageError(t('writing.mode.unknown', { value, modes: judgeModes.join(', ') }));
  if (judge === undefined) throw new UsageError(t('writing.mode.needsJudge', { mode }));
  return mode;
}
