import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Leaderboard } from '../../src/commands/leaderboard/build-leaderboard.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import type { DuelOutcome, NewVote, VoteSource } from '../../src/store/verdicts.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// `leaderboard` over votes recorded through the store API on two real mock runs (latency and cost
// come from their history): human by default, --tag, --source judge|all, --json, zh-CN, 80 columns.

let cwd: string;
const home = () => path.join(cwd, 'home');
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(['leaderboard', ...args], { cwd, env: { WECHAT_WRITER_HOME: home(), WECHAT_WRITER_SEED: '42', ...env } });
const json = async (args: string[]) => JSON.parse((await cli([...args, '--json'])).stdout) as Leaderboard;
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));
const record = (board: Leaderboard, model: string) => {
  const row = [...board.models, ...board.tooFewVotes].find((entry) => entry.model === model);
  return row && `${row.wins}/${row.ties}/${row.losses}`;
};

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-leaderboard-'));
  const models = ['-m', 'mock:alpha,mock:beta,mock:gamma,mock:delta'];
  const prices = { WECHAT_WRITER_HOME: home(), WECHAT_WRITER_PRICES: '{"mock:alpha": {"input": 1, "output": 2}}' };
  await runCliInProcess([...models, '秋天的第一杯奶茶'], { cwd, env: prices });
  await runCliInProcess([...models, '周末咖啡'], { cwd, env: prices });
  const store = await openHistoryStore(home());
  try {
    const [second, first] = store.listRuns({ limit: 2 }).map((run) => run.id) as [number, number];
    const position = (model: string) => ['alpha', 'beta', 'gamma', 'delta'].indexOf(model);
    const votes = (runId: number, a: string, b: string, outcomes: DuelOutcome[], source: VoteSource = 'human'): NewVote[] =>
      outcomes.map((outcome) => ({
        runId,
        promptId: null,
        positionA: position(a),
        positionB: position(b),
        modelA: `mock:${a}`,
        modelB: `mock:${b}`,
        outcome,
        source,
        voter: source === 'human' ? 'alice' : 'mock:judge',
        inconsistent: false,
        createdAt: new Date().toISOString(),
      }));
    store.verdicts.addTags(first, null, ['标题']);
    store.verdicts.recordVotes([
      ...votes(first, 'alpha', 'beta', ['a', 'a', 'a', 'b']),
      ...votes(first, 'alpha', 'gamma', ['a', 'a', 'tie']),
      ...votes(first, 'beta', 'gamma', ['a', 'a', 'both-bad']),
      ...votes(first, 'gamma', 'delta', ['a']),
      ...votes(second, 'beta', 'alpha', ['a', 'a']),
      ...votes(second, 'gamma', 'beta', ['a']),
      ...votes(second, 'gamma', 'alpha', ['a', 'a', 'a', 'a', 'a', 'a'], 'judge'),
    ]);
  } finally {
    store.close();
  }
});

describe('leaderboard', () => {
  it('ranks the models from human votes only, with W/T/L, votes, latency and cost per 1,000 字', async () => {
    const board = await json([]);
    expect(board).toMatchObject({ source: 'human', tags: [], since: null, comparisons: 14 });
    expect(board.models.map((row) => row.model).sort()).toEqual(['mock:alpha', 'mock:beta', 'mock:gamma']);
    expect(board.tooFewVotes.map((row) => row.model)).toEqual(['mock:delta']);
    expect([record(board, 'mock:alpha'), record(board, 'mock:beta'), record(board, 'mock:gamma'), record(board, 'mock:delta')]).toEqual([
      '5/1/3',
      '5/1/4',
      '2/2/4',
      '0/0/1',
    ]);
    for (const row of board.models) {
      expect(row.low).toBeLessThanOrEqual(row.rating);
      expect(row.high).toBeGreaterThanOrEqual(row.rating);
      expect(typeof row.medianLatencyMs).toBe('number');
    }
    const ratings = board.models.map((row) => row.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    expect(board.models.find((row) => row.model === 'mock:alpha')?.costPer1000Chars).toBeGreaterThan(0);
    expect(board.models.find((row) => row.model === 'mock:beta')?.costPer1000Chars).toBeNull();
  });

  it('draws a table within 80 columns, with the models short of votes listed apart', async () => {
    const run = await cli([], { COLUMNS: '80' });
    expect(run.code).toBe(0);
    expect(widest(run.stdout)).toBeLessThanOrEqual(80);
    expect(run.stdout).toContain('Leaderboard: human votes and picks, 14 comparisons');
    for (const header of ['Model', 'Rating', '95% CI', 'W/T/L', 'Votes']) expect(run.stdout).toContain(header);
    expect(run.stdout).toMatch(/Too few comparisons to rank \(fewer than 5\):\n {2}mock:delta: 1 \(0\/0\/1 W\/T\/L\)/);
    const board = await json([]);
    const order = board.models.map((row) => run.stdout.indexOf(row.model));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const wide = await cli([], { COLUMNS: '160' });
    for (const header of ['p50', '/1k chars']) expect(wide.stdout).toContain(header);
  });

  it('filters by tag and keeps judge verdicts apart unless --source all', async () => {
    const tagged = await json(['--tag', '标题']);
    expect(tagged).toMatchObject({ tags: ['标题'], comparisons: 11 });
    expect(record(tagged, 'mock:alpha')).toBe('5/1/1');
    const judge = await json(['--source', 'judge']);
    expect(judge.comparisons).toBe(6);
    expect(judge.models.map((row) => row.model)).toEqual(['mock:gamma', 'mock:alpha']);
    const all = await json(['--source', 'all', '--since', '7d']);
    expect(all.comparisons).toBe(20);
    expect(all.since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('gives the same intervals for the same WECHAT_WRITER_SEED', async () => {
    expect((await cli(['--json'])).stdout).toBe((await cli(['--json'])).stdout);
  });

  it('says how to get votes when there are none, and when no model has enough', async () => {
    const none = await cli(['--tag', '长文']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No human votes and picks, tagged 长文 yet');
    for (const text of ['wechat-writer vote', 'wechat-writer pick <runId> <model>', '--judge-mode pairwise'])
      expect(none.stdout).toContain(text);
    expect(widest(none.stdout)).toBeLessThanOrEqual(80);
    const few = await cli(['--min-votes', '50']);
    expect(few.stdout).toContain('No model has 50 comparisons yet');
    expect(few.stdout).toContain('mock:alpha: 9 (5/1/3 W/T/L)');
    expect((await json(['--tag', '长文'])).models).toEqual([]);
  });

  it('refuses a bad --source, --min-votes or --since with exit 2', async () => {
    const source = await cli(['--source', 'robots']);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('Unknown --source "robots": use human, judge or all.');
    expect((await cli(['--min-votes', '0'])).code).toBe(2);
    expect((await cli(['--since', 'yesterday'])).code).toBe(2);
  });

  it('speaks Chinese, within 80 columns', async () => {
    const zh = { WECHAT_WRITER_LANG: 'zh-CN', COLUMNS: '80' };
    const run = await cli([], zh);
    expect(run.stdout).toContain('排行榜：人工投票和选稿，共 14 次比较');
    expect(run.stdout).toMatch(/模型.*评分.*95% 区间.*胜\/平\/负.*比较/);
    expect(run.stdout).toContain('比较次数不足 5 次，暂不排名：');
    expect(run.stdout).toContain('mock:delta：1 次（胜 0 / 平 0 / 负 1）');
    expect(widest(run.stdout)).toBeLessThanOrEqual(80);
    const none = await cli(['--tag', '长文', '--lang', 'zh'], {});
    expect(none.stdout).toContain('还没有人工投票和选稿，标签 长文。');
    expect(widest(none.stdout)).toBeLessThanOrEqual(80);
    const help = await cli(['--help'], zh);
    expect(help.stdout).toContain('根据你的投票给模型排名');
    expect(widest(help.stdout)).toBeLessThanOrEqual(100);
  });
});
