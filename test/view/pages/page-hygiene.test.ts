import { describe, expect, it } from 'vitest';
import { languages } from '../../../src/i18n/language.js';
import { runInLanguage } from '../../../src/i18n/language.js';
import * as pages from '../../../src/view/pages/index.js';
import { englishLeaks } from '../../i18n/english-leaks.js';
import { startTags, textOf, unsafeParts } from './html-inspection.js';
import * as fixtures from './page-fixtures.js';

/** Every page the view renders, in one language. */
function everyPage(language: (typeof languages)[number]): Record<string, string> {
  return runInLanguage(language, () => {
    const context = (path: string) => fixtures.pageContext(language, path);
    return {
      runs: pages.renderRunsPage(fixtures.runsDocument(), context('/')),
      judged: pages.renderRunPage(fixtures.judgedRun(), context('/runs/21')),
      batch: pages.renderRunPage(fixtures.batchRun(), context('/runs/22')),
      write: pages.renderRunPage(fixtures.writeRun(), context('/runs/23')),
      vote: pages.renderVotePage(fixtures.judgedRun(), fixtures.duelsDocument(), context('/runs/21/vote')),
      leaderboard: pages.renderLeaderboardPage(fixtures.leaderboardDocument(), context('/leaderboard')),
      stats: pages.renderStatsPage(fixtures.statsDocument(), context('/stats')),
      providers: pages.renderProvidersPage(fixtures.providersDocument(), context('/providers')),
      notFound: pages.renderErrorPage(404, 'no run #99', context('/runs/99')),
      unauthorized: pages.renderErrorPage(401, 'token', context('/')),
    };
  });
}

describe.each(languages)('every view page in %s', (language) => {
  const rendered = Object.entries(everyPage(language));

  it.each(rendered)('%s: one deferred script and one stylesheet of our own, no inline script or style, nothing unsafe', (_name, html) => {
    const tags = startTags(html);
    const scripts = tags.filter((tag) => tag.name === 'script');
    expect(scripts).toEqual([{ name: 'script', attributes: { src: '/assets/view.js?v=test1234', defer: '' } }]);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    const stylesheets = tags.filter((tag) => tag.name === 'link' && tag.attributes.rel === 'stylesheet');
    expect(stylesheets.map((tag) => tag.attributes.href)).toEqual(['/assets/view.css?v=test1234']);
    expect(html).not.toMatch(/<[^>]*\sstyle=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(unsafeParts(html)).toEqual([]);
  });

  it.each(rendered)('%s: the page language, the nav and the language switch', (_name, html) => {
    expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
    for (const path of ['/', '/leaderboard', '/stats', '/providers']) expect(html).toContain(`href="${path}"`);
    const other = language === 'en' ? 'zh-CN' : 'en';
    expect(html).toMatch(new RegExp(`href="[^"]*lang=${other}"`));
    expect(html).toContain('id="live-indicator"');
    expect(html).toContain('<link rel="icon" href="data:,">');
  });
});

describe('the language switch', () => {
  it('keeps the path and query, sets lang and drops a token', () => {
    const html = runInLanguage('zh-CN', () =>
      pages.renderRunsPage(
        fixtures.runsDocument({ model: 'mock:alpha' }),
        fixtures.pageContext('zh-CN', '/?model=mock%3Aalpha&token=secret&lang=zh-CN'),
      ),
    );
    expect(html).toContain('href="/?model=mock%3Aalpha&amp;lang=en"');
    expect(html).not.toContain('secret');
  });
});

describe('the Chinese pages', () => {
  it('show no English sentence of their own (model ids, numbers and names aside)', () => {
    const { judged: _hostileDrafts, unauthorized: _bilingual, ...rendered } = everyPage('zh-CN');
    const leaks = Object.entries(rendered).flatMap(([name, html]) =>
      englishLeaks(textOf(html.replace(/<pre class="raw">[\s\S]*?<\/pre>/g, '').replace(/data-texts="[^"]*"/, ''))).map(
        (leak) => `${name}: ${leak}`,
      ),
    );
    expect(leaks).toEqual([]);
  });
});
