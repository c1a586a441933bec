import type { Env } from '../io/env.js';
import type { TextOutput } from '../io/text-output.js';

/** Everything a command touches outside itself, injected so commands run in tests without a terminal. */
export interface CommandIO {
  stdout: TextOutput;
  stderr: TextOutput;
  env: Env;
  cwd: string;
  toolVersion: string;
  /** Monotonic clock in milliseconds. */
  now(): number;
  /** Wall clock, for timestamps. */
  currentDate(): Date;
  readTextFile(filePath: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Creates a directory (and parents) and checks it can be written. */
  makeDirectory(directory: string): Promise<void>;
  /** Waits, or rejects as soon as the signal aborts. */
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
  /** True when questions can be asked: stdin and stderr are terminals. */
  interactive: boolean;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}
