import { readFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { parse } from 'dotenv';
import { InterruptedError } from '../errors/interrupted-error.js';
import type { Env } from '../providers/registry.js';
import type { CommandIO } from './command-io.js';

/** The real environment plus `./.env`, which never overrides a variable already set. */
export function loadEnvironment(cwd: string, processEnv: NodeJS.ProcessEnv): Env {
  let fromFile: Record<string, string> = {};
  try {
    fromFile = parse(readFileSync(path.join(cwd, '.env')));
  } catch {
    // No .env (or unreadable): the real environment alone.
  }
  return { ...fromFile, ...processEnv };
}

async function readAllStdin(signal: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  const interrupted = new Promise<never>((_resolve, reject) => {
    const onAbort = () => {
      process.stdin.destroy();
      reject(new InterruptedError());
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const read = (async () => {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  })();
  return Promise.race([read, interrupted]);
}

/** CommandIO backed by the real process. */
export function createNodeIO(toolVersion: string, signal: AbortSignal): CommandIO {
  const cwd = process.cwd();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: loadEnvironment(cwd, process.env),
    cwd,
    toolVersion,
    now: () => performance.now(),
    currentDate: () => new Date(),
    readTextFile: (filePath) => readFile(filePath, 'utf8'),
    readStdin: () => readAllStdin(signal),
    makeDirectory: async (directory) => {
      await mkdir(directory, { recursive: true });
      await access(directory, constants.W_OK);
    },
    sleep: (milliseconds, abortSignal) => sleep(milliseconds, undefined, { signal: abortSignal }),
    signal,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
  };
}
