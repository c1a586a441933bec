import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../src/store/history-store.js';
import { builtBin } from '../../support/run-built-cli.js';
import { runSeedCommand, seedHistory, type SeededHistory } from '../../support/seed-history.js';

let home: string;
let seeded: SeededHistory;

beforeAll(async () => {
  home = path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-seed-')), 'home');
  seeded = await seedHistory(home);
}, 120_000);

describe('seedHistory: the history the view tests read', () => {
  it('holds a compare run, a batch, a write run with a fallback and a judged run, newest first', async () => {
    const listed = await runSeedCommand(await builtBin(), ['history', '--json'], { cwd: seeded.cwd, env: seeded.env });
    const runs = JSON.parse(listed.stdout) as { runs?: { id: number; kind: string }[] } | { id: number; kind: string }[];
    const list = Array.isArray(runs) ? runs : (runs.runs ?? []);
    const { compare, batch, write, judged } = seeded.runIds;
    expect(list.map((run) => run.id)).toEqual([compare, judged, write, batch]);
    const store = await openHistoryStore(home);
    try {
      expect(store.getRun(batch)?.results).toHaveLength(6);
      const writeRun = store.getRun(write);
      expect(writeRun?.kind).toBe('write');
      expect(writeRun?.results.map((result) => result.servedBy)).toContain('mock:writer-backup');
      expect(store.getRun(judged)?.results.every((result) => typeof result.judge?.score === 'number')).toBe(true);
      expect(store.verdicts.votesOf(batch)).toHaveLength(3);
      expect(store.verdicts.votesOf(judged).every((vote) => vote.voter === '小王' && vote.source === 'human')).toBe(true);
      expect(store.verdicts.votesOf(compare)).toHaveLength(0);
      expect(store.verdicts.picksOf(judged).map((pick) => [pick.model, pick.voter])).toEqual([['mock:beta', '小王']]);
    } finally {
      store.close();
    }
  });
});
