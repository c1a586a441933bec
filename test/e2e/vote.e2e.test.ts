import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VoteKey } from '../../src/commands/vote/key-reader.js';
import type { VoteDeps } from '../../src/commands/vote/run-vote.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { displayWidth } from '../../src/ui/display-width.js';
import type { Screen } from '../../src/ui/terminal-screen.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
let home: string;

const cli = (args: string[], deps?: Parameters<typeof runCliInProcess>[1]['deps'], env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: home, WECHAT_WRITER_SEED: '5', ...env }, deps });

/** Scripted keys and a screen of a fixed size keeping every frame: a terminal the test drives. */
function terminal(keys: readonly VoteKey[], columns = 120, rows = 30): { deps: VoteDeps; frames: string[][] } {
  const frames: string[][] = [];
  const screen: Screen = { size: () => ({ columns, rows }), draw: (lines) => frames.push([...lines]), close: () => {} };
  async function* scripted() {
    yield* keys;
  }
  return { deps: { keys: scripted, screen: () => screen }, frames };
}

async function stored(runId: number) {
  const store = await openHistoryStore(home);
  try {
    return { votes: store.verdicts.votesOf(runId), run: store.getRun(runId)! };
  } finally {
    store.close();
  }
}

const revealed = (frame: string[]) => /Draft A was (\S+), Draft B was (\S+)\./.exec(frame.join('\n'))?.slice(1, 3);

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-vote-'));
  home = path.join(cwd, 'home');
  expect((await cli(['--models', 'mock:a,mock:b,mock:c,mock:d', '周末咖啡'])).code).toBe(0);
  // a later run with one draft only: not the default run to vote on
  expect((await cli(['--models', 'mock:a', '一个人的稿件'])).code).toBe(0);
});

describe('wechat-writer vote', () => {
  it('runs every duel of the last run with two drafts and records each vote with the right models', async () => {
    const { deps, frames } = terminal(['a', 'other', 'b', 'other', 't', 'other', 'x', 'other']);
    const result = await cli(['vote', '--voter', 'alice'], { vote: deps });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { votes, run } = await stored(1);
    expect(votes.map((vote) => [vote.outcome, vote.voter, vote.source])).toEqual([
      ['a', 'alice', 'human'],
      ['b', 'alice', 'human'],
      ['tie', 'alice', 'human'],
      ['both-bad', 'alice', 'human'],
    ]);
    // 4 drafts: a cycle of 4 duels, each draft in two
    const count = new Map<string, number>();
    for (const vote of votes) for (const model of [vote.modelA, vote.modelB]) count.set(model, (count.get(model) ?? 0) + 1);
    expect(Object.fromEntries(count)).toEqual({ 'mock:a': 2, 'mock:b': 2, 'mock:c': 2, 'mock:d': 2 });
    const duelFrames = frames.filter((frame) => !revealed(frame));
    const revealFrames = frames.filter((frame) => revealed(frame));
    expect(revealFrames.map(revealed)).toEqual(votes.map((vote) => [vote.modelA, vote.modelB]));
    votes.forEach((vote, index) => {
      const frame = duelFrames[index]!;
      expect(frame[0]).toContain(`Duel ${index + 1} of 4 · run #1 · 周末咖啡`);
      for (const model of ['mock:a', 'mock:b', 'mock:c', 'mock:d']) expect(frame.join('\n')).not.toContain(model);
      // the draft shown on the left is the one stored as A, at the position stored
      const textOf = (position: number) => run.results[position]!.text!;
      expect(run.results[vote.positionA]!.model).toBe(vote.modelA);
      expect(run.results[vote.positionB]!.model).toBe(vote.modelB);
      const titleA = textOf(vote.positionA).split('\n')[0]!;
      const titleB = textOf(vote.positionB).split('\n')[0]!;
      const firstLine = frame[4]!;
      expect(firstLine.startsWith(titleA.slice(0, 10)), firstLine).toBe(true);
      expect(firstLine.split('│')[1]?.trim().startsWith(titleB.slice(0, 10)), firstLine).toBe(true);
      for (const line of frame) expect(displayWidth(line)).toBeLessThanOrEqual(120);
    });
    expect(result.stdout).toContain('Run #1, votes by alice: 4');
    expect(result.stdout).toContain(`${votes[0]!.modelA} beat ${votes[0]!.modelB}`);
  });

  it('lets a run be voted on again, by another voter, and keeps the votes given before q', async () => {
    const { deps } = terminal(['s', 'b', 'other', 'q']);
    const result = await cli(['vote', '1', '--voter', 'bob'], { vote: deps });
    expect(result.code).toBe(0);
    const { votes } = await stored(1);
    expect(votes.filter((vote) => vote.voter === 'bob').map((vote) => vote.outcome)).toEqual(['b']);
    expect(votes.filter((vote) => vote.voter === 'alice')).toHaveLength(4);
    expect(result.stdout).toContain('skipped: 1');
    expect(result.stdout).toContain('Duels left without a vote: 3');
  });

  it('exits 130 on Ctrl-C with the votes given kept', async () => {
    const { deps } = terminal(['t', 'other', 'interrupt']);
    const result = await cli(['vote', '--voter', 'carol'], { vote: deps });
    expect(result.code).toBe(130);
    expect((await stored(1)).votes.filter((vote) => vote.voter === 'carol').map((vote) => vote.outcome)).toEqual(['tie']);
    expect(result.stdout).toContain('Interrupted: the votes given are kept.');
  });

  it('needs a terminal: exit 2 and one line pointing to pick, in either language', async () => {
    const english = await cli(['vote']);
    expect(english.code).toBe(2);
    expect(english.stdout).toBe('');
    expect(english.stderr.trim().split('\n')).toHaveLength(1);
    expect(english.stderr).toContain('vote needs a terminal');
    expect(english.stderr).toContain('wechat-writer pick');
    const chinese = await cli(['vote', '--lang', 'zh']);
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain('vote 需要在终端中运行');
  });

  it('says why a run cannot be voted on', async () => {
    const { deps } = terminal([]);
    const single = await cli(['vote', '2'], { vote: deps });
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('run #2 has no prompt with two successful drafts');
    const missing = await cli(['vote', '99'], { vote: deps });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no run "99"');
  });

  it('shows the duels in Chinese at 80 columns, one draft after the other', async () => {
    const { deps, frames } = terminal(['a', 'other', 'q'], 80, 24);
    const result = await cli(['vote', '1', '--voter', 'dan', '--lang', 'zh'], { vote: deps });
    expect(result.code).toBe(0);
    expect(frames[0]![0]).toContain('第 1/4 场对决 · 运行 #1 · 周末咖啡');
    expect(frames[0]![2]).toMatch(/^── 稿件 A ─+$/);
    expect(frames[0]!.at(-2)).toMatch(/^稿件 A \+ 稿件 B · 第 1–20 行，共 \d+ 行 · 空格\/PgDn 下一页/);
    expect(frames[0]).toHaveLength(24);
    for (const line of frames[0]!) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(frames[0]!.at(-1)).toContain('a  A 更好');
    expect(frames[1]!.join('\n')).toMatch(/你的投票：稿件 A 更好。稿件 A 是 mock:\w，稿件 B 是 mock:\w。/);
    expect(result.stdout).toContain('运行 #1，dan 的投票：1 票');
  });
});

describe('a batch', () => {
  it('has duels for every prompt with two drafts, or one prompt with --prompt-id', async () => {
    writeFileSync(path.join(cwd, 'week.jsonl'), '{"id":"p1","prompt":"写周一的咖啡"}\n{"id":"p2","prompt":"写周二的茶"}\n');
    const batch = await cli(['--prompts', 'week.jsonl', '--models', 'mock:a,mock:b,mock:c']);
    expect(batch.code).toBe(0);
    const all = terminal(['s', 's', 's', 's', 's', 's']);
    expect((await cli(['vote', '3', '--voter', 'erin'], { vote: all.deps })).code).toBe(0);
    expect(all.frames.map((frame) => /prompt (p\d)/.exec(frame[0]!)?.[1])).toEqual(['p1', 'p1', 'p1', 'p2', 'p2', 'p2']);
    const one = terminal(['b', 'other', 'q']);
    expect((await cli(['vote', '3', '--voter', 'erin', '--prompt-id', 'p2'], { vote: one.deps })).code).toBe(0);
    const [vote] = (await stored(3)).votes;
    expect(vote).toMatchObject({ promptId: 'p2', outcome: 'b' });
    const { run } = await stored(3);
    expect(run.results[vote!.positionA]).toMatchObject({ model: vote!.modelA, promptId: 'p2' });
    expect(run.results[vote!.positionB]).toMatchObject({ model: vote!.modelB, promptId: 'p2' });
    const unknown = await cli(['vote', '3', '--prompt-id', 'p9'], { vote: one.deps });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('prompts to vote on: p1, p2');
  });
});

describe('--vote on a comparison', () => {
  it('starts the duels on the run just made, after its table', async () => {
    const { deps, frames } = terminal(['a', 'other']);
    const result = await cli(['--models', 'mock:a,mock:b', '--vote', '写一篇关于秋天的推文'], { compare: { vote: deps } });
    expect(result.code).toBe(0);
    expect(frames[0]![0]).toMatch(/Duel 1 of 1 · run #\d+/);
    const runId = Number(/run #(\d+)/.exec(frames[0]![0]!)![1]);
    expect((await stored(runId)).votes).toHaveLength(1);
    expect(result.stdout).toMatch(/mock:a[\s\S]*Run #\d+, votes by /);
  });

  it('without a terminal: one warning line and nothing else', async () => {
    const result = await cli(['--models', 'mock:a,mock:b', '--vote', '写一篇关于冬天的推文']);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('--vote'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/--vote needs a terminal, so no duels now; vote later with `wechat-writer vote \d+`/);
    expect(result.stdout).not.toContain('Duel');
  });
});
