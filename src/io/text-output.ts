/** A writable text stream, e.g. process.stderr. */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when it is a terminal. */
  columns?: number;
}
