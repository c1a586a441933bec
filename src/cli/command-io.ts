import type { Env } from '../providers/registry.js';
import type { TextOutput } from '../ui/progress-reporter.js';

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
  makeDirectory(directory: string): Promise<void>;
}
