import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import type { StatsReport } from '../../src/store/history-stats.js';
import type { RunSummary } from '../../src/store/history-store.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const openaiKey = 'sk-history-openai-key-31337';
let cwd: string;
let home: string;
let comparison: JsonReport;
let remote: JsonReport;

const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCliInProcess(args, {
    cwd,
    env: {
      WECHAT_WRITER_HOME: home,
      WECHAT_WRITER_PRICES: '{"mock:alpha": {"input": 1, "output": 2}}',
      OPENAI_BASE_URL: fakeServer().openaiBaseURL,
      OPENAI_API_KEY: openaiKey,
      ...extraEnv,
    },
  });
const json = <T>(stdout: string) => JSON.parse(stdout) as T;

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-history-'));
  home = path.join(cwd, 'home');
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于冬季咖啡的推文。');
  comparison = json((await cli(['-m', 'mock:alpha,mock:beta,mock:gamma?fail=1', '冬季咖啡', '--retries', '0', '--json'])).stdout);
  remote = json((await cli(['-m', 'openai:gpt-x', '-p', 'brief.md', '--json'])).stdout);
});

describe('run history through the CLI', () => {
  it('records every run with its id in the JSON report, and history lists them newest first', async () => {
    expect(comparison.runId).toBe(1);
    expect(remote.runId).toBe(2);
    const listing = json<{ runs: RunSummary[] }>((await cli(['history', '--json'])).stdout);
    expect(listing.runs.map((run) => [run.id, run.models, run.ok, run.failed])).toEqual([
      [2, ['openai:gpt-x'], 1, 0],
      [1, ['mock:alpha', 'mock:beta', 'mock:gamma?fail=1'], 2, 1],
    ]);
    const alphaCost = comparison.results[0]?.costUsd ?? 0;
    expect(alphaCost).toBeGreaterThan(0);
    expect(listing.runs[1]?.totalCostUsd).toBeCloseTo(alphaCost);
    const text = await cli(['history', '-n', '1']);
    expect(text.stdout).toContain('#2');
    expect(text.stdout).not.toContain('#1 ');
  });

  it('finds runs by model or by text in prompts and outputs', async () => {
    const byModel = json<{ runs: RunSummary[] }>((await cli(['history', '--model', 'gpt', '--json'])).stdout);
    expect(byModel.runs.map((run) => run.id)).toEqual([2]);
    const bySearch = json<{ runs: RunSummary[] }>((await cli(['history', '--search', '冬季咖啡', '--json'])).stdout);
    expect(bySearch.runs.map((run) => run.id).sort()).toEqual([1, 2]);
    const byOutput = json<{ runs: RunSummary[] }>((await cli(['history', '--search', 'Title from gpt-x', '--json'])).stdout);
    expect(byOutput.runs.map((run) => run.id)).toEqual([2]);
  });

  it('history show gives back the same report, as JSON, text and any report format', async () => {
    const shown = json<JsonReport>((await cli(['history', 'show', '1', '--json'])).stdout);
    expect(shown).toEqual(comparison);
    const text = await cli(['history', 'show', '#2', '--report', 'again.html']);
    expect(text.stdout).toContain('openai:gpt-x');
    expect(text.stdout).toContain('━━ openai:gpt-x ━━');
    expect(readFileSync(path.join(cwd, 'again.html'), 'utf8')).toContain('<article class="output"');
    const missing = await cli(['history', 'show', '42']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no run "42" in the history .*: list runs with wechat-writer history/);
  });

  it('rerun sends the same prompt and options to other models, as a new run linked to the first', async () => {
    const rerun = json<JsonReport>((await cli(['rerun', '2', '-m', 'openai:gpt-y', '--json'])).stdout);
    expect(rerun.runId).toBe(3);
    expect(rerun.prompt).toEqual(remote.prompt);
    expect(fakeServer().requests).toHaveLength(1);
    expect(fakeServer().requests[0]?.body).toMatchObject({
      model: 'gpt-y',
      messages: [
        { role: 'system', content: expect.stringContaining('微信公众号') },
        { role: 'user', content: '写一篇关于冬季咖啡的推文。' },
      ],
    });
    const listing = json<{ runs: RunSummary[] }>((await cli(['history', '--json', '-n', '1'])).stdout);
    expect(listing.runs[0]).toMatchObject({ id: 3, kind: 'rerun', parentRunId: 2, models: ['openai:gpt-y'] });
  });

  it('stats give calls, failures, latency and cost per model and provider', async () => {
    const byModel = json<StatsReport>((await cli(['stats', '--by', 'model', '--json'])).stdout);
    const groups = Object.fromEntries(byModel.groups.map((group) => [group.key, group]));
    expect(groups['mock:gamma?fail=1']).toMatchObject({ calls: 1, ok: 0, failed: 1, successRate: 0, p50LatencyMs: null });
    expect(groups['mock:alpha']).toMatchObject({ calls: 1, ok: 1, failed: 0, successRate: 1 });
    expect(groups['mock:alpha']?.costUsd).toBeCloseTo(comparison.results[0]?.costUsd ?? 0);
    expect(groups['openai:gpt-x']).toMatchObject({ calls: 1, inputTokens: 11, outputTokens: 7, costUsd: null });
    const byProvider = json<StatsReport>((await cli(['stats', '--by', 'provider', '--json'])).stdout);
    expect(byProvider.groups.find((group) => group.key === 'mock')).toMatchObject({ calls: 3, ok: 2, failed: 1 });
    const text = await cli(['stats', '--since', '7d', '--trend']);
    expect(text.stdout).toContain('Success');
    expect(text.stdout).toMatch(/calls +[▁▂▃▄▅▆▇█]/);
    const bad = await cli(['stats', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
  });

  it('--no-history and WECHAT_WRITER_NO_HISTORY=1 record nothing', async () => {
    const before = json<{ runs: RunSummary[] }>((await cli(['history', '--json', '-n', '100'])).stdout).runs.length;
    const skipped = json<JsonReport>((await cli(['-m', 'mock', 'x', '--json', '--no-history'])).stdout);
    expect(skipped.runId).toBeNull();
    await cli(['-m', 'mock', 'x'], { WECHAT_WRITER_NO_HISTORY: '1' });
    const after = json<{ runs: RunSummary[] }>((await cli(['history', '--json', '-n', '100'])).stdout).runs.length;
    expect(after).toBe(before);
  });

  it('keeps no key in the database', () => {
    for (const file of ['history.db', 'history.db-wal']) {
      const fullPath = path.join(home, file);
      if (existsSync(fullPath)) expect(readFileSync(fullPath).includes(openaiKey)).toBe(false);
    }
  });
});
