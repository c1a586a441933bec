/** The process exit codes, documented in the README. */
export const ExitCode = {
  /** Every model succeeded. */
  ok: 0,
  /** At least one model failed (all finished results were still kept). */
  someFailed: 1,
  /** Usage or configuration error: nothing was called. */
  usage: 2,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
