import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';
import { batchArgs, batchCliDirectory, batchEnv, noKeyIn, storedBatches } from './batch-cli-setup.js';

const llm = useFakeLlmServer();
let server: FakeBatchServer;
let cwd: string;

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());
beforeEach(async () => {
  server = await startFakeBatchServer();
  cwd = batchCliDirectory(20, '  plain:\n    type: openai\n    baseURL: ${PLAIN_BASE}\n    apiKeyEnv: PLAIN_KEY\n    models: [m-plain]\n');
});
afterEach(() => server.close());

const env = () => batchEnv(cwd, server, { PLAIN_BASE: llm().openaiBaseURL, PLAIN_KEY: 'sk-plain-key-91c2b7e4' });

describe('--batch-api with a provider without one, collected by a second process (the built CLI)', () => {
  it('says so up front, calls its cells as usual into the same run; `batch collect` from the built bin records the rest', async () => {
    const args = [...batchArgs];
    args[3] = 'oa-one:gpt-a,plain:m-plain,claude-proxy:claude-x';
    const sent = await runCliInProcess([...args, '--no-wait', '--json'], { cwd, env: env() });
    expect(sent.code).toBe(0);
    const json = JSON.parse(sent.stdout) as { runId: number; batches: { modelId: string; cells: number }[]; results: unknown[] };
    expect(json.runId).toBe(1);
    expect(json.batches.map((batch) => [batch.modelId, batch.cells])).toEqual([
      ['gpt-a', 20],
      ['claude-x', 20],
    ]);
    expect(json.results).toHaveLength(20);
    expect(sent.stderr).toContain('plain has no batch API: its cells go through ordinary calls');
    expect(sent.stderr.indexOf('plain has no batch API')).toBeLessThan(sent.stderr.indexOf('Sent 20 cells'));
    expect(llm().requestCount('m-plain')).toBe(20);
    const before = await storedBatches(cwd);
    expect(before.batches.map((batch) => batch.model)).toEqual(['oa-one:gpt-a', 'claude-proxy:claude-x']);
    expect(before.run?.results.map((result) => result.model)).toEqual(Array(20).fill('plain:m-plain'));

    for (const id of server.batches.keys()) server.finish(id);
    const collected = await runBuiltCli(['batch', 'collect', '1', '--report', 'matrix.html'], { cwd, env: env() });
    expect(collected.stderr).toContain('Collected batch');
    expect(collected.code).toBe(0);
    const after = (await storedBatches(cwd)).run?.results ?? [];
    expect(after).toHaveLength(60);
    // in matrix order: each prompt's three models
    expect(after.slice(0, 3).map((result) => [result.model, result.promptId, result.servedBy])).toEqual([
      ['oa-one:gpt-a', 'p1', 'batch-api'],
      ['plain:m-plain', 'p1', 'plain:m-plain'],
      ['claude-proxy:claude-x', 'p1', 'batch-api'],
    ]);
    expect(noKeyIn(sent.stdout, sent.stderr, collected.stdout, collected.stderr)).toBe(true);
    expect(collected.stdout + collected.stderr).not.toContain('sk-plain-key-91c2b7e4');
  }, 120_000);

  it('with no model on a batch API the run is an ordinary one, shown as it ends', async () => {
    const run = await runCliInProcess(
      ['--prompts', 'prompts.jsonl', '--models', 'plain:m-plain', '--batch-api', '--no-check', '--out', 'out', '--no-wait'],
      {
        cwd,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('plain has no batch API');
    expect(run.stderr).not.toContain('batch collect');
    expect(run.stdout).toContain('p20');
    expect(server.requests).toHaveLength(0);
    expect((await storedBatches(cwd)).run?.results).toHaveLength(20);
  });
});
