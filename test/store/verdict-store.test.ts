import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/providers/language-model.js';
import { migrations } from '../../src/store/history-schema.js';
import { openHistoryStore, type HistoryStore, type NewRun } from '../../src/store/history-store.js';
import type { NewVote } from '../../src/store/verdicts.js';
import { okResult } from '../support/model-result-fixture.js';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'ww-verdicts-'));
const newRun = (overrides: Partial<NewRun> = {}): NewRun => ({
  startedAt: '2026-12-01T10:00:00.000Z',
  kind: 'compare',
  parentRunId: null,
  prompt: '写一篇推文',
  promptSource: 'topic',
  topic: null,
  systemPrompt: null,
  options: { models: [] },
  toolVersion: '1.0.0',
  ...overrides,
});
const failed = (model: string, promptId?: string) =>
  okResult(model, null, {
    status: 'error',
    usage: emptyUsage(),
    error: { type: 'RATE_LIMIT', message: 'RATE_LIMIT: slow', retryable: false, status: 500, requestId: null, retryAfterMs: null },
    ...(promptId ? { promptId } : {}),
  });
const vote = (runId: number, overrides: Partial<NewVote> = {}): NewVote => ({
  runId,
  promptId: null,
  positionA: 0,
  positionB: 1,
  modelA: 'mock:alpha',
  modelB: 'mock:beta',
  outcome: 'a',
  source: 'human',
  voter: 'alice',
  inconsistent: false,
  createdAt: '2026-12-02T14:05:00.000Z',
  ...overrides,
});

/** A run of four mock models, the third of which failed. */
function fourModelRun(store: HistoryStore): number {
  const runId = store.startRun(newRun());
  store.recordResult(runId, 0, okResult('mock:alpha', 'A'));
  store.recordResult(runId, 1, okResult('mock:beta', 'B'));
  store.recordResult(runId, 2, failed('mock:gamma'));
  store.recordResult(runId, 3, okResult('mock:delta', 'D'));
  return runId;
}

describe('verdict store', () => {
  it('migrates to the newest version with votes, picks and tags tables', async () => {
    const store = await openHistoryStore(home());
    expect(migrations.length).toBeGreaterThanOrEqual(6);
    const runId = fourModelRun(store);
    expect(store.verdicts.votesOf(runId)).toEqual([]);
    expect(store.verdicts.picksOf(runId)).toEqual([]);
    expect(store.verdicts.tagsOf(runId)).toEqual({ run: [], prompts: {} });
    store.close();
  });

  it('stores votes as recorded, with the tags of their run and prompt', async () => {
    const store = await openHistoryStore(home());
    const runId = fourModelRun(store);
    store.verdicts.addTags(runId, null, ['标题', ' 长文 ', '', '标题']);
    store.verdicts.addTags(runId, null, ['标题']);
    store.verdicts.recordVotes([
      vote(runId),
      vote(runId, { outcome: 'both-bad', source: 'judge', voter: 'mock:judge', inconsistent: true }),
    ]);
    const votes = store.verdicts.votesOf(runId);
    expect(votes).toHaveLength(2);
    expect(votes[0]).toEqual({ ...vote(runId), id: votes[0]?.id, tags: ['标题', '长文'] });
    expect(votes[1]).toMatchObject({ outcome: 'both-bad', source: 'judge', inconsistent: true, voter: 'mock:judge' });
    expect(store.verdicts.tagsOf(runId)).toEqual({ run: ['标题', '长文'], prompts: {} });
    store.close();
  });

  it('turns votes into comparisons, both-bad into a tie, and never mixes sources unless asked', async () => {
    const store = await openHistoryStore(home());
    const runId = fourModelRun(store);
    store.verdicts.recordVotes([
      vote(runId, { outcome: 'b' }),
      vote(runId, { outcome: 'both-bad' }),
      vote(runId, { outcome: 'a', source: 'judge', voter: 'mock:judge' }),
    ]);
    store.verdicts.recordPick({
      runId,
      promptId: null,
      position: 3,
      model: 'mock:delta',
      voter: 'alice',
      createdAt: '2026-12-02T15:00:00.000Z',
    });
    const human = store.verdicts.comparisons({ source: 'human' });
    expect(human.every((comparison) => comparison.source === 'human')).toBe(true);
    expect(human.map(({ modelA, modelB, outcome }) => `${modelA}>${modelB}:${outcome}`)).toEqual([
      'mock:alpha>mock:beta:b',
      'mock:alpha>mock:beta:tie',
      'mock:delta>mock:alpha:a',
      'mock:delta>mock:beta:a',
    ]);
    const judge = store.verdicts.comparisons({ source: 'judge' });
    expect(judge).toEqual([{ modelA: 'mock:alpha', modelB: 'mock:beta', outcome: 'a', source: 'judge', runId }]);
    expect(store.verdicts.comparisons({ source: 'all' })).toHaveLength(5);
    store.close();
  });

  it('expands a pick into wins over every other successful draft, of the same prompt in a batch', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun({ options: { prompts: [{ id: 'p1' }, { id: 'p2' }] } }));
    const entries = [
      { position: 0, result: okResult('mock:alpha', 'a1', { promptId: 'p1' }), role: null },
      { position: 1, result: okResult('mock:beta', 'b1', { promptId: 'p1' }), role: null },
      { position: 2, result: failed('mock:gamma', 'p1'), role: null },
      { position: 3, result: okResult('mock:alpha', 'a2', { promptId: 'p2' }), role: null },
      { position: 4, result: okResult('mock:beta', 'b2', { promptId: 'p2' }), role: null },
      { position: 5, result: okResult('mock:gamma', 'c2', { promptId: 'p2' }), role: null },
    ];
    store.recordResults(runId, entries);
    store.verdicts.recordPick({
      runId,
      promptId: 'p1',
      position: 1,
      model: 'mock:beta',
      voter: 'alice',
      createdAt: '2026-12-02T15:00:00.000Z',
    });
    store.verdicts.recordPick({
      runId,
      promptId: 'p2',
      position: 5,
      model: 'mock:gamma',
      voter: 'alice',
      createdAt: '2026-12-02T15:01:00.000Z',
    });
    const wins = store.verdicts.comparisons({ source: 'human' }).map(({ modelA, modelB }) => `${modelA}>${modelB}`);
    expect(wins).toEqual(['mock:beta>mock:alpha', 'mock:gamma>mock:alpha', 'mock:gamma>mock:beta']);
    expect(store.verdicts.comparisons({ source: 'judge' })).toEqual([]);
    store.close();
  });

  it('replaces a voter’s earlier pick on the same run and prompt, keeps other voters’ picks', async () => {
    const store = await openHistoryStore(home());
    const runId = fourModelRun(store);
    const pick = { runId, promptId: null, voter: 'alice', createdAt: '2026-12-02T15:00:00.000Z' };
    store.verdicts.recordPick({ ...pick, position: 0, model: 'mock:alpha' });
    store.verdicts.recordPick({ ...pick, position: 1, model: 'mock:beta' });
    store.verdicts.recordPick({ ...pick, position: 3, model: 'mock:delta', voter: 'bob' });
    expect(store.verdicts.picksOf(runId).map((stored) => `${stored.voter}:${stored.model}`)).toEqual(['alice:mock:beta', 'bob:mock:delta']);
    expect(store.verdicts.comparisons({ source: 'human' })).toHaveLength(4);
    store.close();
  });

  it('filters by tag (run tags and prompt tags, all required) and by time', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun({ options: { prompts: [{ id: 'p1' }, { id: 'p2' }] } }));
    store.verdicts.addTags(runId, null, ['公众号']);
    store.verdicts.addTags(runId, 'p1', ['标题']);
    store.verdicts.addTags(runId, 'p2', ['长文']);
    store.verdicts.recordVotes([
      vote(runId, { promptId: 'p1', modelA: 'mock:t1', createdAt: '2026-11-01T00:00:00.000Z' }),
      vote(runId, { promptId: 'p2', modelA: 'mock:l2', createdAt: '2026-12-01T00:00:00.000Z' }),
    ]);
    const other = fourModelRun(store);
    store.verdicts.recordVotes([vote(other, { modelA: 'mock:untagged' })]);
    const models = (filter: Parameters<HistoryStore['verdicts']['comparisons']>[0]) =>
      store.verdicts.comparisons(filter).map((comparison) => comparison.modelA);
    expect(models({ source: 'human', tags: ['标题'] })).toEqual(['mock:t1']);
    expect(models({ source: 'human', tags: ['公众号'] })).toEqual(['mock:t1', 'mock:l2']);
    expect(models({ source: 'human', tags: ['公众号', '长文'] })).toEqual(['mock:l2']);
    expect(models({ source: 'human', tags: ['标题', '长文'] })).toEqual([]);
    expect(models({ source: 'judge', tags: ['标题'] })).toEqual([]);
    expect(models({ source: 'human', since: '2026-11-15T00:00:00.000Z' })).toEqual(['mock:l2', 'mock:untagged']);
    expect(store.verdicts.votesOf(runId).map((stored) => stored.tags)).toEqual([
      ['公众号', '标题'],
      ['公众号', '长文'],
    ]);
    expect(store.verdicts.tagsOf(runId)).toEqual({ run: ['公众号'], prompts: { p1: ['标题'], p2: ['长文'] } });
    store.close();
  });

  it('filters picks by tag and time too', async () => {
    const store = await openHistoryStore(home());
    const tagged = fourModelRun(store);
    store.verdicts.addTags(tagged, null, ['标题']);
    const untagged = fourModelRun(store);
    const pick = { promptId: null, position: 0, model: 'mock:alpha', voter: 'alice' };
    store.verdicts.recordPick({ ...pick, runId: tagged, createdAt: '2026-12-02T00:00:00.000Z' });
    store.verdicts.recordPick({ ...pick, runId: untagged, createdAt: '2026-10-02T00:00:00.000Z' });
    const runs = (filter: Parameters<HistoryStore['verdicts']['comparisons']>[0]) => [
      ...new Set(store.verdicts.comparisons(filter).map((comparison) => comparison.runId)),
    ];
    expect(runs({ source: 'human', tags: ['标题'] })).toEqual([tagged]);
    expect(runs({ source: 'human', since: '2026-11-01T00:00:00.000Z' })).toEqual([tagged]);
    expect(runs({ source: 'all' })).toEqual([tagged, untagged]);
    store.close();
  });

  it('leaves duels between two drafts of one model out of the comparisons, keeps them in the run', async () => {
    const store = await openHistoryStore(home());
    const runId = fourModelRun(store);
    store.verdicts.recordVotes([vote(runId, { modelB: 'mock:alpha' }), vote(runId)]);
    expect(store.verdicts.comparisons({ source: 'all' })).toHaveLength(1);
    expect(store.verdicts.votesOf(runId)).toHaveLength(2);
    store.close();
  });

  it('gives the stored position of each result, in the order getRun lists them', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun());
    store.recordResult(runId, 4, okResult('mock:b', 'B'));
    store.recordResult(runId, 1, okResult('mock:a', 'A'));
    expect(store.verdicts.positionsOf(runId)).toEqual([1, 4]);
    expect(store.getRun(runId)?.results.map((result) => result.model)).toEqual(['mock:a', 'mock:b']);
    store.close();
  });

  it('migrates a version 5 history, keeping its runs', async () => {
    const directory = home();
    const { loadSqlite } = await import('../../src/store/load-sqlite.js');
    const old = (await loadSqlite())(path.join(directory, 'history.db'));
    for (const migration of migrations.slice(0, 5)) old.exec(migration);
    old.exec('PRAGMA user_version = 5');
    old.exec(
      "INSERT INTO runs (started_at, prompt, prompt_source, options, tool_version) VALUES ('2026-11-01T00:00:00.000Z', 'p', 'topic', '{}', '0.9.0')",
    );
    old.close();
    const store = await openHistoryStore(directory);
    store.verdicts.addTags(1, null, ['标题']);
    store.verdicts.recordVotes([vote(1)]);
    expect(store.verdicts.votesOf(1)[0]?.tags).toEqual(['标题']);
    expect(store.getRun(1)?.prompt).toBe('p');
    store.close();
  });

  it('refuses a vote or pick for a run that does not exist', async () => {
    const store = await openHistoryStore(home());
    expect(() => store.verdicts.recordVotes([vote(999)])).toThrow();
    expect(() => store.verdicts.addTags(999, null, ['x'])).toThrow();
    store.close();
  });
});
