import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
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
import { chosenFileName } from '../../../src/commands/pick/run-pick.js';
import { seedHistory, startView, type RunningView, type SeededHistory } from '../../support/seed-history.js';

let home: string;
let seeded: SeededHistory;
let view: RunningView;

const secretKey = 'sk-view-api-secret-8080';
const secretBase = 'https://secret-endpoint.invalid/v1';
const homeConfig = `providers:
  house:
    type: openai
    baseURL: ${secretBase}
    apiKeyEnv: HOUSE_KEY
`;

/** A raw request (any Host, any header) to the view; the body read whole. */
function send(
  route: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const url = new URL(route, view.origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}
const bearer = () => ({ authorization: `Bearer ${view.token}` });
async function getJson<T>(route: string): Promise<T> {
  const response = await send(route, { headers: bearer() });
  expect(response.status, `${route}: ${response.text.slice(0, 200)}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.text).not.toContain(secretKey);
  expect(response.text).not.toContain('secret-endpoint.invalid');
  return JSON.parse(response.text) as T;
}
const postJson = (route: string, body: unknown, headers: Record<string, string> = {}) =>
  send(route, { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  home = path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-view-api-')), 'home');
  seeded = await seedHistory(home);
  writeFileSync(path.join(home, 'config.yaml'), homeConfig);
  view = await startView(home, { env: { HOUSE_KEY: secretKey, WECHAT_WRITER_LANG: 'en' } });
}, 180_000);

afterAll(async () => {
  await view?.stop();
});

describe('wechat-writer view: the HTTP API of the built CLI over a seeded history', () => {
  it('GET /api/runs lists the runs newest first, searches, and filters by model, tag and kind', async () => {
    const { compare, judged, write, batch } = seeded.runIds;
    const all = await getJson<RunsDocument>('/api/runs');
    expect(all.runs.map((run) => run.id)).toEqual([compare, judged, write, batch]);
    expect(all.models).toEqual(expect.arrayContaining(['mock:alpha', 'mock:beta', 'mock:gamma']));
    expect((await getJson<RunsDocument>(`/api/runs?search=${encodeURIComponent('奶茶')}`)).runs.map((run) => run.id)).toContain(judged);
    expect((await getJson<RunsDocument>('/api/runs?model=mock:gamma')).runs.map((run) => run.id)).toEqual([judged]);
    expect((await getJson<RunsDocument>('/api/runs?kind=write')).runs.map((run) => run.id)).toEqual([write]);
    expect((await getJson<RunsDocument>(`/api/runs?tag=${encodeURIComponent('周报')}`)).runs.map((run) => run.id)).toEqual([batch]);
    const paged = await getJson<RunsDocument>('/api/runs?limit=2&offset=1');
    expect(paged.runs.map((run) => run.id)).toEqual([judged, write]);
    expect(paged.more).toBe(true);
  });

  it('GET /api/runs/:id and /results give the run as `history show --json`, judge scores and stages included', async () => {
    const judged = await getJson<RunDocument>(`/api/runs/${seeded.runIds.judged}`);
    expect(judged.topic).toContain('秋天的第一杯奶茶');
    expect(judged.results.every((result) => typeof result.judge?.score === 'number')).toBe(true);
    const write = await getJson<ResultsDocument>(`/api/runs/${seeded.runIds.write}/results`);
    expect((write.results as { stage?: string }[]).map((result) => result.stage)).toEqual(['planner', 'writer', 'reviewer']);
    expect(write.results.map((result) => result.servedBy)).toContain('mock:writer-backup');
    expect((await send('/api/runs/9999', { headers: bearer() })).status).toBe(404);
  });

  it('GET /api/runs/:id/duels is blind, POST /api/votes stores the vote as `vote` does and reveals the names', async () => {
    const { compare } = seeded.runIds;
    const duels = await getJson<DuelsDocument>(`/api/runs/${compare}/duels`);
    expect(duels.duels).toHaveLength(1);
    expect(JSON.stringify(duels)).not.toMatch(/mock:(alpha|beta)/);
    const duel = duels.duels[0] as DuelsDocument['duels'][number];
    const response = await postJson('/api/votes', {
      runId: compare,
      promptId: duel.promptId,
      a: duel.a.position,
      b: duel.b.position,
      winner: 'b',
    });
    expect(response.status, response.text).toBe(200);
    const receipt = JSON.parse(response.text) as VoteReceipt;
    expect(new Set([receipt.a.model, receipt.b.model])).toEqual(new Set(['mock:alpha', 'mock:beta']));
    expect(receipt.winner).toBe('b');
    const board = await getJson<LeaderboardDocument>('/api/leaderboard?source=human');
    expect([...board.models, ...board.tooFewVotes].map((row) => row.model)).toEqual(expect.arrayContaining(['mock:alpha', 'mock:beta']));
    expect((await getJson<LeaderboardDocument>('/api/leaderboard?source=judge')).comparisons).toBe(0);
    expect((await getJson<LeaderboardDocument>(`/api/leaderboard?tag=${encodeURIComponent('标题')}`)).comparisons).toBe(1);
  });

  it('POST /api/picks records the pick as `pick` does and copies the draft to chosen.md', async () => {
    const { compare } = seeded.runIds;
    const response = await postJson('/api/picks', { runId: compare, model: 'mock:alpha', voter: '小李' });
    expect(response.status, response.text).toBe(200);
    const receipt = JSON.parse(response.text) as PickReceipt;
    expect(receipt).toMatchObject({ runId: compare, model: 'mock:alpha', voter: '小李' });
    const run = await getJson<RunDocument>(`/api/runs/${compare}`);
    const outputFile = run.results.find((result) => result.model === 'mock:alpha')?.outputFile as string;
    const drafts = run.results.flatMap((result) => (result.outputFile ? [result.outputFile] : []));
    const chosen = path.join(path.dirname(outputFile), chosenFileName(drafts, null));
    expect(receipt.messages.join('\n')).toContain(path.basename(chosen));
    expect(existsSync(chosen)).toBe(true);
    expect(readFileSync(chosen, 'utf8')).toBe(readFileSync(outputFile, 'utf8'));
    expect((await postJson('/api/picks', { runId: compare, model: 'mock:nobody' })).status).toBe(400);
  });

  it('GET /api/stats answers per model, provider and role with a per-day trend', async () => {
    const byModel = await getJson<StatsDocument>('/api/stats?by=model');
    expect(byModel.groups.map((group) => group.key)).toEqual(expect.arrayContaining(['mock:alpha', 'mock:beta']));
    expect(byModel.trend.length).toBeGreaterThan(0);
    expect((await getJson<StatsDocument>('/api/stats?by=provider')).groups.map((group) => group.key)).toContain('mock');
    const byRole = await getJson<StatsDocument>('/api/stats?by=role&since=7d');
    expect(byRole.groups.map((group) => group.key)).toEqual(expect.arrayContaining(['planner', 'writer', 'reviewer']));
  });

  it('GET /api/providers tells status and health, never a key or a base URL', async () => {
    const document = await getJson<ProvidersDocument>('/api/providers');
    const house = document.providers.find((provider) => provider.id === 'house');
    expect(house).toMatchObject({ keyConfigured: true });
    expect(document.providers.find((provider) => provider.id === 'mock')).toBeDefined();
  });

  it('GET /api/events is an event stream that says hello', async () => {
    const controller = new AbortController();
    const response = await fetch(`${view.origin}/api/events`, { headers: bearer(), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: hello')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: hello');
  });

  it('refuses without the token, with a wrong one, from another Host, and cross-site or non-JSON writes', async () => {
    for (const route of ['/api/runs', '/api/runs/1', '/api/stats', '/api/leaderboard', '/api/providers', '/api/events']) {
      const response = await send(route);
      expect(response.status, route).toBe(401);
      expect(JSON.parse(response.text)).toEqual({ error: expect.any(String) });
    }
    expect((await send('/api/runs', { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await send('/api/runs', { headers: { cookie: 'wechat_writer_token=wrong' } })).status).toBe(401);
    expect((await send('/api/runs', { headers: { cookie: `wechat_writer_token=${view.token}` } })).status).toBe(200);
    expect((await send('/api/runs', { headers: { ...bearer(), host: 'evil.example:80' } })).status).toBe(403);

    const { compare } = seeded.runIds;
    const vote = { runId: compare, a: 0, b: 1, winner: 'a' };
    const before = (await getJson<LeaderboardDocument>('/api/leaderboard')).comparisons;
    expect((await postJson('/api/votes', vote, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await postJson('/api/votes', vote, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const form = await send('/api/votes', {
      method: 'POST',
      headers: { ...bearer(), 'content-type': 'text/plain' },
      body: JSON.stringify(vote),
    });
    expect([403, 415]).toContain(form.status);
    expect((await postJson('/api/votes', vote, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await getJson<LeaderboardDocument>('/api/leaderboard')).comparisons).toBe(before);
  });
});
