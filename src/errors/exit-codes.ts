/** The process exit codes, documented in the README. */
export const ExitCode = {
  /** Every model succeeded. */
  ok: 0,
  /** At least one model failed (all finished results were still kept). */
  someFailed: 1,
  /** Usage or configuration error: nothing was called. */
  usage: 2,
  /** Interrupted (Ctrl-C, SIGINT). */
  interrupted: 130,
  /** Stopped by SIGTERM (`kill`, a service manager), like Ctrl-C: finished results kept and reported. */
  terminated: 143,
  /** Stopped by SIGHUP (the terminal closed), like Ctrl-C. */
  hangUp: 129,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
