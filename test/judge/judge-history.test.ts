import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import type { JudgeCall, JudgeScore } from '../../src/judge/judge-score.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { migrations } from '../../src/store/history-schema.js';
import { openHistoryStore, type NewRun } from '../../src/store/history-store.js';
import { okResult } from '../support/model-result-fixture.js';

const home = () => mkdtempSync(path.join(os.tmpdir(), 'ww-judge-store-'));
const newRun: NewRun = {
  startedAt: '2026-11-21T10:00:00.000Z',
  kind: 'compare',
  parentRunId: null,
  prompt: '写一篇冬季咖啡推文',
  promptSource: 'topic',
  topic: null,
  systemPrompt: 'sys',
  options: { models: ['openai:a', 'anthropic:b'], judge: 'openai:judge' },
  toolVersion: '1.0.0',
};
const verdict: JudgeScore = {
  score: 7.4,
  scores: { title: 9, opening: 7, structure: 7, readability: 7, factualCare: 7 },
  reasons: { title: '标题好', opening: '开头平', structure: '清楚', readability: '段落短', factualCare: '无编造' },
};
const call: JudgeCall = {
  model: 'openai:judge',
  servedBy: 'openai:judge',
  status: 'ok',
  labels: { A: 'anthropic:b', B: 'openai:a' },
  usage: { ...emptyUsage(), inputTokens: 900, outputTokens: 120 },
  latencyMs: 2100,
  costUsd: 0.005,
  attempts: 1,
  requestId: 'req_1',
  error: null,
};

describe('history store with --judge', () => {
  it('adds verdicts to recorded results and the judge call to the run; totals count the judge', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun);
    const first = okResult('openai:a', '# A', { costUsd: 0.01 });
    const second = okResult('anthropic:b', '# B', { costUsd: 0.02 });
    store.recordResult(runId, 0, first);
    store.recordResult(runId, 1, second);
    store.recordJudgement(runId, 0, verdict);
    store.recordJudgement(runId, 1, null);
    store.recordJudgeCall(runId, call);
    const stored = store.getRun(runId);
    expect(stored?.results).toEqual([
      { ...first, judge: verdict, role: null },
      { ...second, judge: null, role: null },
    ]);
    expect(stored?.judgeCall).toEqual(call);
    expect(store.listRuns({ limit: 1 })[0]?.totalCostUsd).toBeCloseTo(0.035);

    const plain = store.startRun({ ...newRun, options: { models: ['openai:a'] } });
    store.recordResult(plain, 0, okResult('openai:a', '# A', { costUsd: null }));
    const plainRun = store.getRun(plain);
    expect(plainRun?.results[0]).not.toHaveProperty('judge');
    expect(plainRun).not.toHaveProperty('judgeCall');
    expect(store.listRuns({ limit: 1 })[0]?.totalCostUsd).toBeNull();
    store.close();
  });

  it('migrates a version 2 database: old runs read as before, judge columns added', async () => {
    const directory = home();
    const old = new Database(path.join(directory, 'history.db'));
    for (const [index, migration] of migrations.slice(0, 2).entries()) {
      old.exec(migration);
      old.pragma(`user_version = ${index + 1}`);
    }
    old
      .prepare("INSERT INTO runs (id, started_at, prompt, prompt_source, options, tool_version) VALUES (1, 't', 'p', 'topic', '{}', '0.1')")
      .run();
    old.close();
    const store = await openHistoryStore(directory);
    expect(store.getRun(1)).toMatchObject({ id: 1, results: [] });
    expect(store.getRun(1)).not.toHaveProperty('judgeCall');
    store.recordResult(1, 0, okResult('openai:a', 'x'));
    store.recordJudgement(1, 0, verdict);
    store.close();
    const check = new Database(path.join(directory, 'history.db'), { readonly: true });
    expect(check.prepare('PRAGMA user_version').raw().get()).toEqual([migrations.length]);
    expect(check.prepare('SELECT judge_score FROM results WHERE run_id = 1').raw().get()).toEqual([7.4]);
    check.close();
  });
});
