import { describe, expect, it } from 'vitest';
import { buildPairwisePrompt, readPairwisePrompt } from '../../src/judge/build-pairwise-prompt.js';
import { choosePairs, combineOrders, inconsistentRate, tallyRecords, verdictOf } from '../../src/judge/choose-pairs.js';
import { parseJudgeMode } from '../../src/judge/judge-mode.js';
import { judgeNote, pairwiseNote } from '../../src/judge/judge-note.js';
import { formatJudgeCell, hasJudgeCell } from '../../src/judge/judge-score.js';
import type { JudgeCall } from '../../src/judge/judge-score.js';
import type { PairwisePair } from '../../src/judge/pairwise-types.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { readMarkedKind, readRequestKind } from '../../src/pipeline/request-marker.js';
import { readStagePrompt } from '../../src/pipeline/stage-prompts.js';
import { buildMockPairVerdict } from '../../src/providers/wire-formats/mock/mock-pair-verdict.js';
import { buildMockReply } from '../../src/providers/wire-formats/mock/mock-replies.js';
import { buildMockArticle } from '../../src/providers/wire-formats/mock/mock-text.js';

const pair = (
  modelA: string,
  modelB: string,
  first: PairwisePair['first'],
  second: PairwisePair['second'],
  promptId?: string,
): PairwisePair => ({
  ...(promptId ? { promptId } : {}),
  modelA,
  modelB,
  first,
  second,
  ...combineOrders(first, second),
  reasons: [null, null],
  error: null,
});

describe('which pairs', () => {
  it('every pair up to 6 drafts', () => {
    expect(choosePairs(0)).toEqual([]);
    expect(choosePairs(1)).toEqual([]);
    expect(choosePairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(choosePairs(6)).toHaveLength(15);
  });

  it('above 6: a ring of i with i+1 and i+2, 2n pairs, every draft in 4, all connected', () => {
    for (const count of [7, 8, 12, 30]) {
      const pairs = choosePairs(count);
      expect(pairs).toHaveLength(2 * count);
      expect(new Set(pairs.map((entry) => entry.join('/'))).size).toBe(pairs.length);
      for (let draft = 0; draft < count; draft += 1) expect(pairs.filter((entry) => entry.includes(draft))).toHaveLength(4);
      expect(pairs.every(([a, b]) => a < b)).toBe(true);
      const reached = new Set([0]);
      for (let round = 0; round < count; round += 1) {
        for (const [a, b] of pairs) if (reached.has(a) || reached.has(b)) (reached.add(a), reached.add(b));
      }
      expect(reached.size).toBe(count);
    }
  });
});

describe('combining the two orders', () => {
  it('agreement keeps the verdict; disagreement (a win against a tie too) is an inconsistent tie; a missing order is an error', () => {
    expect(combineOrders('a', 'a')).toEqual({ outcome: 'a', inconsistent: false });
    expect(combineOrders('tie', 'tie')).toEqual({ outcome: 'tie', inconsistent: false });
    expect(combineOrders('a', 'b')).toEqual({ outcome: 'tie', inconsistent: true });
    expect(combineOrders('b', 'tie')).toEqual({ outcome: 'tie', inconsistent: true });
    expect(combineOrders(null, 'a')).toEqual({ outcome: 'error', inconsistent: false });
  });

  it('reads the shown label back to the pair: "A" in the swapped order is modelB', () => {
    expect(verdictOf('A', true)).toBe('a');
    expect(verdictOf('A', false)).toBe('b');
    expect(verdictOf('B', false)).toBe('a');
    expect(verdictOf('tie', false)).toBe('tie');
  });

  it('tallies wins, ties and losses per prompt and model, and the rate over answered pairs', () => {
    const pairs = [pair('x', 'y', 'a', 'a'), pair('x', 'z', 'a', 'b'), pair('y', 'z', null, 'a'), pair('x', 'y', 'b', 'b', 'p2')];
    const records = tallyRecords(pairs);
    expect(records.get('/x')).toEqual({ wins: 1, ties: 1, losses: 0 });
    expect(records.get('/y')).toEqual({ wins: 0, ties: 0, losses: 1 });
    expect(records.get('/z')).toEqual({ wins: 0, ties: 1, losses: 0 });
    expect(records.get('p2/y')).toEqual({ wins: 1, ties: 0, losses: 0 });
    expect(inconsistentRate(pairs)).toBeCloseTo(1 / 3, 4);
    expect(inconsistentRate([pair('x', 'y', null, null)])).toBeNull();
  });
});

describe('the pairwise request and the mock judge', () => {
  const first = buildMockArticle('a', '「冬季咖啡」');
  const second = buildMockArticle('b', '「冬季咖啡」');

  it('is marked judge-pair, shows only the two texts as 稿件 A and B, and reads back', () => {
    const request = buildPairwisePrompt('为咖啡店写推文', first, second);
    expect(readMarkedKind(request.prompt)).toBe('judge-pair');
    expect(readRequestKind(request.prompt)).toBeNull();
    expect(readStagePrompt(request.prompt)).toBeNull();
    expect(request.prompt).toContain('{"winner": "A", "reason"');
    expect(readPairwisePrompt(request.prompt)).toEqual({ a: first.trim(), b: second.trim() });
    expect(readPairwisePrompt('写一篇推文')).toBeNull();
  });

  it('answers deterministically: identical drafts tie, close drafts go to the first shown, a clear gap to the better', () => {
    expect(JSON.parse(buildMockPairVerdict(first, first)).winner).toBe('tie');
    const weak = '没有标题的一段很长的文字'.repeat(30);
    expect(JSON.parse(buildMockPairVerdict(weak, first)).winner).toBe('B');
    expect(JSON.parse(buildMockPairVerdict(first, weak)).winner).toBe('A');
    const close = `${first}\n\n补一句。`;
    expect(JSON.parse(buildMockPairVerdict(first, close)).winner).toBe('A');
    expect(JSON.parse(buildMockPairVerdict(close, first)).winner).toBe('A');
    const reply = buildMockReply('j', buildPairwisePrompt('brief', weak, first).prompt);
    expect(reply).toBe(buildMockReply('j', buildPairwisePrompt('brief', weak, first).prompt));
    expect(JSON.parse(reply).winner).toBe('B');
  });
});

describe('mode, cells and notes', () => {
  it('--judge-mode: rubric by default; pairwise needs --judge; unknown modes are refused', () => {
    expect(parseJudgeMode(undefined, undefined)).toBe('rubric');
    expect(parseJudgeMode('Pairwise', 'mock:j')).toBe('pairwise');
    expect(() => parseJudgeMode('pairwise', undefined)).toThrow(/needs a judge: add --judge <model>/);
    expect(() => parseJudgeMode('elo', 'mock:j')).toThrow(/must be one of rubric, pairwise/);
  });

  it('the Judge cell shows the record in place of the score', () => {
    expect(formatJudgeCell({ pairwise: { wins: 2, ties: 1, losses: 0 } })).toBe('2W 1T 0L');
    expect(runInLanguage('zh-CN', () => formatJudgeCell({ pairwise: { wins: 2, ties: 1, losses: 0 } }))).toBe('2胜 1平 0负');
    expect(formatJudgeCell({ pairwise: null })).toBe('—');
    expect(hasJudgeCell({ pairwise: null })).toBe(true);
    expect(hasJudgeCell({})).toBe(false);
  });

  const call = (pairs: PairwisePair[], status: JudgeCall['status'] = 'ok'): JudgeCall => ({
    model: 'mock:j',
    servedBy: 'mock:j',
    status,
    labels: {},
    usage: emptyUsage(),
    latencyMs: 12,
    costUsd: null,
    attempts: pairs.length * 2,
    requestId: null,
    error: null,
    pairwise: { judge: 'mock:j', pairs, inconsistentRate: inconsistentRate(pairs) },
  });

  it('one line with the position-bias rate, in both languages, and unanswered pairs named', () => {
    const pairs = [
      pair('x', 'y', 'a', 'b'),
      pair('x', 'z', 'a', 'a'),
      pair('y', 'z', 'b', 'b'),
      pair('w', 'x', 'a', 'b'),
      pair('w', 'y', 'tie', 'tie'),
      pair('w', 'z', 'a', 'a'),
    ];
    expect(pairwiseNote(call(pairs))).toBe('pairwise judge mock:j: 6 pairs, 2 disagreed between orders (33 %) → counted as ties');
    expect(runInLanguage('zh-CN', () => pairwiseNote(call(pairs)))).toBe(
      '成对评审 mock:j：6 组，其中 2 组交换顺序后结论不同（33 %），计为平局',
    );
    expect(pairwiseNote(call([pair('x', 'y', 'a', 'a'), pair('x', 'z', null, 'a')]))).toBe(
      'pairwise judge mock:j: 1 pair, 0 disagreed between orders (0 %) → counted as a tie; 1 more without a verdict',
    );
    expect(judgeNote(call(pairs), [])?.split('\n')).toHaveLength(2);
    expect(judgeNote(call([], 'skipped'), [])).toBe('Pairwise judge mock:j: nothing to compare (no prompt has two drafts)');
    expect(pairwiseNote({ ...call([]), pairwise: undefined })).toBeNull();
  });
});
