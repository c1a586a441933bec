import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { batchArgs, batchCliDirectory, batchEnv, models, noKeyIn, storedBatches } from './batch-cli-setup.js';

let server: FakeBatchServer;
let cwd: string;

beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());
beforeEach(async () => {
  server = await startFakeBatchServer();
  cwd = batchCliDirectory();
});
afterEach(() => server.close());

const cli = (args: string[], extra: Record<string, string> = {}) => runCliInProcess(args, { cwd, env: batchEnv(cwd, server, extra) });

describe('--batch-api through the CLI', () => {
  it('sends a 20 × 3 matrix as three batches, stores their ids at once, and collects them from another invocation', async () => {
    const sent = await cli([...batchArgs, '--no-wait', '--report', 'report.md']);
    expect(sent.stderr).toContain('Sent 20 cells of oa-one:gpt-a as batch');
    expect(sent.stderr).toContain('wechat-writer batch collect 1');
    expect(sent.code).toBe(0);
    const { run, batches } = await storedBatches(cwd);
    expect(batches.map((batch) => [batch.model, batch.handle.customIds.length, batch.collectedAt])).toEqual(
      models.map((model) => [model, 20, null]),
    );
    expect(batches.map((batch) => batch.handle.batchId)).toEqual([...server.batches.keys()]);
    expect(run?.options.batchApi).toBe(true);
    expect(run?.results).toEqual([]);

    const status = await cli(['batch', 'status', '1']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('oa-one:gpt-a');
    expect(status.stdout).toContain('0/20');
    expect(status.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);

    for (const id of server.batches.keys()) server.finish(id);
    // a second process: the built CLI, from nothing but the history and the config
    const collected = await runBuiltCli(['batch', 'collect', '1'], { cwd, env: batchEnv(cwd, server) });
    expect(collected.stderr).toContain('Collected batch');
    expect(collected.code).toBe(0);
    const show = await cli(['history', 'show', '1', '--json']);
    const report = JSON.parse(show.stdout) as {
      results: {
        status: string;
        servedBy: string;
        costUsd: number;
        batchId?: string;
        latencyMs: number;
        outputFile: string;
        usage: { inputTokens: number; outputTokens: number };
      }[];
    };
    expect(report.results).toHaveLength(60);
    expect(
      report.results.every(
        (result) => result.status === 'ok' && result.servedBy === 'batch-api' && result.batchId && result.latencyMs === 0,
      ),
    ).toBe(true);
    // half of $2 / $8 per 1M tokens for the first cell of gpt-a (10 input, 7 output tokens)
    expect(report.results[0]?.costUsd).toBeCloseTo(((10 * 2 + 7 * 8) / 1e6) * 0.5, 12);
    expect(readdirSync(path.join(cwd, 'out')).filter((file) => file.endsWith('.md'))).toHaveLength(60);
    expect(report.results.every((result) => existsSync(result.outputFile))).toBe(true);
    expect(readFileSync(path.join(cwd, 'report.md'), 'utf8')).toContain('p20');
    expect(noKeyIn(sent.stdout, sent.stderr, status.stdout, status.stderr, collected.stdout, collected.stderr)).toBe(true);

    const again = await cli(['batch', 'collect', '1', '--json']);
    expect(again.stderr).toContain('nothing new to record');
    expect((JSON.parse(again.stdout) as { results: unknown[] }).results).toHaveLength(60);
    expect((await storedBatches(cwd)).run?.results).toHaveLength(60);
    expect(readdirSync(path.join(cwd, 'out')).filter((file) => file.endsWith('.md'))).toHaveLength(60);
  }, 60_000);
});

describe('--batch-api waiting, languages, Ctrl-C', () => {
  it('waits with one progress line until the server finishes after N polls, then collects (no --no-wait)', async () => {
    server.advanceAfterPolls = 2;
    const run = await cli([...batchArgs, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Batches: 0\/3 ended · cells 0\/60 done, 0 failed · validating 2, in progress 1/);
    expect(run.stderr).toMatch(/Batches: 3\/3 ended · cells 60\/60 done, 0 failed · completed 2, ended 1/);
    const report = JSON.parse(run.stdout) as { runId: number; results: { servedBy: string }[]; batches: { state: string }[] };
    expect(report.runId).toBe(1);
    expect(report.results).toHaveLength(60);
    expect(report.batches.map((batch) => batch.state)).toEqual(['completed', 'completed', 'ended']);
    expect((await storedBatches(cwd)).batches.every((batch) => batch.collectedAt !== null)).toBe(true);
    expect(noKeyIn(run.stdout, run.stderr)).toBe(true);
  });

  it('Ctrl-C while waiting leaves the batches running and says how to collect them (exit 130)', async () => {
    const controller = new AbortController();
    const run = await runCliInProcess(batchArgs, {
      cwd,
      env: batchEnv(cwd, server),
      signal: controller.signal,
      onStderr: (text) => {
        if (text.includes('Batches: 0/3')) controller.abort();
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('the batches keep running at the providers and nothing is lost');
    expect(run.stderr).toContain('wechat-writer batch collect 1');
    expect(server.requests.some((request) => request.path.endsWith('/cancel'))).toBe(false);
    for (const id of server.batches.keys()) server.finish(id);
    const collected = await cli(['batch', 'collect']);
    expect(collected.code).toBe(0);
    expect((await storedBatches(cwd)).run?.results).toHaveLength(60);
  });

  it('speaks Chinese: the sending lines, status and collect', async () => {
    const sent = await cli([...batchArgs, '--no-wait', '--lang', 'zh']);
    expect(sent.stderr).toContain('已把 oa-one:gpt-a 的 20 个调用作为批量任务');
    expect(sent.stderr).toContain('查看进度：wechat-writer batch status 1');
    const status = await cli(['batch', 'status', '--lang', 'zh']);
    expect(status.stdout).toContain('状态');
    expect(status.stdout).toContain('校验中');
    expect(status.stderr).toContain('结束后取回');
    server.advanceAfterPolls = 1;
    const collected = await cli(['batch', 'collect', '1'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(collected.code).toBe(0);
    expect(collected.stderr).toMatch(/批量任务：3\/3 个已结束 · 调用 60\/60 个完成，0 个失败/);
    expect(collected.stderr).toContain('已取回 claude-proxy:claude-x 的批量任务');
    expect(collected.stdout).toContain('提示词 / 模型');
  });
});
