import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../../src/i18n/language.js';
import { renderVotePage } from '../../../src/view/pages/index.js';
import { startTags, textOf, unsafeParts } from './html-inspection.js';
import { duelsDocument, judgedRun, pageContext } from './page-fixtures.js';

const render = (language: 'en' | 'zh-CN', duels = duelsDocument()) =>
  runInLanguage(language, () => renderVotePage(judgedRun(), duels, pageContext(language, '/runs/21/vote')));

describe('the blind duel page', () => {
  it('shows 稿件 A and 稿件 B side by side with the four choices, and no model name anywhere before the vote', () => {
    const html = render('zh-CN');
    expect(html).not.toMatch(/mock:(alpha|beta|gamma|judge)/);
    expect(html).not.toMatch(/\b(alpha|beta|gamma)\b/);
    const text = textOf(html);
    expect(text).toContain('稿件 A');
    expect(text).toContain('稿件 B');
    expect(text).toContain('第 1 场，共 2 场');
    for (const choice of ['A 更好', 'B 更好', '平局', '都不好']) expect(text).toContain(choice);
    const tags = startTags(html);
    expect(tags.filter((tag) => tag.name === 'button' && tag.attributes['data-vote']).map((tag) => tag.attributes['data-vote'])).toEqual([
      'a',
      'b',
      'tie',
      'both-bad',
      'a',
      'b',
      'tie',
      'both-bad',
    ]);
    const duels = tags.filter((tag) => tag.name === 'section' && tag.attributes.class === 'duel');
    expect(duels.map((tag) => [tag.attributes['data-a'], tag.attributes['data-b'], 'hidden' in tag.attributes])).toEqual([
      ['1', '0', false],
      ['0', '2', true],
    ]);
    expect(tags.filter((tag) => tag.name === 'article').map((tag) => tag.attributes['data-side'])).toEqual(['a', 'b', 'a', 'b']);
    expect(html).toContain('<p class="reveal" hidden></p>');
    const picks = tags.filter((tag) => tag.name === 'button' && 'data-pick' in tag.attributes);
    expect(picks).toHaveLength(4);
    expect(picks.every((tag) => 'hidden' in tag.attributes && !('data-model' in tag.attributes))).toBe(true);
    expect(html).toContain('data-action="next-duel" hidden');
    expect(html).toMatch(/<section class="duels-done" hidden>[\s\S]*href="\/leaderboard"/);
  });

  it('says the same in English, and renders the drafts inert', () => {
    const html = render('en');
    const text = textOf(html);
    for (const words of ['Blind duels · run #21', 'Draft A', 'Draft B', 'A is better', 'B is better', 'Tie', 'Both bad', 'Duel 2 of 2'])
      expect(text).toContain(words);
    expect(unsafeParts(html)).toEqual([]);
  });

  it('names the prompt of a batch duel', () => {
    const duels = duelsDocument();
    duels.duels[0] = { ...duels.duels[0]!, promptId: 'coffee' };
    expect(textOf(render('en', duels))).toContain('Duel 1 of 2 · prompt coffee');
    expect(render('en', duels)).toContain('data-prompt-id="coffee"');
  });

  it('says why there is nothing to vote on, with the way back to the run', () => {
    const html = render('en', { version: 1, runId: 21, duels: [], reason: 'run #21 has no prompt with two successful drafts' });
    expect(textOf(html)).toContain('run #21 has no prompt with two successful drafts');
    expect(html).toContain('href="/runs/21"');
    expect(html).not.toContain('data-vote');
    expect(textOf(render('zh-CN', { version: 1, runId: 21, duels: [], reason: null }))).toContain('这次运行没有可以投票的对决');
  });
});
