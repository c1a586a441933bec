import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/store/history-store.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// A `write` run in the history: listed with its topic, kind and 字数, shown with its stage names, and
// rerun as a new write run linked to it (kind write, parentRunId the old run). Mock models only.

let cwd: string;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), ...env } });
const runs = async () => (JSON.parse((await cli(['history', '--json'])).stdout) as { runs: RunSummary[] }).runs;

interface StoredJson {
  results: { model: string; role?: string; stage?: string; chars: number; readingMinutes: number }[];
}

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-write-history-'));
});

describe('write runs in the history', () => {
  it('lists the topic, the kind and the final draft’s 字数; history show keeps the stage names', async () => {
    const run = await cli(['write', '-m', 'mock:a', '冬天的第一杯热可可', '--revise', '--json']);
    expect(run.code).toBe(0);
    const written = JSON.parse(run.stdout) as { runId: number; stages: { stage: string; chars: number; readingMinutes: number }[] };
    const [listed] = await runs();
    expect(listed).toMatchObject({ id: written.runId, kind: 'write', topic: '冬天的第一杯热可可', parentRunId: null });
    expect(listed?.chars).toBe(written.stages[3]?.chars);
    expect(listed?.chars).toBeGreaterThan(0);

    const shown = JSON.parse((await cli(['history', 'show', String(written.runId), '--json'])).stdout) as StoredJson;
    expect(shown.results.map((result) => [result.stage, result.role])).toEqual([
      ['planner', 'planner'],
      ['writer', 'writer'],
      ['reviewer', 'reviewer'],
      ['revise', 'writer'],
    ]);
    expect(shown.results[1]?.chars).toBe(written.stages[1]?.chars);
    const text = await cli(['history', 'show', String(written.runId)]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/│ planner\s/);
    expect(text.stdout).toMatch(/│ revise \(writer\)/);
    expect(text.stdout).toContain('━━ reviewer · mock:a ━━');
    expect(text.stdout).toMatch(/━━ revise · mock:a ━━\n\d+ chars · reading time \d+ min/);
    expect(text.stdout).toContain('Topic: 冬天的第一杯热可可');
  });

  it('rerun of a write run runs the pipeline again on the stored models, or on -m, as a new write run linked to it', async () => {
    const first = JSON.parse((await cli(['write', '-m', 'mock:a', '热可可', '--json'])).stdout) as { runId: number };
    const again = await cli(['rerun', String(first.runId), '--json']);
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout) as { runId: number; kind: string; stages: { stage: string; model: string }[] };
    expect(rerun.kind).toBe('write');
    expect(rerun.stages.map((stage) => [stage.stage, stage.model])).toEqual([
      ['planner', 'mock:a'],
      ['writer', 'mock:a'],
      ['reviewer', 'mock:a'],
    ]);
    const other = JSON.parse((await cli(['rerun', `#${first.runId}`, '-m', 'mock:b', '--json'])).stdout) as typeof rerun;
    expect(other.stages.map((stage) => stage.model)).toEqual(['mock:b', 'mock:b', 'mock:b']);
    const listed = await runs();
    expect(listed.slice(0, 3).map((run) => [run.id, run.kind, run.parentRunId, run.topic])).toEqual([
      [other.runId, 'write', first.runId, '热可可'],
      [rerun.runId, 'write', first.runId, '热可可'],
      [first.runId, 'write', null, '热可可'],
    ]);
    const table = await cli(['history'], { COLUMNS: '100' });
    expect(table.stdout).toContain(`#${other.runId} ↺#${first.runId}`);
  });

  it('uses the stored config while it exists; once it is gone, asks for -m', async () => {
    const config = path.join(cwd, 'wechat-writer.config.yaml');
    writeFileSync(config, 'roles:\n  default: [mock:a]\n  reviewer: [mock:r]\n');
    const first = JSON.parse((await cli(['write', '热可可', '--json'])).stdout) as { runId: number };
    const again = JSON.parse((await cli(['rerun', String(first.runId), '--json'])).stdout) as { stages: { model: string }[] };
    expect(again.stages.map((stage) => stage.model)).toEqual(['mock:a', 'mock:a', 'mock:r']);
    rmSync(config);
    const refused = await cli(['rerun', String(first.runId)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`the config file ${config} of run ${first.runId} is gone: pass --config, or -m`);
    const other = await cli(['rerun', String(first.runId), '-m', 'mock:b', '--json']);
    expect(other.code).toBe(0);
  });

  it('speaks Chinese with WECHAT_WRITER_LANG=zh-CN: the final draft line and the history table', async () => {
    const run = await cli(['write', '-m', 'mock:a', '周末咖啡'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/终稿（撰写）：output\/.+\/2-writer\.md · \d+ 字 · 阅读时间/);
    const history = await cli(['history'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(history.stdout).toMatch(/运行.*时间.*类型.*主题/);
    expect(history.stdout).toContain('写作');
    expect(history.stdout).toContain('周末咖啡');
    const shown = await cli(['history', 'show', '1'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(shown.stdout).toContain('主题：周末咖啡');
    expect(shown.stdout).toContain('━━ 审稿 · mock:a ━━');
  });
});
