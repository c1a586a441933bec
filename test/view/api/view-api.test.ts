import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DuelsDocument,
  LeaderboardDocument,
  PickReceipt,
  ProvidersDocument,
  ResultsDocument,
  RunDocument,
  RunsDocument,
  StatsDocument,
  VoteReceipt,
} from '../../../src/view/api/view-documents.js';
import { call, postJson, startTestView, type TestView } from '../server/view-test-server.js';

let view: TestView;
beforeAll(async () => {
  view = await startTestView();
});
afterAll(async () => {
  await view.close();
});

const getJson = async <Document>(target: string): Promise<Document> => {
  const response = await call(view.server, target);
  expect(response.status, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return response.json<Document>();
};

describe('GET /api/runs', () => {
  it('lists the runs newest first in the shape of history --json, with tags, query and models', async () => {
    const document = await getJson<RunsDocument>('/api/runs');
    expect(document.version).toBe(1);
    expect(document.runs.map((run) => run.id)).toEqual([view.runs.failedOnly, view.runs.write, view.runs.batch, view.runs.compare]);
    const compare = document.runs.find((run) => run.id === view.runs.compare)!;
    expect(compare).toMatchObject({
      kind: 'compare',
      topic: '冬日咖啡',
      models: ['mock:alpha', 'mock:beta', 'mock:gamma'],
      ok: 3,
      failed: 0,
      tags: ['coffee'],
    });
    expect(document.runs.find((run) => run.id === view.runs.batch)?.kind).toBe('batch');
    expect(document.query).toEqual({ search: null, model: null, tag: null, kind: null, limit: 50, offset: 0 });
    expect(document.more).toBe(false);
    expect(document.models).toEqual(['mock:alpha', 'mock:beta', 'mock:gamma']);
  });

  it('searches, filters by model, tag and kind, and pages', async () => {
    const ids = async (query: string) => (await getJson<RunsDocument>(`/api/runs?${query}`)).runs.map((run) => run.id);
    expect(await ids(`search=${encodeURIComponent('热咖啡')}`)).toEqual([view.runs.compare]);
    expect(await ids('model=mock:gamma')).toEqual([view.runs.compare]);
    expect(await ids('tag=coffee')).toEqual([view.runs.compare]);
    expect(await ids('kind=write')).toEqual([view.runs.write]);
    expect(await ids('kind=batch')).toEqual([view.runs.batch]);
    const first = await getJson<RunsDocument>('/api/runs?limit=2');
    expect(first.runs.map((run) => run.id)).toEqual([view.runs.failedOnly, view.runs.write]);
    expect(first.more).toBe(true);
    const second = await getJson<RunsDocument>('/api/runs?limit=2&offset=2');
    expect(second.runs.map((run) => run.id)).toEqual([view.runs.batch, view.runs.compare]);
    expect(second.more).toBe(false);
  });

  it('refuses a bad limit or kind with 400 and one line', async () => {
    for (const query of ['limit=0', 'limit=abc', 'limit=501', 'offset=-1', 'kind=poem']) {
      const response = await call(view.server, `/api/runs?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json().error).toMatch(/^[^\n]+$/);
    }
  });
});

describe('one run', () => {
  it('GET /api/runs/:id is history show --json with kind, topic, positions, tags', async () => {
    const document = await getJson<RunDocument>(`/api/runs/${view.runs.compare}`);
    expect(document).toMatchObject({
      version: 1,
      runId: view.runs.compare,
      kind: 'compare',
      topic: '冬日咖啡',
      parentRunId: null,
      tags: ['coffee'],
    });
    expect(document.results.map((result) => [result.position, result.model, result.status])).toEqual([
      [0, 'mock:alpha', 'ok'],
      [1, 'mock:beta', 'ok'],
      [2, 'mock:gamma', 'ok'],
    ]);
    expect(document.prompt.source).toBe('topic');
  });

  it('a write run carries its stages and the fallback that served', async () => {
    const document = await getJson<RunDocument>(`/api/runs/${view.runs.write}`);
    expect(document.kind).toBe('write');
    expect(document.results.map((result) => [result.stage, result.role, result.servedBy])).toEqual([
      ['planner', 'planner', 'mock:alpha'],
      ['writer', 'writer', 'mock:beta'],
    ]);
    expect(document.results[1]?.fallback?.from).toBe('mock:alpha');
  });

  it('a batch run lists its prompts', async () => {
    const document = await getJson<RunDocument>(`/api/runs/${view.runs.batch}`);
    expect(document.kind).toBe('batch');
    expect(document.prompts?.map((prompt) => prompt.id)).toEqual(['p1', 'p2']);
    expect(document.results.map((result) => result.promptId)).toEqual(['p1', 'p1', 'p2', 'p2']);
  });

  it('GET /api/runs/:id/results gives the results alone', async () => {
    const document = await getJson<ResultsDocument>(`/api/runs/${view.runs.compare}/results`);
    expect(document.runId).toBe(view.runs.compare);
    expect(document.results).toHaveLength(3);
  });

  it('an unknown or malformed run id is 404', async () => {
    for (const target of ['/api/runs/9999', '/api/runs/abc', '/api/runs/0/results', '/api/runs/9999/duels']) {
      const response = await call(view.server, target);
      expect(response.status, target).toBe(404);
      expect(typeof response.json().error).toBe('string');
    }
  });
});

describe('duels and votes', () => {
  it('GET /api/runs/:id/duels gives blind duels: positions and masked texts, no model names', async () => {
    const response = await call(view.server, `/api/runs/${view.runs.compare}/duels`);
    const document = response.json<DuelsDocument>();
    expect(document.duels).toHaveLength(3);
    expect(document.reason).toBeNull();
    expect(response.body).not.toMatch(/mock:|alpha|beta|gamma/);
    expect(document.duels[0]?.a.text).toContain('[model]');
  });

  it('a write run has no duels and says why', async () => {
    const document = await getJson<DuelsDocument>(`/api/runs/${view.runs.write}/duels`);
    expect(document.duels).toEqual([]);
    expect(document.reason).toMatch(/write/);
  });

  it('POST /api/votes stores the vote as `vote` does, reveals the names, and the leaderboard changes', async () => {
    const before = await getJson<LeaderboardDocument>('/api/leaderboard?minVotes=1');
    expect(before.comparisons).toBe(0);
    const { duels } = await getJson<DuelsDocument>(`/api/runs/${view.runs.compare}/duels`);
    const duel = duels[0]!;
    const response = await postJson(view.server, '/api/votes', {
      runId: view.runs.compare,
      a: duel.a.position,
      b: duel.b.position,
      winner: 'a',
      voter: '测试者',
    });
    expect(response.status, response.body).toBe(200);
    const receipt = response.json<VoteReceipt>();
    expect(receipt).toMatchObject({ runId: view.runs.compare, promptId: null, winner: 'a', voter: '测试者' });
    expect(receipt.a.model).toMatch(/^mock:/);
    const stored = view.store.verdicts.votesOf(view.runs.compare);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      positionA: duel.a.position,
      positionB: duel.b.position,
      modelA: receipt.a.model,
      modelB: receipt.b.model,
      outcome: 'a',
      source: 'human',
      voter: '测试者',
      inconsistent: false,
    });
    const after = await getJson<LeaderboardDocument>('/api/leaderboard?minVotes=1');
    expect(after.comparisons).toBe(1);
    expect(after.models[0]?.model).toBe(receipt.a.model);
    expect((await getJson<RunDocument>(`/api/runs/${view.runs.compare}`)).votes).toHaveLength(1);
  });

  it('refuses votes that are not duels of the run', async () => {
    const cases: [unknown, number][] = [
      [{ runId: view.runs.compare, a: 0, b: 0, winner: 'a' }, 400],
      [{ runId: view.runs.compare, a: 0, b: 1, winner: 'maybe' }, 400],
      [{ runId: view.runs.compare, a: 0, b: 7, winner: 'a' }, 400],
      [{ runId: view.runs.batch, a: 0, b: 2, winner: 'a' }, 400],
      [{ runId: view.runs.write, a: 0, b: 1, winner: 'a' }, 400],
      [{ runId: 9999, a: 0, b: 1, winner: 'a' }, 404],
      [{ a: 0, b: 1, winner: 'a' }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await postJson(view.server, '/api/votes', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.json().error).toMatch(/^[^\n]+$/);
    }
    const notJson = await call(view.server, '/api/votes', {
      method: 'POST',
      body: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });

  it('POST /api/picks records the pick and copies chosen.md beside the drafts, as `pick` does', async () => {
    const response = await postJson(view.server, '/api/picks', { runId: view.runs.compare, model: 'mock:beta', voter: 'web' });
    expect(response.status, response.body).toBe(200);
    const receipt = response.json<PickReceipt>();
    expect(receipt).toMatchObject({ runId: view.runs.compare, model: 'mock:beta', promptId: null, voter: 'web' });
    expect(receipt.messages.length).toBe(2);
    expect(view.store.verdicts.picksOf(view.runs.compare)).toMatchObject([
      { model: 'mock:beta', position: 1, voter: 'web', promptId: null },
    ]);
    const chosen = path.join(view.runs.outputDirectory, '20261121-1000_冬日咖啡_chosen.md');
    expect(existsSync(chosen)).toBe(true);
    expect(readFileSync(chosen, 'utf8')).toContain('mock:beta 的咖啡');
  });

  it('a pick of a batch prompt needs its prompt id; unknown models and write runs are 400', async () => {
    expect((await postJson(view.server, '/api/picks', { runId: view.runs.batch, model: 'mock:alpha' })).status).toBe(400);
    const picked = await postJson(view.server, '/api/picks', { runId: view.runs.batch, model: 'mock:alpha', promptId: 'p2' });
    expect(picked.status, picked.body).toBe(200);
    expect(picked.json<PickReceipt>().promptId).toBe('p2');
    expect((await postJson(view.server, '/api/picks', { runId: view.runs.compare, model: 'mock:nobody' })).status).toBe(400);
    expect((await postJson(view.server, '/api/picks', { runId: view.runs.write, model: 'mock:beta' })).status).toBe(400);
    expect((await postJson(view.server, '/api/picks', { runId: 9999, model: 'mock:beta' })).status).toBe(404);
  });
});

describe('stats, leaderboard, providers', () => {
  it('GET /api/stats is stats --json with the per-day trend, by model, provider or role', async () => {
    const document = await getJson<StatsDocument>('/api/stats');
    expect(document).toMatchObject({ version: 1, by: 'model', since: null });
    expect(document.groups.map((group) => group.key)).toEqual(expect.arrayContaining(['mock:alpha', 'mock:beta', 'mock:gamma']));
    expect(document.trend.length).toBeGreaterThan(0);
    expect((await getJson<StatsDocument>('/api/stats?by=role')).by).toBe('role');
    expect((await getJson<StatsDocument>('/api/stats?by=provider')).groups.map((group) => group.key)).toEqual(['mock']);
    expect((await getJson<StatsDocument>('/api/stats?since=7d')).since).toBe('2026-11-15T10:00:00.000Z');
    expect((await call(view.server, '/api/stats?by=colour')).status).toBe(400);
    expect((await call(view.server, '/api/stats?since=yesterday-ish')).status).toBe(400);
  });

  it('GET /api/leaderboard is leaderboard --json, filtered by tag and source', async () => {
    const document = await getJson<LeaderboardDocument>('/api/leaderboard?tag=coffee&source=human');
    expect(document).toMatchObject({ source: 'human', tags: ['coffee'], since: null });
    expect(Array.isArray(document.models) && Array.isArray(document.tooFewVotes)).toBe(true);
    expect((await getJson<LeaderboardDocument>('/api/leaderboard?tag=nothing-tagged')).comparisons).toBe(0);
    expect((await getJson<LeaderboardDocument>('/api/leaderboard?source=judge')).source).toBe('judge');
    expect((await call(view.server, '/api/leaderboard?source=crowd')).status).toBe(400);
  });

  it('GET /api/providers tells id, name, key configured and health, never a key or a base URL', async () => {
    const response = await call(view.server, '/api/providers');
    const document = response.json<ProvidersDocument>();
    const openai = document.providers.find((provider) => provider.id === 'openai');
    expect(openai).toMatchObject({ id: 'openai', keyConfigured: true, keyRequired: true });
    for (const provider of document.providers) {
      expect(Object.keys(provider).sort()).toEqual(
        expect.arrayContaining(['defaultModel', 'id', 'keyConfigured', 'keyRequired', 'name', 'usable']),
      );
      expect(provider).not.toHaveProperty('baseURL');
      expect(provider).not.toHaveProperty('endpoints');
    }
    expect(response.body).not.toMatch(/https?:\/\//);
  });
});
