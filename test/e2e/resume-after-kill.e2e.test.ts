import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const models = ['m1', 'm2', 'm3'];
const prompts = Array.from({ length: 8 }, (_, index) => `p${index}`);
let cwd: string;

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-resume-'));
  writeFileSync(
    path.join(cwd, 'wechat-writer.config.yaml'),
    'providers:\n  local:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\nretry:\n  retries: 0\n',
  );
  writeFileSync(path.join(cwd, 'batch.jsonl'), prompts.map((id) => JSON.stringify({ id, prompt: `写一篇推文，编号 ${id}。` })).join('\n'));
  for (const model of models) fakeServer().replies.set(model, { chunks: [`# ${model}\n\n`, '正文。'], delayMs: 15 });
});

const env = () => ({ LOCAL_BASE: fakeServer().url, LOCAL_KEY: 'sk-resume-key-4242', WECHAT_WRITER_HOME: path.join(cwd, 'home') });
const batchArgs = [
  '--prompts',
  'batch.jsonl',
  '--models',
  models.map((model) => `local:${model}`).join(','),
  '--concurrency',
  '4',
  '--no-check',
  '--out',
  'out',
];

/** The cells the fake server was asked for, as `model prompt-id`, from the generation requests. */
const requestedCells = () =>
  fakeServer()
    .requests.filter((request) => request.path.endsWith('/chat/completions'))
    .map((request) => `${String(request.body.model)} ${/编号 (p\d+)/.exec(JSON.stringify(request.body.messages))?.[1]}`);

async function storedCells(): Promise<{ ok: string[]; positions: number[] }> {
  const store = await openHistoryStore(path.join(cwd, 'home'));
  try {
    const run = store.getRun(1);
    const results = run?.results ?? [];
    return {
      ok: results.filter((result) => result.status === 'ok').map((result) => `${result.model.replace('local:', '')} ${result.promptId}`),
      positions: results.map((_, index) => index),
    };
  } finally {
    store.close();
  }
}

/** Seeded points in the run (after this many generation requests reached the server) where it is killed. */
const killPoints = (() => {
  let seed = 20261202;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
  return [1, ...Array.from({ length: 3 }, () => 2 + Math.floor(next() * 20))];
})();

describe('resume after kill -9', () => {
  it.each(killPoints)(
    'killed after %i requests: resume calls each missing cell exactly once and nothing twice',
    async (killAfter) => {
      const killed = await runBuiltCli(batchArgs, {
        cwd,
        env: env(),
        onSpawn: (child) => {
          void fakeServer()
            .until(() => requestedCells().length >= killAfter)
            .then(() => child.kill('SIGKILL'));
        },
      });
      expect(killed.code).toBeNull();
      const before = await storedCells();
      expect(before.ok.length).toBeLessThan(24);
      fakeServer().requests.length = 0;

      const resumed = await runCliInProcess(['resume', '1', '--no-check', '--json'], { cwd, env: env() });
      expect(resumed.code).toBe(0);
      const missing = models.flatMap((model) => prompts.map((prompt) => `${model} ${prompt}`)).filter((cell) => !before.ok.includes(cell));
      expect(requestedCells().sort()).toEqual(missing.sort());
      const report = JSON.parse(resumed.stdout) as { runId: number; results: { status: string }[] };
      expect(report.runId).toBe(1);
      expect(report.results).toHaveLength(24);
      expect(report.results.every((result) => result.status === 'ok')).toBe(true);
      const after = await storedCells();
      expect(after.ok).toHaveLength(24);
      expect(new Set(after.ok).size).toBe(24);

      // and a second resume has nothing left to call
      fakeServer().requests.length = 0;
      const again = await runCliInProcess(['resume', '1', '--no-check'], { cwd, env: env() });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('run #1 has a result for all 24 calls: nothing to call');
      expect(requestedCells()).toEqual([]);
    },
    60_000,
  );

  it('--retry-failed calls the failed cells again, in their place; a write run is refused with the way to go', async () => {
    fakeServer().replies.set('m2', { status: 500, errorBody: { error: { message: 'boom' } } });
    const first = await runCliInProcess(batchArgs, { cwd, env: env() });
    expect(first.code).toBe(1);
    fakeServer().replies.set('m2', { chunks: ['# m2\n\n', '好了。'] });
    fakeServer().requests.length = 0;
    const plain = await runCliInProcess(['resume', '1', '--no-check'], { cwd, env: env() });
    expect(plain.code).toBe(1);
    expect(requestedCells()).toEqual([]);
    const retried = await runCliInProcess(['resume', '1', '--retry-failed', '--no-check', '--json'], { cwd, env: env() });
    expect(retried.code).toBe(0);
    expect(requestedCells().sort()).toEqual(prompts.map((prompt) => `m2 ${prompt}`).sort());
    const after = await storedCells();
    expect(after.ok).toHaveLength(24);
    expect(after.positions).toHaveLength(24);

    const write = await runCliInProcess(['write', '--no-check', '-m', 'mock:alpha', '--out', 'out', '周末'], { cwd, env: env() });
    expect(write.code).toBe(0);
    const refused = await runCliInProcess(['resume', '2'], { cwd, env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('run #2 is a write run: resume continues comparisons and batches');
  });
});
