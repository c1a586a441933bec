import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backgroundSaveCells } from '../../src/commands/compare/background-saver.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

// A batch of backgroundSaveCells cells or more saves in the built CLI's save thread (dist/save-worker.js);
// these tests run the built CLI so that thread is the one saving.
const fakeServer = useFakeLlmServer();
const models = ['m1', 'm2'];
const prompts = Array.from({ length: backgroundSaveCells / 2 + 10 }, (_, index) => `p${index}`);
const cells = prompts.length * models.length;
let cwd: string;

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-background-save-'));
  writeFileSync(
    path.join(cwd, 'wechat-writer.config.yaml'),
    'providers:\n  local:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\nretry:\n  retries: 0\n',
  );
  writeFileSync(path.join(cwd, 'batch.jsonl'), prompts.map((id) => JSON.stringify({ id, prompt: `写一篇推文，编号 ${id}。` })).join('\n'));
  for (const model of models) fakeServer().replies.set(model, { chunks: [`# ${model}\n\n`, `${model} 的冬日正文。`], delayMs: 5 });
});

const env = () => ({ LOCAL_BASE: fakeServer().url, LOCAL_KEY: 'sk-background-key-4242', WECHAT_WRITER_HOME: path.join(cwd, 'home') });
const batchArgs = ['--prompts', 'batch.jsonl', '--models', models.map((model) => `local:${model}`).join(','), '--concurrency', '8'];
const requests = () => fakeServer().requests.filter((request) => request.path.endsWith('/chat/completions')).length;

async function storedResults() {
  const store = await openHistoryStore(path.join(cwd, 'home'));
  try {
    return { results: store.getRun(1)?.results ?? [], found: store.listRuns({ search: '冬日正文', limit: 5 }).map((run) => run.id) };
  } finally {
    store.close();
  }
}

const savedFiles = () =>
  existsSync(path.join(cwd, 'out')) ? readdirSync(path.join(cwd, 'out')).filter((name) => name.endsWith('.md')) : [];

describe('a big batch saves in its own thread', () => {
  it('records every row and writes every file, each row naming its file, searchable', async () => {
    const run = await runBuiltCli([...batchArgs, '--no-check', '--out', 'out'], { cwd, env: env() });
    expect(run.code).toBe(0);
    const { results, found } = await storedResults();
    expect(results).toHaveLength(cells);
    expect(results.every((result) => result.status === 'ok')).toBe(true);
    expect(found).toEqual([1]);
    const files = results.map((result) => result.outputFile);
    expect(new Set(files).size).toBe(cells);
    for (const result of results) {
      expect(path.dirname(String(result.outputFile))).toBe(path.join(cwd, 'out'));
      expect(readFileSync(String(result.outputFile), 'utf8')).toContain(`${result.model.replace('local:', '')} 的冬日正文。`);
    }
    expect(savedFiles()).toHaveLength(cells);
    expect(`${run.stdout}${run.stderr}`).not.toContain('sk-background-key-4242');
  }, 60_000);

  it('after kill -9 every file on disk has its row, and resume saves the rest once', async () => {
    fakeServer().replies.forEach((reply) => (reply.delayMs = 30));
    const killed = await runBuiltCli([...batchArgs, '--no-check', '--out', 'out'], {
      cwd,
      env: env(),
      onSpawn: (child) => {
        void fakeServer()
          .until(() => requests() >= cells / 2)
          .then(() => child.kill('SIGKILL'));
      },
    });
    expect(killed.code).toBeNull();
    const before = await storedResults();
    expect(before.results.length).toBeLessThan(cells);
    const named = new Set(before.results.map((result) => path.basename(String(result.outputFile))));
    for (const file of savedFiles()) expect(named.has(file)).toBe(true);

    fakeServer().requests.length = 0;
    const resumed = await runBuiltCli(['resume', '1', '--no-check'], { cwd, env: env() });
    expect(resumed.code).toBe(0);
    expect(requests()).toBe(cells - before.results.filter((result) => result.status === 'ok').length);
    const after = await storedResults();
    expect(after.results).toHaveLength(cells);
    expect(after.results.every((result) => result.status === 'ok' && existsSync(String(result.outputFile)))).toBe(true);
    expect(new Set(savedFiles()).size).toBe(cells);
  }, 60_000);
});
