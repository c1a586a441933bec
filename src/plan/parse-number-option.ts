import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';

/** Parses a whole number ≥ 1 given to `flag`, or fails naming the flag. */
export function parsePositiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new UsageError(t('config.plan.positiveInteger', { flag, value }));
  }
  return parsed;
}

/** Parses a number in [min, max] given to `flag`, or fails naming the flag and range. */
export function parseNumberInRange(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new UsageError(t('config.plan.numberInRange', { flag, value, min, max }));
  }
  return parsed;
}

/** Parses a whole number in [min, max] given to `flag`, or fails naming the flag and range. */
export function parseWholeNumberInRange(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(t('config.plan.wholeNumberInRange', { flag, value, min, max }));
  }
  return parsed;
}
