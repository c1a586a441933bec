/** The user pressed Ctrl-C before a run started (exit code 130). */
export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}
