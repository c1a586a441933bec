import { readFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { parse } from 'dotenv';
import { InterruptedError } from '../errors/interrupted-error.js';
import type { Env } from '../io/env.js';
import { makeDirectories } from '../io/make-directories.js';
import type { TextOutput } from '../io/text-output.js';
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

async function readAllStdin(signal: AbortSignal, stdin: ProcessPorts['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  const interrupted = new Promise<never>((_resolve, reject) => {
    const onAbort = () => {
      stdin.destroy();
      reject(new InterruptedError());
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const read = (async () => {
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  })();
  return Promise.race([read, interrupted]);
}

/** What createNodeIO takes from the process; tests hand in their own to run the CLI in-process. */
export interface ProcessPorts {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; destroy(): unknown };
  stdout: TextOutput;
  stderr: TextOutput;
}

const processPorts = (): ProcessPorts => ({
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

/** CommandIO backed by the real process (or by `ports` standing in for it). */
export function createNodeIO(toolVersion: string, signal: AbortSignal, ports: ProcessPorts = processPorts()): CommandIO {
  const { cwd, stdin, stdout, stderr } = ports;
  return {
    stdout,
    stderr,
    env: loadEnvironment(cwd, ports.env),
    cwd,
    toolVersion,
    now: () => performance.now(),
    currentDate: () => new Date(),
    readTextFile: (filePath) => readFile(filePath, 'utf8'),
    readStdin: () => readAllStdin(signal, stdin),
    makeDirectory: async (directory) => {
      makeDirectories(directory);
      await access(directory, constants.W_OK);
    },
    sleep: (milliseconds, abortSignal) => sleep(milliseconds, undefined, { signal: abortSignal }),
    signal,
    interactive: stdin.isTTY === true && stderr.isTTY === true,
  };
}
