import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/history-schema.js';
import { openHistoryStore, type NewRun } from '../../src/store/history-store.js';
import { summaryChars, summaryTopic } from '../../src/store/run-summary-fields.js';
import { countWriting } from '../../src/text/count-writing.js';
import { okResult } from '../support/model-result-fixture.js';

// What the history keeps for writers (topic, kind, 字数, stage names), and that nothing of the driver
// (libsql's `_metadata` on rows) reaches what the store returns.

const home = () => mkdtempSync(path.join(os.tmpdir(), 'ww-store-writing-'));
const newRun = (overrides: Partial<NewRun> = {}): NewRun => ({
  startedAt: '2026-11-21T10:00:00.000Z',
  kind: 'compare',
  parentRunId: null,
  prompt: '请围绕选题「秋天的第一杯奶茶」写一篇微信公众号文章。',
  promptSource: 'topic',
  topic: '秋天的第一杯奶茶',
  systemPrompt: null,
  options: {},
  toolVersion: '1.0.0',
  ...overrides,
});

describe('the history for writers', () => {
  it('lists the topic typed, a brief’s first heading, or a batch’s prompt ids, and the kind', async () => {
    const store = await openHistoryStore(home());
    store.startRun(newRun());
    store.startRun(newRun({ topic: null, promptSource: 'brief.md', prompt: '\n# 冬季新品：热可可\n\n写一篇推文，语气轻松。' }));
    const batch = [
      { id: 'mon', text: '周一' },
      { id: 'tue', text: '周二' },
    ];
    store.startRun(newRun({ topic: null, promptSource: 'week.jsonl', prompt: '## mon\n\n周一', options: { prompts: batch } }));
    store.startRun(newRun({ kind: 'write', topic: '周末咖啡' }));
    const runs = store.listRuns({ limit: 10 });
    expect(runs.map((run) => [run.kind, run.topic])).toEqual([
      ['write', '周末咖啡'],
      ['batch', 'mon, tue'],
      ['compare', '冬季新品：热可可'],
      ['compare', '秋天的第一杯奶茶'],
    ]);
    store.close();
    expect(summaryTopic(null, '请围绕选题「AI/大模型」写一篇微信公众号文章。', null)).toBe('AI/大模型');
  });

  it('gives each run its 字数: a write run’s final draft, else the median over its drafts', async () => {
    const store = await openHistoryStore(home());
    const compare = store.startRun(newRun());
    ['一二三', '一二三四五', '一二三四五六七'].forEach((text, index) => store.recordResult(compare, index, okResult('mock:a', text)));
    const write = store.startRun(
      newRun({ kind: 'write', options: { stages: [{ stage: 'planner' }, { stage: 'writer' }, { stage: 'reviewer' }] } }),
    );
    store.recordResult(write, 0, okResult('mock:a', '提纲'.repeat(50)), 'planner');
    store.recordResult(write, 1, okResult('mock:a', '正文'.repeat(500)), 'writer');
    store.recordResult(write, 2, okResult('mock:a', '评分：8/10'), 'reviewer');
    const [listedWrite, listedCompare] = store.listRuns({ limit: 2 });
    expect(listedWrite).toMatchObject({ chars: 1000, readingMinutes: 3 });
    expect(listedCompare).toMatchObject({ chars: 5, readingMinutes: 1 });
    expect(store.getRun(write)?.results.map((result) => [result.stage, result.role])).toEqual([
      ['planner', 'planner'],
      ['writer', 'writer'],
      ['reviewer', 'reviewer'],
    ]);
    expect(store.getRun(compare)?.results[0]).not.toHaveProperty('stage');
    expect(summaryChars('write', null)).toEqual({ chars: null, readingMinutes: null });
    store.close();
  });

  it('returns plain rows: no _metadata of the driver in runs, results or stats', async () => {
    const store = await openHistoryStore(home());
    const runId = store.startRun(newRun());
    store.recordResult(runId, 0, okResult('mock:a', '正文', { costUsd: 0.002 }));
    const everything = JSON.stringify([
      store.getRun(runId),
      store.listRuns({ limit: 5 }),
      store.listRuns({ limit: 5, search: '第一杯' }),
      store.stats({ by: 'model', sinceIso: null, trend: true }),
    ]);
    expect(everything).not.toContain('_metadata');
    expect(store.stats({ by: 'model', sinceIso: null, trend: false }).groups[0]).toMatchObject({
      chars: 2,
      readingMinutes: 1,
      costPer1000Chars: 1,
    });
    store.close();
  });

  it('counts the 字数 of texts stored before schema v5 once, as it migrates', async () => {
    const directory = home();
    const { default: Database } = await import('libsql');
    const old = new Database(path.join(directory, 'history.db'));
    for (const migration of migrations.slice(0, 4)) old.exec(migration);
    old.exec('PRAGMA user_version = 4');
    old
      .prepare(
        "INSERT INTO runs (id, started_at, prompt, prompt_source, options, tool_version) VALUES (1, '2026-11-01T00:00:00Z', 'p', 'topic', '{}', '0.1.0')",
      )
      .run();
    const text = '# 标题\n\n秋天的第一杯奶茶，和 a friend 一起喝。';
    old
      .prepare(
        `INSERT INTO results (run_id, position, created_at, model, provider, status, text, latency_ms, attempts, details)
         VALUES (1, 0, '2026-11-01T00:00:01Z', 'mock:a', 'mock', 'ok', ?, 5, 1, '{"warnings":[]}')`,
      )
      .run(text);
    old.close();
    const store = await openHistoryStore(directory);
    expect(store.getRun(1)?.results[0]).toMatchObject(countWriting(text));
    expect(store.stats({ by: 'model', sinceIso: null, trend: false }).groups[0]?.chars).toBe(countWriting(text).chars);
    store.close();
    const check = new Database(path.join(directory, 'history.db'));
    expect(check.prepare('PRAGMA user_version').raw().get()).toEqual([migrations.length]);
    expect(check.prepare('SELECT chars, reading_minutes FROM results').raw().get()).toEqual([
      countWriting(text).chars,
      countWriting(text).readingMinutes,
    ]);
    check.close();
  });
});
