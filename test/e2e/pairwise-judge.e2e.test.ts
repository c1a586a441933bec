import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PairwiseSummary } from '../../src/judge/pairwise-types.js';
import type { PairwiseRecord } from '../../src/judge/pairwise-types.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

type PairwiseReport = Omit<JsonReport, 'runId' | 'judgeCall' | 'results'> & {
  runId: number;
  judgeCall: NonNullable<JsonReport['judgeCall']> & { pairwise: PairwiseSummary };
  results: (JsonReport['results'][number] & { pairwise?: PairwiseRecord | null })[];
};

let cwd: string;
let server: FakeLlmServer;
const topic = '写一篇关于「冬季咖啡」的推文';
const home = () => path.join(cwd, 'home');
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: home(), ...env } });
const pairwise = ['--judge', 'mock:j', '--judge-mode', 'pairwise'];

beforeAll(async () => {
  server = await startFakeLlmServer({
    'judge-prose': { chunks: ['两篇都不错，我觉得稿件 A 略好一些。'] },
    'judge-fenced': { chunks: ['我的判断如下：\n```json\n{"winner": "B", "reason": "稿件 B 的开头更抓人"}\n```\n以上。'] },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-pairwise-e2e-'));
});

async function votesOf(runId: number) {
  const store = await openHistoryStore(home());
  try {
    return store.verdicts.votesOf(runId);
  } finally {
    store.close();
  }
}

describe('--judge-mode pairwise', () => {
  it('three drafts: 3 pairs × 2 orders = 6 blind calls, records, the disagreement rate, and one judge vote per pair in the history', async () => {
    const run = await cli(['--models', 'mock:a,mock:b,mock:c', ...pairwise, '--json', topic]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('judging 3 drafts pairwise with mock:j (blind, 3 pairs × 2 orders = 6 calls)');
    const report = JSON.parse(run.stdout) as PairwiseReport;
    const call = report.judgeCall;
    expect(call).toMatchObject({ model: 'mock:j', status: 'ok', attempts: 6, labels: {} });
    const summary = call.pairwise;
    expect(summary.judge).toBe('mock:j');
    expect(summary.pairs.map((pair) => `${pair.modelA}-${pair.modelB}`)).toEqual(['mock:a-mock:b', 'mock:a-mock:c', 'mock:b-mock:c']);
    // the mock prefers the first-shown draft when two are close: b and c disagree between orders
    expect(summary.pairs.map((pair) => [pair.first, pair.second, pair.outcome, pair.inconsistent])).toEqual([
      ['b', 'b', 'b', false],
      ['b', 'b', 'b', false],
      ['a', 'b', 'tie', true],
    ]);
    expect(summary.inconsistentRate).toBeCloseTo(1 / 3, 3);
    expect(report.results.map((result) => [result.model, result.pairwise])).toEqual([
      ['mock:a', { wins: 0, ties: 0, losses: 2 }],
      ['mock:b', { wins: 1, ties: 1, losses: 0 }],
      ['mock:c', { wins: 1, ties: 1, losses: 0 }],
    ]);
    expect(report.results.every((result) => result.judge === undefined)).toBe(true);

    const votes = await votesOf(report.runId);
    expect(votes.map((vote) => [vote.modelA, vote.modelB, vote.outcome, vote.inconsistent, vote.source, vote.voter])).toEqual([
      ['mock:a', 'mock:b', 'b', false, 'judge', 'mock:j'],
      ['mock:a', 'mock:c', 'b', false, 'judge', 'mock:j'],
      ['mock:b', 'mock:c', 'tie', true, 'judge', 'mock:j'],
    ]);
    expect(votes.map((vote) => [vote.positionA, vote.positionB, vote.promptId])).toEqual([
      [0, 1, null],
      [0, 2, null],
      [1, 2, null],
    ]);
  });

  it('prints the position-bias line under the table, and the reports carry it with each draft record', async () => {
    const run = await cli(['--models', 'mock:a,mock:b,mock:c', ...pairwise, '--report', 'out.md', topic]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pairwise judge mock:j: 3 pairs, 1 disagreed between orders (33 %) → counted as ties');
    const markdown = readFileSync(path.join(cwd, 'out.md'), 'utf8');
    expect(markdown).toContain('pairwise judge mock:j: 3 pairs, 1 disagreed between orders (33 %) → counted as ties');
    expect(markdown).toMatch(/\| 0W 0T 2L \|/);
    expect(markdown).toMatch(/\| 1W 1T 0L \|/);
    const html = await cli(['--models', 'mock:a,mock:b', ...pairwise, '--report', 'out.html', topic]);
    expect(html.code).toBe(0);
    const page = readFileSync(path.join(cwd, 'out.html'), 'utf8');
    expect(page).toMatch(/<br>pairwise judge mock:j: 1 pair, [01] disagreed between orders \((0|100) %\)/);
    expect(page).toMatch(/<td>[01]W [01]T [01]L<\/td>/);
  });

  it('in Chinese (--lang zh-CN): progress, the records and the position-bias line', async () => {
    const run = await cli(['--lang', 'zh-CN', '--models', 'mock:a,mock:b,mock:c', ...pairwise, '--report', 'out.md', topic]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('正在用 mock:j 两两盲评 3 篇稿件（3 组 × 2 种顺序 = 6 次调用）');
    expect(run.stdout).toContain('成对评审 mock:j：3 组，其中 1 组交换顺序后结论不同（33 %），计为平局');
    expect(readFileSync(path.join(cwd, 'out.md'), 'utf8')).toContain('1胜 1平 0负');
  });

  it('a batch: pairs per prompt, each with its promptId, votes per prompt', async () => {
    const lines = [
      { id: 'coffee', prompt: '写一篇关于「冬季咖啡」的推文' },
      { id: 'tea', prompt: '写一篇关于「春茶上新」的推文' },
    ];
    writeFileSync(path.join(cwd, 'week.jsonl'), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const run = await cli(['--prompts', 'week.jsonl', '--models', 'mock:a,mock:b,mock:c', ...pairwise, '--concurrency', '4', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('judging 6 drafts of 2 prompts pairwise with mock:j (blind, per prompt, 6 pairs × 2 orders = 12 calls)');
    const report = JSON.parse(run.stdout) as PairwiseReport;
    expect(report.judgeCall.attempts).toBe(12);
    const pairs = report.judgeCall.pairwise.pairs;
    expect(pairs.map((pair) => `${pair.promptId} ${pair.modelA}-${pair.modelB}`)).toEqual([
      'coffee mock:a-mock:b',
      'coffee mock:a-mock:c',
      'coffee mock:b-mock:c',
      'tea mock:a-mock:b',
      'tea mock:a-mock:c',
      'tea mock:b-mock:c',
    ]);
    for (const result of report.results) {
      const record = result.pairwise as PairwiseRecord;
      expect(record.wins + record.ties + record.losses).toBe(2);
    }
    const votes = await votesOf(report.runId);
    expect(votes).toHaveLength(6);
    expect(votes.map((vote) => `${vote.promptId} ${vote.positionA}/${vote.positionB}`)).toEqual([
      'coffee 0/1',
      'coffee 0/2',
      'coffee 1/2',
      'tea 3/4',
      'tea 3/5',
      'tea 4/5',
    ]);
  });

  it('above 6 drafts a covering ring: 7 drafts, 14 pairs (not 21), every draft in 4 of them', async () => {
    const models = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => `mock:${name}`).join(',');
    const run = await cli(['--models', models, ...pairwise, '--concurrency', '4', '--json', topic]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('(blind, 14 pairs × 2 orders = 28 calls)');
    const report = JSON.parse(run.stdout) as PairwiseReport;
    expect(report.judgeCall.pairwise.pairs).toHaveLength(14);
    for (const result of report.results) {
      const record = result.pairwise as PairwiseRecord;
      expect(record.wins + record.ties + record.losses).toBe(4);
    }
  });

  it('a judge reply without the JSON asked for: those comparisons are errors, one warning, no votes, exit code of the comparison', async () => {
    const env = { OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'sk-pairwise-e2e-key-5151' };
    const run = await cli(['--models', 'mock:a,mock:b', '--judge', 'openai:judge-prose', '--judge-mode', 'pairwise', '--json', topic], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: the judge openai:judge-prose gave no verdict on 2 of 2 comparisons (BAD_RESPONSE:');
    const report = JSON.parse(run.stdout) as PairwiseReport;
    expect(report.judgeCall.status).toBe('error');
    expect(report.judgeCall.pairwise.pairs).toEqual([expect.objectContaining({ outcome: 'error', first: null, second: null })]);
    expect(report.judgeCall.pairwise.inconsistentRate).toBeNull();
    expect(await votesOf(report.runId)).toEqual([]);
    expect(run.stderr).not.toContain('sk-pairwise-e2e-key-5151');
  });

  it('a fenced reply amid Chinese prose is read: B wins in both orders means each side won once', async () => {
    const env = { OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: 'sk-pairwise-e2e-key-5151' };
    const run = await cli(
      ['--models', 'mock:a,mock:b', '--judge', 'openai:judge-fenced', '--judge-mode', 'pairwise', '--json', topic],
      env,
    );
    expect(run.code).toBe(0);
    const [pair] = (JSON.parse(run.stdout) as PairwiseReport).judgeCall.pairwise.pairs;
    // "B" every time: b when mock:b is shown second, a when it is shown first: the orders disagree
    expect(pair).toMatchObject({ first: 'b', second: 'a', outcome: 'tie', inconsistent: true });
  });

  it('--judge-mode without --judge, or an unknown mode, is a usage error (exit 2) naming the fix', async () => {
    const missing = await cli(['--models', 'mock:a,mock:b', '--judge-mode', 'pairwise', topic]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--judge-mode pairwise needs a judge: add --judge <model>');
    const unknown = await cli(['--models', 'mock:a,mock:b', '--judge', 'mock:j', '--judge-mode', 'elo', topic]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--judge-mode must be one of rubric, pairwise (got "elo")');
    const zh = await cli(['--lang', 'zh-CN', '--models', 'mock:a', '--judge-mode', 'pairwise', topic]);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('需要评审模型');
  });
});
