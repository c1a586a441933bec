import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';
import { batchArgs, batchCliDirectory, batchEnv, keys, noKeyIn, storedBatches } from './batch-cli-setup.js';

const llm = useFakeLlmServer();
let server: FakeBatchServer;
let cwd: string;

beforeEach(async () => {
  server = await startFakeBatchServer();
  cwd = batchCliDirectory();
});
afterEach(() => server.close());

const cli = (args: string[], extra: Record<string, string> = {}) => runCliInProcess(args, { cwd, env: batchEnv(cwd, server, extra) });
/** The same providers, answering ordinary calls on the fake LLM server (what `resume --retry-failed` uses). */
const ordinaryEnv = () => ({ OA_BASE: llm().openaiBaseURL, AN_BASE: llm().anthropicBaseURL });
const ids = () => [...server.batches.keys()];

describe('--batch-api failures, per cell', () => {
  it('reports errored, expired and cancelled cells one by one; resume --retry-failed calls only those with ordinary calls', async () => {
    server.cells.set('cell-3', { error: { status: 429, type: 'rate_limit_error', message: 'slow down' } });
    server.cells.set('cell-6', { error: { status: 400, type: 'invalid_request_error', message: 'bad prompt' } });
    expect((await cli([...batchArgs, '--no-wait'])).code).toBe(0);
    const [one, two, claude] = ids() as [string, string, string];
    server.finish(one);
    server.advance(two);
    server.process(two, 15);
    server.expire(two);
    server.process(claude, 18);
    const cancelled = await fetch(`${server.url}/v1/messages/batches/${claude}/cancel`, {
      method: 'POST',
      headers: { 'x-api-key': keys.anthropic },
    });
    expect(cancelled.status).toBe(200);
    server.advance(claude);

    const collected = await cli(['batch', 'collect', '1']);
    expect(collected.code).toBe(1);
    expect(collected.stderr).toContain('Cells collected without a draft: 9');
    // the table lists each failed cell with its typed error
    expect(collected.stdout).toContain('✗ p2 × oa-one:gpt-a: RATE_LIMIT');
    expect(collected.stdout).toContain('✗ p3 × oa-one:gpt-a: BAD_REQUEST');
    expect(collected.stdout).toMatch(/✗ p16 × oa-two:gpt-b: TIMEOUT: the batch ended \(its 24-hour window expired\)/);
    expect(collected.stdout).toMatch(/✗ p19 × claude-proxy:claude-x: CANCELLED/);
    expect(collected.stderr).toContain('Retry them with ordinary calls: wechat-writer resume 1 --retry-failed');
    const { run } = await storedBatches(cwd);
    const failed = (run?.results ?? []).filter((result) => result.status === 'error');
    expect(failed.map((result) => `${result.model} ${result.promptId} ${result.error?.type}`).sort()).toEqual(
      [
        'oa-one:gpt-a p2 RATE_LIMIT',
        'oa-one:gpt-a p3 BAD_REQUEST',
        ...[16, 17, 18, 19, 20].map((index) => `oa-two:gpt-b p${index} TIMEOUT`),
        'claude-proxy:claude-x p19 CANCELLED',
        'claude-proxy:claude-x p20 CANCELLED',
      ].sort(),
    );
    expect(failed.every((result) => result.batchId)).toBe(true);

    const retried = await cli(['resume', '1', '--retry-failed', '--no-check', '--json'], ordinaryEnv());
    expect(retried.code).toBe(0);
    const asked = llm()
      .requests.filter((request) => /\/(chat\/completions|messages)$/.test(request.path))
      .map((request) => `${String(request.body.model)} ${/编号 (p\d+)/.exec(JSON.stringify(request.body.messages))?.[1]}`);
    expect(asked.sort()).toEqual(
      ['gpt-a p2', 'gpt-a p3', ...[16, 17, 18, 19, 20].map((index) => `gpt-b p${index}`), 'claude-x p19', 'claude-x p20'].sort(),
    );
    const after = (await storedBatches(cwd)).run?.results ?? [];
    expect(after).toHaveLength(60);
    expect(after.every((result) => result.status === 'ok')).toBe(true);
    expect(after.filter((result) => result.servedBy === 'batch-api')).toHaveLength(51);
    expect(noKeyIn(collected.stdout, collected.stderr, retried.stdout, retried.stderr)).toBe(true);
  }, 60_000);

  it('with --json each failed cell is one line on stderr; a server echoing the key leaks it nowhere', async () => {
    server.cells.set('cell-3', { error: { status: 429, type: 'rate_limit_error', message: 'slow down' } });
    server.echoKey = true;
    expect((await cli([...batchArgs, '--no-wait'])).code).toBe(0);
    for (const id of ids()) server.finish(id);
    const collected = await cli(['batch', 'collect', '--json']);
    expect(collected.code).toBe(1);
    expect(collected.stderr).toContain('✗ oa-one:gpt-a × p2: RATE_LIMIT');
    const report = JSON.parse(collected.stdout) as { results: { status: string; text: string | null }[] };
    expect(report.results.filter((result) => result.status === 'error')).toHaveLength(1);
    expect(report.results.filter((result) => result.text?.includes('[redacted]') || result.text?.includes('reply to'))).toHaveLength(59);
    const files = readdirSync(path.join(cwd, 'out')).map((file) => readFileSync(path.join(cwd, 'out', file), 'utf8'));
    expect(noKeyIn(collected.stdout, collected.stderr, ...files)).toBe(true);
  });

  it('a batch the provider fails at validation: each of its cells is a BAD_REQUEST failure', async () => {
    server.failValidation = [{ code: 'invalid_json_line', message: 'line 3 is not JSON', line: 3 }];
    expect((await cli([...batchArgs, '--no-wait'])).code).toBe(0);
    const [one] = ids() as [string];
    server.advance(one);
    server.failValidation = null;
    for (const id of ids().slice(1)) server.finish(id);
    const collected = await cli(['batch', 'collect', '1']);
    expect(collected.code).toBe(1);
    expect(collected.stderr).toContain('Cells collected without a draft: 20');
    const failed = (await storedBatches(cwd)).run?.results.filter((result) => result.status === 'error') ?? [];
    expect(failed.map((result) => [result.model, result.error?.type])).toEqual(Array(20).fill(['oa-one:gpt-a', 'BAD_REQUEST']));
  });

  it('a collect stopped midway is finished by the next one without recording a cell twice', async () => {
    expect((await cli([...batchArgs, '--no-wait'])).code).toBe(0);
    for (const id of ids()) server.finish(id);
    expect((await cli(['batch', 'collect', '1'])).code).toBe(0);
    // as if the process had died after recording the cells but before marking the batches collected
    const database = new Database(path.join(cwd, 'home', 'history.db'));
    database.exec('UPDATE batches SET collected_at = NULL');
    database.close();
    const again = await cli(['batch', 'collect', '1']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Collected batch batch_0002 of oa-one:gpt-a: 0 cells recorded');
    expect((await storedBatches(cwd)).run?.results).toHaveLength(60);
    expect(readdirSync(path.join(cwd, 'out'))).toHaveLength(60);
  });

  it('a handle the history refuses to store is printed whole (the paid batch is not lost), and the run stops', async () => {
    await cli(['batch', 'status']); // creates the history
    const database = new Database(path.join(cwd, 'home', 'history.db'));
    database.exec("CREATE TRIGGER refuse BEFORE INSERT ON batches BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    database.close();
    const sent = await cli([...batchArgs, '--no-wait']);
    expect(sent.code).not.toBe(0);
    const [first] = ids() as [string];
    expect(ids()).toHaveLength(1);
    expect(sent.stderr).toContain(`batch ${first} was sent but could not be stored in the history (disk I/O error)`);
    expect(sent.stderr).toContain(`"batchId":"${first}"`);
    expect(noKeyIn(sent.stdout, sent.stderr)).toBe(true);
  });

  it('a provider that refuses the batch: its cells are failed results, the others go on', async () => {
    server.answers.set('POST /v1/messages/batches', {
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'no batches here' } },
    });
    const sent = await cli([...batchArgs, '--no-wait']);
    expect(sent.code).toBe(1);
    expect(sent.stderr).toContain('✗ claude-proxy:claude-x: the provider refused the batch of 20 cells (BAD_REQUEST');
    expect((await storedBatches(cwd)).batches).toHaveLength(2);
    expect((await storedBatches(cwd)).run?.results.filter((result) => result.status === 'error')).toHaveLength(20);
  });

  it('resume refuses a run whose batches are not collected yet (it would pay twice)', async () => {
    expect((await cli([...batchArgs, '--no-wait'])).code).toBe(0);
    const resumed = await cli(['resume', '1', '--no-check'], ordinaryEnv());
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain('run #1 has 3 batch(es) not collected yet');
    expect(llm().requests).toHaveLength(0);
  });
});

describe('--batch-api usage', () => {
  it.each([
    [['--models', 'oa-one:gpt-a', '--batch-api', 'a topic'], '--batch-api sends a matrix: give the prompts with --prompts'],
    [[...batchArgs, '--judge', 'oa-one:gpt-a'], '--batch-api cannot be combined with --judge'],
    [[...batchArgs, '--vote'], '--batch-api cannot be combined with --vote'],
    [[...batchArgs, '--live'], '--batch-api cannot be combined with --live'],
    [[...batchArgs, '--no-history'], '--batch-api needs the history'],
    [['--prompts', 'prompts.jsonl', '--models', 'oa-one:gpt-a', '--no-wait'], '--no-wait only goes with --batch-api'],
    [['batch', 'status'], 'no run has sent batches yet'],
  ])('%j is refused before anything is sent (exit 2)', async (args, message) => {
    const run = await cli(args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });
});
