import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'dotenv';
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

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** CommandIO backed by the real process. */
export function createNodeIO(toolVersion: string): CommandIO {
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
    readStdin: readAllStdin,
    makeDirectory: async (directory) => {
      await mkdir(directory, { recursive: true });
    },
  };
}
