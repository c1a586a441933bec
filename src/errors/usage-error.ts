/**
 * A usage or configuration problem found before any model was called (exit code 2).
 * The message names the cause and the fix (which flag, which env var).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
