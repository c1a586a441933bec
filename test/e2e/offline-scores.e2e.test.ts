import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { assessDraft } from '../../src/providers/wire-formats/mock/mock-assess-draft.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-offline-scores-'));
});

// no key of any provider: the mock is all there is
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), ...env } });
const compare = ['--models', 'mock:alpha,mock:beta', '周末咖啡', '--judge', 'mock:judge'];
const write = ['write', '-m', 'mock:a', '周末咖啡'];
const han = /\p{Script=Han}/u;

interface WriteJson {
  stages: { stage: string; status: string; text: string | null }[];
  review: { score: number | null };
}

describe('offline scores: the mock judges and reviews as asked', () => {
  it('--judge mock:judge scores every draft from what it holds: table, judge line, JSON and history agree', async () => {
    const run = await cli(compare);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('judging 2 drafts with mock:judge (blind)');
    expect(run.stderr).not.toContain('warning');
    const header = run.stdout.split('\n').find((line) => line.includes('Model')) ?? '';
    expect(header).toMatch(/│ +Judge +│$/);
    expect(run.stdout).toMatch(/mock:alpha .*│ +\d{1,2}\.\d\/10 │/);
    expect(run.stdout).toMatch(/mock:beta .*│ +\d{1,2}\.\d\/10 │/);
    expect(run.stdout).toMatch(/Judged blind by mock:judge · .* · judge cost — · total cost with the judge —/);

    const json = await cli([...compare, '--json']);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.judgeCall).toMatchObject({ model: 'mock:judge', status: 'ok', error: null });
    for (const result of report.results) {
      // the verdict is the one the mock's editor measures in that very draft, whatever label it was shown under
      expect(result.judge?.scores).toEqual(assessDraft(result.text ?? '').scores);
      expect(Object.values(result.judge?.reasons ?? {}).every((reason) => han.test(reason))).toBe(true);
    }
    const again = JSON.parse((await cli([...compare, '--json'])).stdout) as JsonReport;
    expect(again.results.map((result) => result.judge)).toEqual(report.results.map((result) => result.judge));

    const shown = await cli(['history', 'show', String(report.runId), '--json']);
    expect((JSON.parse(shown.stdout) as JsonReport).results.map((result) => result.judge)).toEqual(
      report.results.map((result) => result.judge),
    );
  });

  it('write -m mock:a plans, drafts and reviews offline, and the review score is shown', async () => {
    const run = await cli(write);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/review score: \d{1,2}\/10\n/);
    expect(run.stdout).not.toContain('not given');

    const json = JSON.parse((await cli([...write, '--revise', '--json'])).stdout) as WriteJson;
    expect(json.stages.map((stage) => [stage.stage, stage.status])).toEqual([
      ['planner', 'ok'],
      ['writer', 'ok'],
      ['reviewer', 'ok'],
      ['revise', 'ok'],
    ]);
    const [planner, writer, reviewer, revise] = json.stages.map((stage) => stage.text ?? '');
    expect(planner).toMatch(/^# 提纲：周末咖啡/);
    expect(writer).toMatch(/^# 周末咖啡：/);
    expect(json.review.score).toBe(assessDraft(writer ?? '').overall);
    expect(reviewer?.trim().split('\n').at(-1)).toBe(`评分：${json.review.score}/10`);
    expect(revise).toContain('按审稿意见修改');
    expect(run.stdout).toContain(`review score: ${json.review.score}/10`);
  });

  it('in zh-CN the judge line, progress and column are Chinese; the scores are the same', async () => {
    const english = JSON.parse((await cli([...compare, '--json'])).stdout) as JsonReport;
    const run = await cli(['--lang', 'zh', ...compare]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('正在用 mock:judge 盲评 2 篇稿件');
    expect(run.stdout).toMatch(/由 mock:judge 盲评 · 耗时 .* · 评审费用 — · 含评审的总费用 —/);
    expect(run.stdout).not.toContain('Judged blind');
    // the table's first row is its header: the judge's column among Chinese headings
    const header = run.stdout.split('\n').find((line) => line.startsWith('│')) ?? '';
    expect(header).toMatch(han);
    expect(header).not.toMatch(/Judge|Model/);
    for (const result of english.results) {
      expect(run.stdout).toMatch(new RegExp(`${result.model} .*│ +${result.judge?.score.toFixed(1)}/10 │`));
    }
  });

  it('in zh-CN a failing judge warns in Chinese, keeps the drafts and makes up no score', async () => {
    const run = await cli(['--lang', 'zh', '--models', 'mock:alpha', '周末咖啡', '--judge', 'mock:judge?fail=1', '--retries', '0']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/警告：评审模型 mock:judge\S* 失败（SERVER_ERROR.*），对比结果已保留，但没有评分/);
    expect(run.stdout).not.toMatch(/\d\/10/);
    expect(run.stdout).not.toContain('盲评');
  });

  it('in zh-CN (WECHAT_WRITER_LANG) write shows the review score in a Chinese interface', async () => {
    const run = await cli(write, { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(run.code).toBe(0);
    const score = /(\d{1,2})\/10/.exec(run.stdout.split('\n').find((line) => line.includes('/10')) ?? '')?.[1];
    expect(Number(score)).toBeGreaterThanOrEqual(1);
    expect(run.stdout.split('\n').find((line) => line.includes(`${score}/10`))).toMatch(han);
    expect(run.stdout).not.toContain('review score');
  });

  it('a batch judged by the mock scores each prompt’s drafts', async () => {
    writeFileSync(path.join(cwd, 'week.jsonl'), '{"id":"coffee","prompt":"周末咖啡"}\n{"id":"tea","prompt":"下午茶"}\n');
    const run = await cli(['--prompts', 'week.jsonl', '--models', 'mock:alpha,mock:beta', '--judge', 'mock:judge', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('judging 4 drafts of 2 prompts with mock:judge (blind, per prompt)');
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results).toHaveLength(4);
    for (const result of report.results) expect(result.judge?.scores).toEqual(assessDraft(result.text ?? '').scores);
  });
});
