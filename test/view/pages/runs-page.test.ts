import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../../src/i18n/language.js';
import { renderRunsPage } from '../../../src/view/pages/index.js';
import { startTags, textOf, unsafeParts } from './html-inspection.js';
import { pageContext, runsDocument } from './page-fixtures.js';

const render = (language: 'en' | 'zh-CN', document = runsDocument(), path = '/') =>
  runInLanguage(language, () => renderRunsPage(document, pageContext(language, path)));

const rowIds = (html: string) =>
  startTags(html).flatMap((tag) => (tag.name === 'tr' && tag.attributes['data-run-id'] ? [Number(tag.attributes['data-run-id'])] : []));

describe('the runs page', () => {
  it('lists the runs newest first, each with its link, topic, models, status, cost and 字数 (zh-CN)', () => {
    const html = render('zh-CN');
    expect(rowIds(html)).toEqual([14, 13, 12, 11]);
    for (const id of [14, 13, 12, 11]) expect(html).toContain(`<a href="/runs/${id}">#${id}</a>`);
    const text = textOf(html);
    expect(text).toContain('运行记录');
    expect(text).toContain('秋天的第一杯奶茶');
    expect(text).toContain('mock:writer?fail=1');
    expect(text).toContain('成功 5/6');
    expect(text).toContain('失败 1');
    expect(text).toContain('$0.0123');
    expect(text).toContain('1,180');
    expect(text).toContain('批量');
    expect(text).toContain('写作');
    expect(text).toContain('重跑自 #11');
    expect(html).toContain('<table class="runs">');
    expect(html).toContain('<section id="runs-list"');
  });

  it('says the same in English', () => {
    const text = textOf(render('en', runsDocument({}, true)));
    for (const words of ['Runs', 'Search drafts and prompts', '5/6 ok', '1 failed', 'batch', 'write', 'rerun of #11', 'Older →'])
      expect(text).toContain(words);
    expect(text).not.toContain('运行记录');
  });

  it('has a GET search form with the model, tag and kind filters, keeping what was asked', () => {
    const document = runsDocument({ search: '咖啡', model: 'mock:beta', tag: '短文', kind: 'batch' });
    const tags = startTags(render('en', document));
    const form = tags.find((tag) => tag.name === 'form');
    expect(form?.attributes).toMatchObject({ method: 'get', action: '/' });
    expect(tags.find((tag) => tag.name === 'input' && tag.attributes.name === 'search')?.attributes.value).toBe('咖啡');
    expect(tags.find((tag) => tag.name === 'input' && tag.attributes.name === 'tag')?.attributes.value).toBe('短文');
    const selected = tags.filter((tag) => tag.name === 'option' && 'selected' in tag.attributes).map((tag) => tag.attributes.value);
    expect(selected).toEqual(['mock:beta', 'batch']);
    expect(tags.filter((tag) => tag.name === 'option').map((tag) => tag.attributes.value)).toEqual(
      expect.arrayContaining(['', 'mock:alpha', 'mock:beta', 'mock:planner', 'compare', 'batch', 'write', 'rerun']),
    );
  });

  it('pages with offset and limit, keeping the filters', () => {
    const html = render('en', runsDocument({ model: 'mock:alpha', offset: 50, limit: 50 }, true));
    expect(html).toContain('rel="prev" href="/?model=mock%3Aalpha&amp;limit=50"');
    expect(html).toContain('rel="next" href="/?model=mock%3Aalpha&amp;limit=50&amp;offset=100"');
    expect(textOf(html)).toContain('Runs 51–54');
  });

  it('says when there are no runs at all, and when none matches the filters', () => {
    const none = { ...runsDocument(), runs: [] };
    expect(textOf(render('en', none))).toContain('No runs in the history yet');
    expect(textOf(render('zh-CN', { ...none, query: { ...none.query, search: '不存在' } }))).toContain('没有符合筛选条件的运行');
  });

  it('escapes a topic, a tag and a model that carry HTML', () => {
    const document = runsDocument();
    document.runs[0] = {
      ...document.runs[0]!,
      topic: '<script>alert(1)</script>',
      tags: ['"><img src=x onerror=alert(2)>'],
      models: ['x:<b>'],
    };
    const html = render('en', document);
    expect(unsafeParts(html)).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<b>');
  });
});
