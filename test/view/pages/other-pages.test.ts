import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../../src/i18n/language.js';
import { renderErrorPage, renderLeaderboardPage, renderProvidersPage, renderStatsPage } from '../../../src/view/pages/index.js';
import { startTags, textOf } from './html-inspection.js';
import { leaderboardDocument, pageContext, providersDocument, statsDocument } from './page-fixtures.js';

const cellsOf = (html: string, row: string) => {
  const match = new RegExp(`<tr data-model="${row}">([\\s\\S]*?)</tr>`).exec(html);
  return Object.fromEntries([...(match?.[1] ?? '').matchAll(/data-field="(\w+)">([^<]*)</g)].map((cell) => [cell[1], cell[2]]));
};

describe('the leaderboard page', () => {
  it('ranks the models with their ratings, 95% intervals drawn on one scale, records and figures', () => {
    const html = runInLanguage('zh-CN', () => renderLeaderboardPage(leaderboardDocument(), pageContext('zh-CN', '/leaderboard')));
    expect(html).toContain('<table class="metrics leaderboard stacked">');
    expect(html).toMatch(/<td data-label="胜" class="number" data-field="wins">6<\/td>/);
    expect(cellsOf(html, 'mock:alpha')).toEqual({
      rating: '1080.4',
      low: '1010.2',
      high: '1150.9',
      wins: '6',
      ties: '1',
      losses: '2',
      votes: '9',
      latency: '1.20 s',
      per1000: '$0.00300',
    });
    expect(cellsOf(html, 'mock:gamma').votes).toBe('1');
    const text = textOf(html);
    expect(text).toContain('排行榜');
    expect(text).toContain('票数太少，暂不排名');
    expect(text).toContain('共 9 次比较');
    const ranges = startTags(html).filter((tag) => tag.name === 'line' && tag.attributes.class === 'interval-range');
    expect(ranges).toHaveLength(3);
    // one shared scale: the lowest low starts at the left end, the highest high ends at the right end
    expect(ranges.map((tag) => Number(tag.attributes.x1))).toContain(6);
    expect(ranges.map((tag) => Number(tag.attributes.x2))).toContain(154);
    const alpha = ranges[0]!.attributes;
    expect(Number(alpha.x1)).toBeLessThan(Number(alpha.x2));
  });

  it('filters by source and tag with a GET form, in English too', () => {
    const document = { ...leaderboardDocument(), source: 'judge' as const, tags: ['短文'] };
    const html = runInLanguage('en', () =>
      renderLeaderboardPage(document, pageContext('en', '/leaderboard?source=judge&tag=%E7%9F%AD%E6%96%87')),
    );
    const tags = startTags(html);
    expect(tags.find((tag) => tag.name === 'form')?.attributes).toMatchObject({ method: 'get', action: '/leaderboard' });
    expect(tags.find((tag) => tag.name === 'option' && 'selected' in tag.attributes)?.attributes.value).toBe('judge');
    expect(tags.find((tag) => tag.name === 'input' && tag.attributes.name === 'tag')?.attributes.value).toBe('短文');
    expect(textOf(html)).toContain('Too few votes to rank');
  });

  it('says how to get ratings when there are no votes', () => {
    const empty = { ...leaderboardDocument(), comparisons: 0, models: [], tooFewVotes: [] };
    expect(textOf(runInLanguage('en', () => renderLeaderboardPage(empty, pageContext('en', '/leaderboard'))))).toContain('No votes yet');
  });
});

describe('the stats page', () => {
  const render = (language: 'en' | 'zh-CN', path = '/stats?since=7d') =>
    runInLanguage(language, () => renderStatsPage(statsDocument(), pageContext(language, path)));

  it('has the per-group table: calls, success rate, p50/p95 latency, TTFT, tokens, cost', () => {
    const text = textOf(render('zh-CN'));
    for (const words of [
      '调用',
      '成功率',
      'p50',
      'p95',
      '首字耗时',
      '输入',
      '输出',
      '费用',
      'mock:alpha',
      '91.7%',
      '1.20 s',
      '3.40 s',
      '210 ms',
      '34,000',
      '$0.0420',
    ])
      expect(text).toContain(words);
    expect(text).toContain('服务商健康状况与冷却');
  });

  it('draws a 7-day trend as inline SVG: a bar per day (the missing day as none), a line broken where no latency is known', () => {
    const html = render('en');
    const figures = [...html.matchAll(/<figure class="chart-figure" data-chart="(\w+)">([\s\S]*?)<\/figure>/g)];
    expect(figures.map((figure) => figure[1])).toEqual(['calls', 'latency', 'cost']);
    const calls = figures[0]?.[2] ?? '';
    const days = [...calls.matchAll(/data-day="([\d-]+)"/g)].map((match) => match[1]);
    expect(days).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(calls).toMatch(/<g class="chart-day" data-day="2026-11-27"><\/g>/);
    const heights = [...calls.matchAll(/class="chart-bar series-0"[^>]*height="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(heights).toHaveLength(6);
    expect(heights).toEqual([...heights].sort((left, right) => left - right));
    expect(calls.match(/series-1/g)).toHaveLength(6);
    const latency = figures[1]?.[2] ?? '';
    expect(latency.match(/<polyline/g)).toHaveLength(2);
    expect(latency.match(/<circle/g)).toHaveLength(5);
    expect(html).toMatch(/<svg [^>]*role="img" aria-label="Calls per day \(failed in red\)"/);
    expect(html).not.toMatch(/<[^>]*\sstyle=/);
  });

  it('switches grouping and period with links that keep the other choice', () => {
    const html = render('en');
    expect(html).toContain('href="/stats?by=provider&amp;since=7d"');
    expect(html).toContain('href="/stats?by=model&amp;since=30d"');
    expect(html).toMatch(/<a href="\/stats\?by=model&amp;since=7d" class="current"/);
    expect(html).toContain('href="/providers"');
  });

  it('says when no call is recorded', () => {
    const html = runInLanguage('en', () => renderStatsPage({ ...statsDocument(), groups: [], trend: [] }, pageContext('en', '/stats')));
    expect(textOf(html)).toContain('No calls recorded in this period.');
    expect(html).not.toContain('<svg');
  });
});

describe('the providers page', () => {
  it('shows each provider’s key status, health, recent calls, rest and limits, never a key or an address', () => {
    const html = runInLanguage('zh-CN', () => renderProvidersPage(providersDocument(), pageContext('zh-CN', '/providers')));
    const text = textOf(html);
    for (const words of [
      '服务商',
      'deepseek',
      'DeepSeek',
      'deepseek-chat',
      '已配置密钥',
      'resting until 10:05',
      '成功 17/20（85.0%）',
      'key 1: 3/5/min',
      '不需要',
      '这里从不显示密钥和接口地址',
    ])
      expect(text).toContain(words);
    expect(html).toMatch(/<tr data-provider="openai" data-state="ok">[\s\S]*?<td data-label="已配置密钥" class="error">否<\/td>/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    expect(html).toMatch(/<time datetime="2026-12-01T10:05:00.000Z">/);
  });
});

describe('the error page', () => {
  it('401 tells in both languages to open the URL with the token the terminal printed', () => {
    const html = runInLanguage('en', () => renderErrorPage(401, 'missing token', pageContext('en', '/')));
    const text = textOf(html);
    expect(text).toContain('Error 401');
    expect(text).toContain('?token=');
    expect(text).toContain('请打开 `wechat-writer view` 在终端里打印的带 ?token=… 的网址');
    expect(text).toContain('open the URL with ?token=… that `wechat-writer view` printed in the terminal');
  });

  it('404 says what was not found and links back to the runs', () => {
    const html = runInLanguage('zh-CN', () => renderErrorPage(404, '没有编号为 99 的运行', pageContext('zh-CN', '/runs/99')));
    const text = textOf(html);
    expect(text).toContain('错误 404');
    expect(text).toContain('没有编号为 99 的运行');
    expect(text).toContain('返回运行记录');
    expect(html).toContain('<body data-page="error"');
  });
});
