import { UsageError } from '../errors/usage-error.js';

/** Parses a whole number ≥ 1 given to `flag`, or fails naming the flag. */
export function parsePositiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new UsageError(`${flag} takes a whole number of at least 1, got "${value}"`);
  }
  return parsed;
}

/** Parses a number in [min, max] given to `flag`, or fails naming the flag and range. */
export function parseNumberInRange(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`${flag} takes a number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}

/** Parses a whole number in [min, max] given to `flag`, or fails naming the flag and range. */
export function parseWholeNumberInRange(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || parsed < min || parsed > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}
