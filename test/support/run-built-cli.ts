import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const binPath = fileURLToPath(new URL('../../bin/wechat-writer.js', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));

let privateBuild: Promise<string> | undefined;

/**
 * The bin of a build of the current src/ made for these tests alone, once per test worker: bin/,
 * package.json and dist/ in a temp directory (node_modules linked), built by the project's own
 * scripts/build.mjs. Not ./dist: another `npm test` in this checkout rebuilds that (deleting it
 * first), and would pull it from under a run.
 */
export function builtBin(): Promise<string> {
  privateBuild ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-build-'));
    for (const directory of ['bin', 'scripts']) mkdirSync(path.join(root, directory));
    for (const file of ['bin/wechat-writer.js', 'scripts/build.mjs', 'package.json']) {
      copyFileSync(path.join(repository, file), path.join(root, file));
    }
    symlinkSync(path.join(repository, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    // the script builds src/ of its working directory into dist/ next to itself
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: repository });
    return path.join(root, 'bin', 'wechat-writer.js');
  })();
  return privateBuild;
}

/** Deletes the build of builtBin (the next call builds again). */
export async function removeBuiltBin(): Promise<void> {
  if (!privateBuild) return;
  const root = path.dirname(path.dirname(await privateBuild));
  privateBuild = undefined;
  unlinkSync(path.join(root, 'node_modules')); // the link first: removing the rest must never reach the real node_modules
  rmSync(root, { recursive: true, force: true });
}

/** What a run of the built CLI produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built bin (see builtBin) as a user would, asynchronously (a test's local server lives in
 * this process), with a clean environment: only PATH and HOME, FORCE_COLOR=0, and what the test gives.
 */
export async function runBuiltCli(
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    input?: string;
    keepStdinOpen?: boolean;
    onSpawn?: (child: ChildProcess) => void;
    onStderr?: (stderrSoFar: string, child: ChildProcess) => void;
  },
): Promise<CliRun> {
  const bin = await builtBin();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    options.onSpawn?.(child);
    if (options.keepStdinOpen) child.stdin.write(options.input ?? '');
    else child.stdin.end(options.input ?? '');
  });
}
