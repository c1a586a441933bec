import type { BatchCellOutcome } from '../../src/batch-api/batch-api.js';
import type { ProviderError } from '../../src/errors/provider-error.js';

/** The error of a failed cell (throws when the cell succeeded or is absent). */
export function errorOf(outcome: BatchCellOutcome | undefined): ProviderError {
  if (!outcome || outcome.ok) throw new Error(`expected a failed cell, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}
