import { spawn } from 'node:child_process';
import type { Env } from '../../../io/env.js';
import { startIdleTimer } from '../../idle-timer.js';

/** One run of a local CLI: what to start, what to write to its stdin, how long it may stay silent. */
export interface CliProcessOptions {
  /** The executable's path (already found; never run through a shell). */
  file: string;
  args: readonly string[];
  /** Written to the child's stdin, which is then closed. */
  stdin: string;
  env: Env;
  /** Longest silence on stdout before the child is killed (the idle timeout). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Each complete non-blank stdout line; throwing stops the child and fails the run with that error. */
  onLine(line: string): void;
  /** Instead of lines: stdout as it comes, blank lines and all (a CLI that prints plain text). Throwing stops the child. */
  onChunk?(chunk: string): void;
  /** Most bytes of stdout accepted; more fails the run with `tooLarge()`. */
  maxStdoutBytes: number;
  tooLarge(): Error;
  /** Whether the output is complete (the final event came): a child still running {@link lingerMs} later is stopped, and that is no failure. */
  isDone?(): boolean;
}

/** How the child ended. */
export interface CliProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The start of stderr (at most {@link maxStderrChars} characters). */
  stderr: string;
}

/** Why a run failed before the child ended on its own. */
export class CliProcessError extends Error {
  constructor(
    readonly reason: 'timeout' | 'cancelled' | 'spawn' | 'output',
    override readonly cause: unknown,
    readonly exit: CliProcessExit | null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'CliProcessError';
  }
}

/** Most characters of stderr kept. */
export const maxStderrChars = 4096;
/** How long a child told to stop (SIGTERM) has before it is killed (SIGKILL). */
const killGraceMs = 1500;
/** How long a child that has printed its final event may take to exit by itself. */
export const lingerMs = 1000;

/**
 * Runs a CLI in a process group of its own (detached), with no shell: the prompt goes to stdin, so no
 * character of it is ever interpreted. On idle timeout, abort or a bad line the whole group is
 * stopped (SIGTERM, then SIGKILL), and the promise settles only once the child has been reaped.
 */
export function runCliProcess(options: CliProcessOptions): Promise<CliProcessExit> {
  return new Promise((resolve, reject) => {
    const timer = startIdleTimer(options.timeoutMs, options.signal);
    let failure: CliProcessError | null = null;
    let stderr = '';
    let pending = '';
    let bytes = 0;
    let exited = false;
    let graceTimer: NodeJS.Timeout | undefined;
    let lingerTimer: NodeJS.Timeout | undefined;
    let done = false;
    const child = spawn(options.file, [...options.args], {
      env: options.env,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined || exited) return;
      try {
        if (process.platform === 'win32') child.kill(signal);
        else process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    const stop = (error: CliProcessError) => {
      failure ??= error;
      signalGroup('SIGTERM');
      graceTimer ??= setTimeout(() => signalGroup('SIGKILL'), killGraceMs);
      graceTimer.unref?.();
    };
    const stopLingering = () => {
      signalGroup('SIGTERM');
      graceTimer ??= setTimeout(() => signalGroup('SIGKILL'), killGraceMs);
    };
    const onAbort = () => {
      // Silent after its final event: the answer is whole, only the exit is late.
      if (done && timer.timedOut) stopLingering();
      else stop(new CliProcessError(timer.timedOut ? 'timeout' : 'cancelled', timer.signal.reason, null));
    };
    if (timer.signal.aborted) onAbort();
    else timer.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (failure) return;
      timer.touch();
      bytes += Buffer.byteLength(chunk);
      if (bytes > options.maxStdoutBytes) {
        stop(new CliProcessError('output', options.tooLarge(), null));
        return;
      }
      if (options.onChunk) {
        try {
          options.onChunk(chunk);
        } catch (error) {
          stop(new CliProcessError('output', error, null));
        }
        return;
      }
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      try {
        for (const line of lines) if (line.trim() !== '') options.onLine(line);
      } catch (error) {
        stop(new CliProcessError('output', error, null));
        return;
      }
      if (!done && options.isDone?.()) {
        done = true;
        lingerTimer = setTimeout(stopLingering, lingerMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < maxStderrChars) stderr += chunk.slice(0, maxStderrChars - stderr.length);
    });
    // A child that exits without reading its stdin makes the write fail (EPIPE): its exit tells why.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);

    let spawnError: unknown = null;
    let settled = false;
    child.on('error', (error) => {
      spawnError = error;
      // Never started (ENOENT, EACCES): there is nothing to wait for.
      if (child.pid === undefined && !settled) {
        settled = true;
        timer.signal.removeEventListener('abort', onAbort);
        timer.dispose();
        reject(new CliProcessError('spawn', error, null));
      }
    });
    child.on('close', (code, signal) => {
      exited = true;
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      clearTimeout(lingerTimer);
      timer.signal.removeEventListener('abort', onAbort);
      timer.dispose();
      const exit: CliProcessExit = { code, signal, stderr };
      if (!failure && pending.trim() !== '') {
        try {
          options.onLine(pending);
        } catch (error) {
          failure = new CliProcessError('output', error, null);
        }
      }
      if (spawnError !== null && failure === null) reject(new CliProcessError('spawn', spawnError, exit));
      else if (failure) reject(new CliProcessError(failure.reason, failure.cause, exit));
      else resolve(exit);
    });
  });
}
