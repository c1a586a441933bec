import { mkdtempSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CommandIO } from '../../src/cli/command-io.js';

/** A CommandIO that captures stdout/stderr in memory and works in a fresh temp directory. */
export interface MemoryIO extends CommandIO {
  out(): string;
  err(): string;
}

export function createMemoryIO(overrides: Partial<CommandIO> = {}): MemoryIO {
  let stdout = '';
  let stderr = '';
  return {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
    cwd: mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-test-')),
    toolVersion: '0.0.0-test',
    now: () => performance.now(),
    currentDate: () => new Date('2026-11-21T10:00:00.000Z'),
    readTextFile: (filePath) => readFile(filePath, 'utf8'),
    readStdin: async () => '',
    makeDirectory: async (directory) => {
      await mkdir(directory, { recursive: true });
    },
    sleep: async () => {},
    interactive: false,
    out: () => stdout,
    err: () => stderr,
    ...overrides,
  };
}
