import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/providers/language-model.js';
import { percentile } from '../../src/store/history-stats.js';
import { openHistoryStore, type NewRun } from '../../src/store/history-store.js';
import { okResult } from '../support/model-result-fixture.js';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'ww-store-'));
const newRun = (prompt: string, overrides: Partial<NewRun> = {}): NewRun => ({
  startedAt: '2026-11-21T10:00:00.000Z',
  kind: 'compare',
  parentRunId: null,
  prompt,
  promptSource: 'topic',
  topic: null,
  systemPrompt: 'sys',
  options: { models: ['openai:a'], maxTokens: null },
  toolVersion: '1.0.0',
  ...overrides,
});
const failure = (model: string) =>
  okResult(model, null, {
    status: 'error',
    servedBy: null,
    usage: emptyUsage(),
    latencyMs: 900,
    ttftMs: null,
    error: { type: 'RATE_LIMIT', message: 'RATE_LIMIT: slow down', retryable: true, status: 429, requestId: null, retryAfterMs: 1000 },
  });

describe('history store', () => {
  it('creates a versioned WAL database and returns a stored run exactly as recorded', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun('写一篇关于冬季咖啡的推文'));
    const ok = okResult('openai:a', '# 冬日咖啡\n正文', { costUsd: 0.0012, warnings: ['w'], fallback: null, reasoning: '想法' });
    store.recordResult(runId, 0, ok);
    store.recordResult(runId, 1, failure('anthropic:b'));
    const stored = store.getRun(runId);
    expect(stored).toMatchObject({ id: runId, prompt: '写一篇关于冬季咖啡的推文', systemPrompt: 'sys', options: { models: ['openai:a'] } });
    expect(stored?.results[0]).toEqual({ ...ok, role: null });
    expect(stored?.results[1]).toMatchObject({ status: 'error', error: { type: 'RATE_LIMIT', retryAfterMs: 1000 }, role: null });
    expect(store.getRun(999)).toBeNull();
    store.close();
  });

  it('lists runs newest first with best/worst latency and total cost, filtered by model or provider', async () => {
    const store = await openHistoryStore(home());
    const first = store.startRun(newRun('第一篇'));
    store.recordResult(first, 0, okResult('openai:a', 'x', { latencyMs: 500, costUsd: 0.01 }));
    store.recordResult(first, 1, okResult('anthropic:b', 'y', { latencyMs: 1500, costUsd: null }));
    store.recordResult(first, 2, failure('mock:c'));
    const second = store.startRun(newRun('第二篇', { kind: 'rerun', parentRunId: first }));
    store.recordResult(second, 0, okResult('mock:c', 'z', { costUsd: null }));

    const runs = store.listRuns({ limit: 10 });
    expect(runs.map((run) => run.id)).toEqual([second, first]);
    expect(runs[1]).toMatchObject({
      models: ['openai:a', 'anthropic:b', 'mock:c'],
      ok: 2,
      failed: 1,
      bestLatencyMs: 500,
      worstLatencyMs: 1500,
      totalCostUsd: 0.01,
    });
    expect(runs[0]).toMatchObject({ kind: 'rerun', parentRunId: first, totalCostUsd: null });
    expect(store.listRuns({ limit: 10, model: 'openai:a' }).map((run) => run.id)).toEqual([first]);
    expect(store.listRuns({ limit: 10, model: 'mock' }).map((run) => run.id)).toEqual([second, first]);
    expect(store.listRuns({ limit: 1 })).toHaveLength(1);
    store.close();
  });

  it('searches prompts and outputs, Chinese included, short queries too', async () => {
    const store = await openHistoryStore(home());
    const coffee = store.startRun(newRun('写一篇关于冬季咖啡的推文'));
    const tea = store.startRun(newRun('写一篇奶茶评测'));
    store.recordResult(tea, 0, okResult('openai:a', '# 秋天的第一杯奶茶\n配方是 brown sugar'));
    expect(store.listRuns({ limit: 10, search: '冬季咖啡' }).map((run) => run.id)).toEqual([coffee]);
    expect(store.listRuns({ limit: 10, search: '咖啡' }).map((run) => run.id)).toEqual([coffee]);
    expect(store.listRuns({ limit: 10, search: 'Brown Sugar' }).map((run) => run.id)).toEqual([tea]);
    expect(store.listRuns({ limit: 10, search: '写一篇' }).map((run) => run.id)).toEqual([tea, coffee]);
    expect(store.listRuns({ limit: 10, search: '"; DROP' })).toEqual([]);
    store.close();
  });

  it('computes stats per model, provider and role, with failures counted and percentiles by nearest rank', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun('p'));
    [100, 200, 300, 400, 1000].forEach((latencyMs, index) =>
      store.recordResult(
        runId,
        index,
        okResult('openai:a', 't', { latencyMs, ttftMs: 50, costUsd: 0.001, usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 20 } }),
      ),
    );
    store.recordResult(runId, 5, failure('openai:a'));
    store.recordResult(runId, 6, okResult('anthropic:b', 't', { latencyMs: 700, costUsd: null }), 'writer');
    const byModel = store.stats({ by: 'model', sinceIso: null, trend: false });
    expect(byModel.groups[0]).toEqual({
      key: 'openai:a',
      calls: 6,
      ok: 5,
      failed: 1,
      successRate: 5 / 6,
      p50LatencyMs: 300,
      p95LatencyMs: 1000,
      meanTtftMs: 50,
      inputTokens: 50,
      outputTokens: 100,
      costUsd: 0.005,
      chars: 1,
      readingMinutes: 1,
      costPer1000Chars: 1,
    });
    expect(byModel.groups[1]).toMatchObject({ key: 'anthropic:b', calls: 1, costUsd: null });
    expect(store.stats({ by: 'provider', sinceIso: null, trend: false }).groups.map((group) => [group.key, group.calls])).toEqual([
      ['openai', 6],
      ['anthropic', 1],
    ]);
    expect(store.stats({ by: 'role', sinceIso: null, trend: false }).groups.map((group) => group.key)).toEqual(['(none)', 'writer']);
    expect(store.stats({ by: 'model', sinceIso: '2999-01-01T00:00:00.000Z', trend: false }).groups).toEqual([]);
    const trend = store.stats({ by: 'model', sinceIso: null, trend: true }).trend;
    expect(trend).toHaveLength(1);
    expect(trend?.[0]).toMatchObject({ calls: 7, failed: 1, p50LatencyMs: 300 });
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([], 0.5)).toBeNull();
    store.close();
  });

  it('lets two runs write at once (WAL), and keeps no key anywhere in the file', async () => {
    const directory = home();
    const [one, two] = await Promise.all([openHistoryStore(directory), openHistoryStore(directory)]);
    const first = one!.startRun(newRun('a'));
    const second = two!.startRun(newRun('b'));
    for (let index = 0; index < 50; index += 1) {
      one!.recordResult(first, index, okResult('openai:a', `文本 ${index}`));
      two!.recordResult(second, index, okResult('mock:b', `text ${index}`));
    }
    expect(one!.getRun(second)?.results).toHaveLength(50);
    expect(readFileSync(path.join(directory, 'history.db-wal')).length).toBeGreaterThan(0);
    one!.close();
    two!.close();
    expect(readdirSync(directory)).toContain('history.db');
  });
});

describe('history schema v4: one usage meaning', () => {
  it('migrates rows stored before v4: Anthropic-format input gains its cached part; every row gets its uncached input', async () => {
    const directory = home();
    const { default: Database } = await import('libsql');
    const { migrations } = await import('../../src/store/history-schema.js');
    const old = new Database(path.join(directory, 'history.db'));
    for (const migration of migrations.slice(0, 3)) old.exec(migration);
    old.exec('PRAGMA user_version = 3');
    old
      .prepare(
        `INSERT INTO runs (id, started_at, prompt, prompt_source, options, tool_version, judge_call) VALUES (1, '2026-11-01T00:00:00Z', 'p', 'topic', '{}', '0.1.0', ?)`,
      )
      .run(
        JSON.stringify({ usage: { inputTokens: 100, outputTokens: 5, cacheReadTokens: 30, cacheWriteTokens: 20, reasoningTokens: null } }),
      );
    const insert = old.prepare(`INSERT INTO results (run_id, position, created_at, model, provider, status, input_tokens, output_tokens,
      cache_read_tokens, cache_write_tokens, latency_ms, attempts, details) VALUES (1, ?, '2026-11-01T00:00:01Z', ?, ?, 'ok', ?, 10, ?, ?, 5, 1, ?)`);
    const details = JSON.stringify({
      finishReason: null,
      responseModel: null,
      requestId: null,
      incomplete: false,
      fallback: null,
      warnings: [],
      error: null,
    });
    insert.run(0, 'anthropic:c', 'anthropic', 100, 30, 20, details); // Messages: input_tokens excluded the cache
    insert.run(1, 'openai:g', 'openai', 100, 30, null, details); // Chat Completions: prompt_tokens included it
    insert.run(2, 'mock:alpha', 'mock', 7, null, null, details);
    old.close();

    const store = await openHistoryStore(directory);
    const usage = store.getRun(1)!.results.map((result) => result.usage);
    expect(usage[0]).toMatchObject({ inputTokens: 150, noCacheInputTokens: 100, cacheReadTokens: 30, cacheWriteTokens: 20 });
    expect(usage[1]).toMatchObject({ inputTokens: 100, noCacheInputTokens: 70, cacheReadTokens: 30, cacheWriteTokens: null });
    expect(usage[2]).toMatchObject({ inputTokens: 7, noCacheInputTokens: 7 });
    expect(store.getRun(1)!.judgeCall?.usage).toMatchObject({ inputTokens: 150, noCacheInputTokens: 100 });
    store.close();
  });
});
