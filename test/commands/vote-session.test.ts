import { describe, expect, it } from 'vitest';
import type { VoteKey } from '../../src/commands/vote/key-reader.js';
import { blindText, namesToHide } from '../../src/commands/vote/blind-text.js';
import { voteKeyOf } from '../../src/commands/vote/key-reader.js';
import { planDuels, type Duel, type DuelDraft } from '../../src/commands/vote/plan-duels.js';
import { runVoteSession, type VoteSessionOptions } from '../../src/commands/vote/vote-session.js';
import { renderVoteSummary } from '../../src/commands/vote/vote-summary.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { seededRandom } from '../../src/judge/judge-random.js';
import type { NewVote } from '../../src/store/verdicts.js';
import { displayWidth } from '../../src/ui/display-width.js';
import type { Screen } from '../../src/ui/terminal-screen.js';

const paragraph = (name: string, lines: number) =>
  Array.from({ length: lines }, (_, index) => `${name} 第 ${index + 1} 段：周末的咖啡馆总是坐满了人。`).join('\n\n');
const drafts: DuelDraft[] = ['alpha', 'beta', 'gamma', 'delta'].map((name, position) => ({
  position,
  model: `mock:${name}`,
  promptId: null,
  text: `# ${name} 的稿件\n\n${paragraph(name, position === 0 ? 20 : 3)}`,
}));

/** A screen of a fixed size that keeps every frame drawn. */
function fakeScreen(columns: number, rows: number) {
  const frames: string[][] = [];
  let closed = false;
  const screen: Screen = { size: () => ({ columns, rows }), draw: (lines) => frames.push([...lines]), close: () => (closed = true) };
  return { screen, frames, closed: () => closed };
}

async function* scripted(keys: readonly VoteKey[]): AsyncGenerator<VoteKey> {
  for (const key of keys) yield key;
}

function session(duels: readonly Duel[], keys: readonly VoteKey[], size: [number, number] = [120, 30]) {
  const votes: NewVote[] = [];
  const view = fakeScreen(...size);
  const options: VoteSessionOptions = {
    runId: 7,
    topic: '周末咖啡',
    voter: 'tester',
    duels,
    keys: scripted(keys),
    screen: view.screen,
    record: (vote) => votes.push(vote),
    currentDate: () => new Date('2026-12-02T06:00:00.000Z'),
    colorLevel: 0,
  };
  return { run: () => runVoteSession(options), votes, frames: view.frames };
}

describe('a vote session', () => {
  const duels = planDuels(drafts, seededRandom(11));

  it('records each vote with the models that were shown as A and B, after the shuffle', async () => {
    expect(duels).toHaveLength(4);
    const { run, votes, frames } = session(duels, ['a', 'n' as VoteKey, 'b', 'other', 't', 'other', 'x', 'other']);
    const result = await run();
    expect(result.ended).toBe('done');
    expect(votes.map((vote) => vote.outcome)).toEqual(['a', 'b', 'tie', 'both-bad']);
    votes.forEach((vote, index) => {
      const duel = duels[index]!;
      expect(vote).toEqual({
        runId: 7,
        promptId: null,
        positionA: duel.a.position,
        positionB: duel.b.position,
        modelA: duel.a.model,
        modelB: duel.b.model,
        outcome: vote.outcome,
        source: 'human',
        voter: 'tester',
        inconsistent: false,
        createdAt: '2026-12-02T06:00:00.000Z',
      });
    });
    // the first frame shows no model name; after the vote the names are revealed
    const first = frames[0]!.join('\n');
    expect(first).toContain('Duel 1 of 4 · run #7 · 周末咖啡');
    expect(first).toMatch(/Draft A\s+│ Draft B/);
    for (const draft of drafts) expect(first).not.toContain(draft.model);
    const reveal = frames[1]!.join('\n');
    expect(reveal).toContain('You voted: Draft A is better.');
    expect(reveal).toContain(`Draft A was ${duels[0]!.a.model}, Draft B was ${duels[0]!.b.model}.`);
    expect(frames.at(-1)!.join('\n')).toContain('Any key: finish');
    const summary = renderVoteSummary(result, 7, 'tester');
    expect(summary).toContain('Run #7, votes by tester: 4');
    expect(summary).toContain(`${duels[0]!.a.model} beat ${duels[0]!.b.model}`);
    expect(summary).toContain(`${duels[1]!.b.model} beat ${duels[1]!.a.model}`);
    expect(summary).toContain(`${duels[2]!.a.model} tied with ${duels[2]!.b.model}`);
  });

  it('skips without recording or revealing, and q quits keeping the votes given', async () => {
    const { run, votes, frames } = session(duels, ['s', 'b', 'other', 'q']);
    const result = await run();
    expect(result.ended).toBe('quit');
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ modelA: duels[1]!.a.model, modelB: duels[1]!.b.model, outcome: 'b' });
    expect(frames[1]!.join('\n')).toContain('Duel 2 of 4');
    for (const draft of drafts) expect(frames[1]!.join('\n')).not.toContain(draft.model);
    const summary = renderVoteSummary(result, 7, 'tester');
    expect(summary).toContain('skipped: 1');
    expect(summary).toContain('Duels left without a vote: 3. `wechat-writer vote 7`');
  });

  it('stops at Ctrl-C (and when the keys end) with the votes given', async () => {
    const interrupted = session(duels, ['a', 'other', 'interrupt']);
    const result = await interrupted.run();
    expect(result.ended).toBe('interrupted');
    expect(interrupted.votes).toHaveLength(1);
    expect(renderVoteSummary(result, 7, 'tester')).toContain('Interrupted: the votes given are kept.');
    const ended = session(duels, ['t']);
    expect((await ended.run()).ended).toBe('quit');
    expect(ended.votes).toHaveLength(1);
  });

  it('pages through a long draft: next, previous and line by line, each frame the height of the terminal', async () => {
    const long = duels.find((duel) => duel.a.model === 'mock:alpha' || duel.b.model === 'mock:alpha')!;
    const keys: VoteKey[] = ['next-page', 'next-page', 'previous-page', 'line-down', 'line-up', 'next-page', 'next-page', 'next-page', 's'];
    const { run, frames } = session([long], keys, [80, 20]);
    await run();
    expect(frames).toHaveLength(9);
    for (const frame of frames) {
      expect(frame).toHaveLength(20);
      for (const line of frame) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    }
    const where = frames.map((frame) => frame.at(-2)!);
    expect(where[0]).toMatch(/^Draft A · Lines 1–16 of 51 · space\/PgDn next · PgUp\/p back$/);
    expect(where[1]).toMatch(/^Draft A · Lines 17–32 of/);
    expect(where[2]).toMatch(/^Draft A \+ Draft B · Lines 33–48 of 51 /);
    expect(where[3]).toBe(where[1]);
    expect(where[4]).toMatch(/^Draft A · Lines 18–33 of/);
    expect(where[5]).toBe(where[1]);
    expect(where[6]).toBe(where[2]);
    // the last page is full: it ends at the last line, and going further stays there
    expect(where[7]).toMatch(/^Draft A \+ Draft B · Lines 36–51 of 51 /);
    expect(where[8]).toBe(where[7]);
    // stacked at 80 columns: draft A's label on the first page, draft B's further down
    expect(frames[0]![2]).toMatch(/^── Draft A ─+$/);
  });

  it('speaks Chinese: 稿件 A / 稿件 B, the keys, the reveal and the summary', async () => {
    await runInLanguage('zh-CN', async () => {
      const { run, frames } = session(duels.slice(0, 1), ['a', 'other'], [80, 24]);
      const result = await run();
      const first = frames[0]!.join('\n');
      expect(first).toContain('第 1/1 场对决 · 运行 #7 · 周末咖啡');
      expect(first).toContain('稿件 A');
      expect(first).toContain('a  A 更好 · b  B 更好 · t  平局 · x  都不好 · s  跳过 · q  退出');
      expect(frames[1]!.join('\n')).toContain(`你的投票：稿件 A 更好。稿件 A 是 ${duels[0]!.a.model}，稿件 B 是 ${duels[0]!.b.model}。`);
      expect(renderVoteSummary(result, 7, 'tester')).toContain(
        `运行 #7，tester 的投票：1 票\n  ${duels[0]!.a.model} 胜 ${duels[0]!.b.model}`,
      );
    });
  });

  it('reads the keys a terminal sends', () => {
    expect(voteKeyOf(' ', { name: 'space' })).toBe('next-page');
    expect(voteKeyOf(undefined, { name: 'pagedown' })).toBe('next-page');
    expect(voteKeyOf(undefined, { name: 'pageup' })).toBe('previous-page');
    expect(voteKeyOf('b', { name: 'b' })).toBe('b');
    expect(voteKeyOf('\u0003', { name: 'c', ctrl: true })).toBe('interrupt');
    expect(voteKeyOf('z', { name: 'z' })).toBe('other');
  });

  it('hides model names a draft writes about itself, so the duel stays blind', () => {
    const names = namesToHide(['mock:b', 'openai:gpt-4o', 'deepseek:deepseek-chat?temperature=1']);
    expect(names).toContain('gpt-4o');
    expect(names).not.toContain('b');
    expect(blindText('本文由模拟模型 mock:b 生成。I am GPT-4o, via openai:gpt-4o; deepseek-chat too.', names, '[模型]')).toBe(
      '本文由模拟模型 [模型] 生成。I am [模型], via [模型]; [模型] too.',
    );
  });
});
