import { readFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ProgramDeps } from '../../src/cli/build-program.js';
import { createNodeIO } from '../../src/cli/node-io.js';
import { main } from '../../src/main.js';
import type { CliRun } from './run-built-cli.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** How to run the CLI in-process: what runBuiltCli takes, with an abort signal in place of Ctrl-C. */
export interface InProcessOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
  /** Leave stdin open after `input` (a pipe whose writer never closes it). */
  keepStdinOpen?: boolean;
  /** Aborting it is what Ctrl-C does in the real CLI. */
  signal?: AbortSignal;
  /** Called with all of stderr so far, after every write to it. */
  onStderr?: (stderrSoFar: string) => void;
  /** Called once the CLI has started reading stdin. */
  onReadStdin?: () => void;
  deps?: ProgramDeps;
}

/**
 * Runs the CLI as src/cli.ts does (main() with the node I/O, so `.env`, stdin and the exit code go
 * the same way), but in this process, with stdout and stderr captured, and the same clean
 * environment runBuiltCli gives a child: PATH, HOME=cwd, FORCE_COLOR=0 and what the test gives. The
 * history lands under cwd as it does for the bin (whose home is cwd). Retry waits are skipped, but
 * still end at once when the signal aborts. Returns what runBuiltCli returns.
 */
export async function runCliInProcess(args: string[], options: InProcessOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const stdin = new PassThrough();
  if (options.keepStdinOpen) stdin.write(options.input ?? '');
  else stdin.end(options.input ?? '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: options.cwd,
    // The bin's os.homedir() is HOME=cwd; in this process it is the real one, so name the same directory.
    XDG_DATA_HOME: path.join(options.cwd, '.local', 'share'),
    FORCE_COLOR: '0',
    ...options.env,
  };
  const io = createNodeIO(version, controller.signal, {
    cwd: options.cwd,
    env,
    stdin,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: {
      write: (text: string) => {
        stderr += text;
        options.onStderr?.(stderr);
        return true;
      },
      isTTY: false,
    },
  });
  const code = await main(
    args,
    {
      ...io,
      readStdin: () => {
        const reading = io.readStdin();
        options.onReadStdin?.();
        return reading;
      },
      sleep: (_milliseconds, signal) => nextTurn(undefined, { signal }),
    },
    options.deps,
  );
  stdin.destroy();
  return { code, stdout, stderr };
}
