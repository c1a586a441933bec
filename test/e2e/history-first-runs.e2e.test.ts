import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/store/history-store.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';

// Several first runs at once on a fresh history: each process creates (or finds) the schema, and every
// run must be recorded. The schema migration once raced ("table runs already exists", a run lost about
// one try in five); it now runs inside BEGIN IMMEDIATE with the version read again under the lock.

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());

const rounds = 4;
const together = 3;

describe('first runs at once on a fresh history', () => {
  it(`records all ${together} runs started together, ${rounds} times over`, async () => {
    for (let round = 0; round < rounds; round += 1) {
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-first-runs-'));
      const env = { WECHAT_WRITER_HOME: path.join(cwd, 'home') };
      const runs = await Promise.all(
        Array.from({ length: together }, (_, index) =>
          runBuiltCli(['-m', 'mock:alpha', `第一次运行 ${round}-${index}`, '--json'], { cwd, env }),
        ),
      );
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/history is off|already exists/);
        expect(run.code).toBe(0);
      }
      const listing = await runBuiltCli(['history', '--json'], { cwd, env });
      expect(listing.code).toBe(0);
      const recorded = (JSON.parse(listing.stdout) as { runs: RunSummary[] }).runs.map((run) => run.topic).sort();
      expect(recorded).toEqual(Array.from({ length: together }, (_, index) => `第一次运行 ${round}-${index}`));
    }
  }, 120_000);
});
