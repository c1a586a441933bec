import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createNodeIO } from '../../src/cli/node-io.js';
import { main } from '../../src/main.js';
import type { CliRun } from '../support/run-built-cli.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Runs the CLI in-process as runCliInProcess does (clean env, HOME=cwd, retry waits skipped), with the
 * wall clock (`CommandIO.currentDate`) at `at`: a test moves time past a rest without waiting.
 */
export async function runCliAt(at: Date, args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end('');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: options.cwd,
    XDG_DATA_HOME: path.join(options.cwd, '.local', 'share'),
    FORCE_COLOR: '0',
    ...options.env,
  };
  const io = createNodeIO(version, new AbortController().signal, {
    cwd: options.cwd,
    env,
    stdin,
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => ((stderr += text), true), isTTY: false },
  });
  const code = await main(args, {
    ...io,
    currentDate: () => new Date(at),
    sleep: (_milliseconds, signal) => nextTurn(undefined, { signal }),
  });
  stdin.destroy();
  return { code, stdout, stderr };
}
