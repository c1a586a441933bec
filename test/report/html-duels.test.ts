import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { duelLine } from '../../src/report/duel-text.js';
import { duelsSection } from '../../src/report/html-duels.js';
import type { JsonReport, ReportVote } from '../../src/report/json-report.js';
import { markdownDuels } from '../../src/report/markdown-duels.js';

const vote = (overrides: Partial<ReportVote> = {}): ReportVote => ({
  id: 1,
  promptId: null,
  positionA: 0,
  positionB: 1,
  modelA: 'mock:alpha',
  modelB: 'mock:<beta>',
  outcome: 'a',
  source: 'human',
  voter: 'alice',
  inconsistent: false,
  createdAt: '2026-12-02T06:05:00.000Z',
  ...overrides,
});
const report = (extra: Partial<JsonReport>): JsonReport => ({
  version: 1,
  runId: 1,
  startedAt: '2026-12-02T06:00:00.000Z',
  prompt: { source: 'topic', chars: 4 },
  results: [],
  ...extra,
});

describe('duels in reports', () => {
  it('is empty for a run without tags, votes or picks', () => {
    expect(duelsSection(report({}))).toBe('');
    expect(markdownDuels(report({}))).toEqual([]);
  });

  it('shows who met whom, the outcome and who decided, escaped, the winner marked', () => {
    const html = duelsSection(
      report({
        tags: ['标题'],
        votes: [vote(), vote({ id: 2, outcome: 'b', source: 'judge', voter: 'mock:judge' }), vote({ id: 3, outcome: 'both-bad' })],
        picks: [{ id: 1, promptId: null, position: 0, model: 'mock:alpha', voter: 'bob', createdAt: '2026-12-02T06:06:00.000Z' }],
      }),
    );
    expect(html).toContain('<h2>Duels</h2>');
    expect(html).toContain('<td class="won"><strong>mock:alpha</strong></td><td>mock:&lt;beta&gt;</td><td>A won</td>');
    expect(html).toContain('<td class="won"><strong>mock:&lt;beta&gt;</strong></td><td>B won</td>');
    expect(html).toContain('<td>both bad (a tie)</td>');
    expect(html).toMatch(/<td>judge, mock:judge, \d\d-\d\d \d\d:\d\d<\/td>/);
    expect(html).toContain('<h2>Picks</h2>');
    expect(html).toContain('Tags: 标题');
    expect(html).not.toContain('<beta>');
  });

  it('adds the prompt column in a batch and speaks Chinese', () => {
    const html = runInLanguage('zh-CN', () =>
      duelsSection(report({ votes: [vote({ promptId: 'p1', outcome: 'tie', inconsistent: true, source: 'judge' })] })),
    );
    expect(html).toContain('<th>提示词</th><th>稿件 A</th><th>稿件 B</th><th>结果</th>');
    expect(html).toContain('<td>p1</td>');
    expect(html).toMatch(/评审模型，alice，\d\d-\d\d \d\d:\d\d；两种顺序的结论不一致/);
    expect(runInLanguage('zh-CN', () => duelLine(vote({ outcome: 'b' })))).toMatch(
      /^稿件 B mock:<beta> 胜过 稿件 A mock:alpha（人工，alice，\d\d-\d\d \d\d:\d\d）$/,
    );
  });

  it('lists duels and picks in the Markdown report, markup escaped', () => {
    const lines = markdownDuels(report({ votes: [vote()] }));
    expect(lines[0]).toBe('## Duels');
    expect(lines[2]).toMatch(/^- draft A mock:alpha beat draft B mock:\\<beta\\> \(human, alice, /);
  });
});
