import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openHistoryStore, type HistoryStore, type NewRun } from '../../../src/store/history-store.js';
import type { Env } from '../../../src/io/env.js';
import { configSecrets } from '../../../src/view/api/config-secrets.js';
import { openHistoryWatcher } from '../../../src/view/server/history-watcher.js';
import { startViewServer, type ViewServer } from '../../../src/view/server/start-view-server.js';
import type { ViewPages } from '../../../src/view/server/view-pages.js';
import { okResult } from '../../support/model-result-fixture.js';

/** The fake key and base URL seeded in the env and config: no response may contain them. */
export const fakeKey = 'sk-test-SECRET-1234';
export const fakeBaseUrl = 'https://secret-gateway.example/v1';
export const token = 'test-token-abcdefghijklmnopqrstuvwxyz012345';
/** A key written in the config file, and the base URL of its custom provider. */
export const configKey = 'sk-config-SECRET-5678';
export const configBaseUrl = 'https://house-gateway.example/v1';
const configText = `providers:\n  house:\n    type: openai\n    baseURL: ${configBaseUrl}\n    apiKeys: ["${configKey}"]\n`;

const newRun = (overrides: Partial<NewRun>): NewRun => ({
  startedAt: '2026-11-21T10:00:00.000Z',
  kind: 'compare',
  parentRunId: null,
  prompt: '请围绕选题「冬日咖啡」写一篇微信公众号文章。',
  promptSource: 'topic',
  topic: '冬日咖啡',
  systemPrompt: null,
  options: {},
  toolVersion: '0.0.0-test',
  ...overrides,
});

/** Run ids of the seeded history. */
export interface SeededRuns {
  compare: number;
  batch: number;
  write: number;
  failedOnly: number;
  outputDirectory: string;
}

/** Seeds a compare run (3 drafts with files, tag coffee), a batch (2 prompts × 2 models), a write run, a failed run. */
export function seedHistory(store: HistoryStore, root: string): SeededRuns {
  const outputDirectory = path.join(root, 'output');
  mkdirSync(outputDirectory, { recursive: true });
  const compare = store.startRun(newRun({ options: { models: ['mock:alpha', 'mock:beta', 'mock:gamma'] } }));
  ['mock:alpha', 'mock:beta', 'mock:gamma'].forEach((model, position) => {
    const file = path.join(outputDirectory, `20261121-1000_冬日咖啡_${model.replace(':', '-')}.md`);
    writeFileSync(file, `# ${model} 的咖啡\n\n正文 ${position}\n`);
    store.recordResult(
      compare,
      position,
      okResult(model, `# 冬日咖啡 ${position}\n\n我是 ${model},热咖啡。`, { outputFile: file, costUsd: 0.01 }),
    );
  });
  store.verdicts.addTags(compare, null, ['coffee']);
  const prompts = [
    { id: 'p1', source: 'a.md', text: '写春天', system: null },
    { id: 'p2', source: 'b.md', text: '写秋天', system: null },
  ];
  const batch = store.startRun(newRun({ topic: null, prompt: '写春天', promptSource: 'prompts.jsonl', options: { prompts } }));
  let position = 0;
  for (const prompt of ['p1', 'p2']) {
    for (const model of ['mock:alpha', 'mock:beta']) {
      store.recordResult(batch, position++, okResult(model, `${prompt} 的稿件,${model}`, { promptId: prompt }));
    }
  }
  const write = store.startRun(
    newRun({ kind: 'write', topic: '秋天的文章', options: { stages: [{ stage: 'planner' }, { stage: 'writer' }] } }),
  );
  store.recordResult(write, 0, okResult('mock:alpha', '提纲', {}), 'planner');
  store.recordResult(
    write,
    1,
    okResult('mock:beta', '# 秋天\n正文', {
      servedBy: 'mock:beta',
      fallback: {
        from: 'mock:alpha',
        error: { type: 'RATE_LIMIT', message: 'slow', retryable: true, status: 429, requestId: null, retryAfterMs: null },
      },
    }),
    'writer',
  );
  const failedOnly = store.startRun(newRun({ topic: '失败的运行', prompt: `写点什么 ${configBaseUrl} ${configKey}` }));
  store.recordResult(
    failedOnly,
    0,
    okResult('mock:alpha', null, {
      status: 'error',
      servedBy: null,
      error: { type: 'AUTH', message: `bad key ${fakeKey}`, retryable: false, status: 401, requestId: null, retryAfterMs: null },
    }),
  );
  return { compare, batch, write, failedOnly, outputDirectory };
}

/** Pages that show their document as JSON (the router's contract without the real templates). */
export const jsonPages: ViewPages = {
  renderRunsPage: (doc) => `<!doctype html><title>runs</title><pre>${JSON.stringify(doc)}</pre>`,
  renderRunPage: (doc) => `<!doctype html><title>run</title><pre>${JSON.stringify(doc)}</pre>`,
  renderVotePage: (run, duels) => `<!doctype html><title>vote</title><pre>${JSON.stringify({ run: run.runId, duels })}</pre>`,
  renderLeaderboardPage: (doc) => `<!doctype html><title>leaderboard</title><pre>${JSON.stringify(doc)}</pre>`,
  renderStatsPage: (doc) => `<!doctype html><title>stats</title><pre>${JSON.stringify(doc)}</pre>`,
  renderProvidersPage: (doc) => `<!doctype html><title>providers</title><pre>${JSON.stringify(doc)}</pre>`,
  renderErrorPage: (status, message, context) => `<!doctype html><title>${status}</title><p lang="${context.language}">${message}</p>`,
};

/** A running test view over a seeded temp home. */
export interface TestView {
  server: ViewServer;
  store: HistoryStore;
  home: string;
  runs: SeededRuns;
  env: Env;
  errors: unknown[];
  close(): Promise<void>;
}

/** Starts the view server on 127.0.0.1, a free port, over a freshly seeded history; env carries a fake key. */
export async function startTestView(options: { pages?: ViewPages; env?: Env; cwd?: string } = {}): Promise<TestView> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ww-view-'));
  const home = path.join(root, 'home');
  const store = await openHistoryStore(home);
  writeFileSync(path.join(home, 'config.yaml'), configText);
  const runs = seedHistory(store, root);
  const env: Env = {
    WECHAT_WRITER_HOME: home,
    OPENAI_API_KEY: fakeKey,
    OPENAI_BASE_URL: fakeBaseUrl,
    WECHAT_WRITER_SEED: '7',
    ...options.env,
  };
  const errors: unknown[] = [];
  const server = await startViewServer({
    host: '127.0.0.1',
    port: 0,
    token,
    env,
    cwd: options.cwd ?? root,
    currentDate: () => new Date('2026-11-22T10:00:00.000Z'),
    readTextFile: (filePath) => readFile(filePath, 'utf8'),
    language: 'en',
    store: async () => store,
    watcher: () => openHistoryWatcher(store.path),
    assets: () => ({ js: 'console.log("view")', css: 'body{margin:0}' }),
    pages: async () => options.pages ?? jsonPages,
    secrets: () => configSecrets({ env, cwd: options.cwd ?? root, readTextFile: (filePath) => readFile(filePath, 'utf8') }),
    onError: (error) => errors.push(error),
  });
  return {
    server,
    store,
    home,
    runs,
    env,
    errors,
    close: async () => {
      await server.close();
      store.close();
    },
  };
}

/** A response read whole. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<Value = Record<string, unknown>>(): Value;
}

/** One HTTP request to the view with full control of the headers (Host included); the token as Bearer unless `auth: false`. */
export function call(
  server: ViewServer,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; auth?: boolean } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = {
    host: `127.0.0.1:${server.port}`,
    ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      { host: '127.0.0.1', port: server.port, path: target, method: options.method ?? 'GET', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, json: () => JSON.parse(body) });
        });
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

/** A JSON POST as the view's own page sends it. */
export const postJson = (server: ViewServer, target: string, body: unknown, headers: Record<string, string> = {}) =>
  call(server, target, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, 'sec-fetch-site': 'same-origin', ...headers },
  });
