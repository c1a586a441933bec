import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { standingsOf, standingsOfCounts } from '../../src/routing/standings-of.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import type { Comparison, ComparisonCount } from '../../src/store/verdicts.js';
import { okResult } from '../support/model-result-fixture.js';

const counted = (comparisons: readonly Comparison[]): ComparisonCount[] => {
  const counts = new Map<string, ComparisonCount>();
  for (const { modelA, modelB, outcome } of comparisons) {
    const key = `${modelA} ${modelB} ${outcome}`;
    const found = counts.get(key) ?? { modelA, modelB, outcome, count: 0 };
    found.count += 1;
    counts.set(key, found);
  }
  return [...counts.values()];
};
const sorted = (counts: readonly ComparisonCount[]) => [...counts].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('comparison counts for preferred', () => {
  it('count exactly the comparisons the leaderboard reads (votes, both-bad as ties, picks as wins), and rate the same', async () => {
    const store = await openHistoryStore(mkdtempSync(path.join(os.tmpdir(), 'ww-counts-')));
    const run = store.startRun({
      startedAt: '2026-12-01T10:00:00.000Z',
      kind: 'compare',
      parentRunId: null,
      prompt: '写一篇推文',
      promptSource: 'topic',
      topic: null,
      systemPrompt: null,
      options: { models: [] },
      toolVersion: '1.0.0',
    });
    ['mock:alpha', 'mock:beta', 'mock:gamma'].forEach((model, position) => store.recordResult(run, position, okResult(model, model)));
    const vote = {
      runId: run,
      promptId: null,
      positionA: 0,
      positionB: 1,
      voter: 'me',
      inconsistent: false,
      createdAt: '2026-12-01T11:00:00.000Z',
    };
    store.verdicts.recordVotes([
      { ...vote, modelA: 'mock:alpha', modelB: 'mock:beta', outcome: 'a', source: 'human' },
      { ...vote, modelA: 'mock:alpha', modelB: 'mock:beta', outcome: 'a', source: 'human' },
      { ...vote, modelA: 'mock:beta', modelB: 'mock:gamma', outcome: 'both-bad', source: 'human' },
      { ...vote, modelA: 'mock:gamma', modelB: 'mock:alpha', outcome: 'b', source: 'judge' },
    ]);
    store.verdicts.recordPick({
      runId: run,
      promptId: null,
      position: 2,
      model: 'mock:gamma',
      voter: 'me',
      createdAt: '2026-12-01T12:00:00.000Z',
    });
    for (const source of ['human', 'judge', 'all'] as const) {
      const list = store.verdicts.comparisons({ source });
      const counts = store.verdicts.comparisonCounts({ source });
      expect(sorted(counts)).toEqual(sorted(counted(list)));
      expect(standingsOfCounts(counts)).toEqual(standingsOf(list));
    }
    expect(sorted(store.verdicts.comparisonCounts({ source: 'human' }))).toEqual(
      sorted([
        { modelA: 'mock:alpha', modelB: 'mock:beta', outcome: 'a', count: 2 },
        { modelA: 'mock:beta', modelB: 'mock:gamma', outcome: 'tie', count: 1 },
        { modelA: 'mock:gamma', modelB: 'mock:alpha', outcome: 'a', count: 1 },
        { modelA: 'mock:gamma', modelB: 'mock:beta', outcome: 'a', count: 1 },
      ]),
    );
    store.close();
  });
});
