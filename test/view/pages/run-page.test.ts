import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../../src/i18n/language.js';
import type { RunDocument } from '../../../src/view/api/view-documents.js';
import { renderRunPage } from '../../../src/view/pages/index.js';
import { startTags, textOf, unsafeParts } from './html-inspection.js';
import { batchRun, judgedRun, pageContext, writeRun } from './page-fixtures.js';

const render = (language: 'en' | 'zh-CN', document: RunDocument, path = `/runs/${document.runId}`) =>
  runInLanguage(language, () => renderRunPage(document, pageContext(language, path)));

/** The HTML of each draft column, by its data-position. */
const draftColumns = (html: string): Map<number, string> =>
  new Map(
    [...html.matchAll(/<article class="draft" data-position="(\d+)"[\s\S]*?<\/article>/g)].map((match) => [Number(match[1]), match[0]]),
  );

describe('a run page', () => {
  it('shows the metrics, the judge, the drafts side by side with a raw toggle, reasoning and picks (zh-CN)', () => {
    const html = render('zh-CN', judgedRun());
    const text = textOf(html);
    expect(text).toContain('运行 #21');
    expect(text).toContain('秋天的第一杯奶茶');
    for (const header of ['模型', '状态', '输入', '输出', '耗时', '首字耗时', '费用', '字数', '评分']) expect(text).toContain(header);
    expect(text).toContain('8.0/10');
    expect(text).toContain('6.4/10');
    expect(text).toContain('RATE_LIMIT');
    expect(text).toContain('标题抓人');
    expect(text).toContain('lin 已选用');
    expect(html).toContain('<details class="reasoning"><summary>推理过程</summary><pre>先想结构，再写开头。</pre></details>');
    expect(html).toContain('data-action="toggle-raw"');
    const columns = draftColumns(html);
    expect([...columns.keys()]).toEqual([0, 1, 2]);
    const first = columns.get(0) ?? '';
    expect(first).toContain('data-model="mock:alpha"');
    expect(first).toContain('<div class="rendered"><h1>秋天的奶茶</h1>');
    expect(first).toContain('<pre class="raw"># 秋天的奶茶');
    expect(first).toMatch(/<button type="button" class="pick" data-pick data-run-id="21" data-model="mock:alpha">选用这篇<\/button>/);
    expect(columns.get(2)).not.toContain('data-pick');
    expect(html).toContain('href="/runs/21/vote"');
    expect(html).toContain('<section id="run-live"');
    expect(html).toMatch(/<body data-page="run"[^>]* data-run-id="21">/);
  });

  it('says the same in English', () => {
    const text = textOf(render('en', judgedRun()));
    for (const words of [
      'Run #21',
      'Metrics',
      'Drafts',
      'Show raw Markdown',
      'Pick this draft',
      'Picked by lin',
      'Reasoning',
      'Judge (blind): 8.0/10',
      'Vote in blind duels',
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('选用这篇');
  });

  it('renders a hostile draft inert: no raw tag, handler, script or foreign link survives, the raw text stays readable', () => {
    const html = render('en', judgedRun());
    expect(unsafeParts(html)).toEqual([]);
    const hostile = draftColumns(html).get(1) ?? '';
    for (const tag of ['img', 'iframe', 'script', 'style', 'div onclick']) expect(hostile).not.toContain(`<${tag}`);
    expect(hostile).not.toMatch(/href="(javascript|data|file):/i);
    expect(hostile).toContain('&lt;script&gt;alert(&quot;draft&quot;)&lt;/script&gt;');
    expect(hostile).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    const links = startTags(hostile).filter((tag) => tag.name === 'a');
    expect(links.map((tag) => tag.attributes.href)).toEqual(['https://images.example/cover.png', 'https://mp.weixin.qq.com/s/abc']);
    expect(links.every((tag) => tag.attributes.rel === 'noopener noreferrer' && tag.attributes.target === '_blank')).toBe(true);
    expect(textOf(hostile)).toContain('[Image: 远程图片]');
  });

  it('shows one prompt of a batch at a time: every prompt in the page, all but the chosen one hidden', () => {
    const first = render('en', batchRun());
    const groups = (html: string) =>
      startTags(html)
        .filter((tag) => tag.name === 'section' && tag.attributes.class === 'prompt-group')
        .map((tag) => [tag.attributes['data-prompt-id'], 'hidden' in tag.attributes]);
    expect(groups(first)).toEqual([
      ['coffee', false],
      ['titles', true],
    ]);
    expect([...draftColumns(first).keys()]).toEqual([0, 1, 2, 3]);
    const chosen = render('zh-CN', batchRun(), '/runs/22?prompt=titles');
    expect(groups(chosen)).toEqual([
      ['coffee', true],
      ['titles', false],
    ]);
    expect(chosen).toMatch(/<option value="titles" selected>titles<\/option>/);
    expect(textOf(chosen)).toContain('2/2');
    expect(groups(render('en', batchRun(), '/runs/22?prompt=nope'))[0]).toEqual(['coffee', false]);
    expect(draftColumns(first).get(2)).toContain('data-prompt-id="titles"');
    const started = { ...batchRun(), results: batchRun().results.slice(0, 2) };
    expect(textOf(render('en', started, '/runs/22?prompt=titles'))).toContain('Waiting for results…');
  });

  it('holds only the chosen prompt’s drafts when a batch has many prompts', () => {
    const many = batchRun();
    many.prompts = Array.from({ length: 20 }, (_, index) => ({
      id: `p${index}`,
      source: `prompts.jsonl:${index + 1}`,
      chars: 10,
      system: false,
    }));
    many.results = many.prompts.flatMap((prompt, index) => [
      { ...many.results[0]!, promptId: prompt.id, position: index * 2 },
      { ...many.results[1]!, promptId: prompt.id, position: index * 2 + 1 },
    ]);
    const html = render('en', many, '/runs/22?prompt=p7');
    expect([...draftColumns(html).keys()]).toEqual([14, 15]);
    expect(html.match(/<option /g)).toHaveLength(20);
    expect(html).toMatch(/<section class="prompt-group" data-prompt-id="p7">/);
  });

  it('shows a write run’s execution log: each stage, the model asked, the one that served, the fallback and the route', () => {
    const zh = textOf(render('zh-CN', writeRun()));
    expect(zh).toContain('执行记录');
    expect(zh).toContain('撰写 (writer)');
    expect(zh).toContain('mock:writer?fail=1 失败后接替（SERVER_ERROR）');
    expect(zh).toContain('mock:writer-backup');
    expect(zh).toContain('最快：mock:reviewer → mock:alpha');
    const en = render('en', writeRun());
    const text = textOf(en);
    for (const words of [
      'Execution log',
      'planner',
      'writer',
      'reviewer',
      'after mock:writer?fail=1 failed (SERVER_ERROR)',
      'fastest: mock:reviewer → mock:alpha',
    ])
      expect(text).toContain(words);
    expect(en).toContain('<table class="metrics log">');
    expect(en).not.toContain('data-pick');
    expect(en).not.toContain('/runs/23/vote');
  });

  it('waits for results while a run has none yet', () => {
    const html = render('en', { ...judgedRun(), results: [], judgeCall: undefined, picks: undefined });
    expect(textOf(html)).toContain('Waiting for results…');
    expect(html).not.toContain('/runs/21/vote');
  });
});
