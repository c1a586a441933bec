import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../../src/i18n/language.js';
import { renderDraftMarkdown } from '../../../src/view/pages/draft-markdown.js';
import { startTags, unsafeParts } from './html-inspection.js';
import { hostileDraft } from './page-fixtures.js';

describe('the drafts’ Markdown', () => {
  it('renders headings, emphasis, lists, quotes and code as a WeChat article reads', () => {
    const html = renderDraftMarkdown('# 标题\n\n**重点**和*强调*。\n\n> 引文\n\n1. 一\n2. 二\n\n`代码`');
    expect(html).toContain('<h1>标题</h1>');
    expect(html).toContain('<strong>重点</strong>和<em>强调</em>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<code>代码</code>');
  });

  it('leaves raw HTML as text: no tag, attribute or handler from the draft survives', () => {
    const html = renderDraftMarkdown(hostileDraft);
    expect(unsafeParts(html)).toEqual([]);
    for (const name of ['script', 'img', 'iframe', 'style', 'div']) expect(startTags(html).some((tag) => tag.name === name)).toBe(false);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('links only to http and https, in a new tab without opener or referrer; any other target stays text', () => {
    const html = renderDraftMarkdown(
      '[a](https://example.com/a) [b](http://example.com/b) [c](javascript:alert(1)) [d](vbscript:x) [e](/local) [f](#top) [g](mailto:a@b.c) <https://example.com/auto> [h](data:image/png;base64,AAAA)',
    );
    const links = startTags(html).filter((tag) => tag.name === 'a');
    expect(links.map((tag) => tag.attributes.href)).toEqual(['https://example.com/a', 'http://example.com/b', 'https://example.com/auto']);
    expect(links.every((tag) => tag.attributes.rel === 'noopener noreferrer' && tag.attributes.target === '_blank')).toBe(true);
    expect(html).toContain('<span class="link-removed">h</span>');
    expect(html).not.toMatch(/href="(javascript|vbscript|mailto|data):/);
  });

  it('never loads an image: a web image becomes a link labelled with its alt text, a data: image a placeholder', () => {
    const html = runInLanguage('zh-CN', () =>
      renderDraftMarkdown('![封面](https://img.example/a.png)\n\n![点](data:image/png;base64,iVBORw0KGgo=)\n\n![坏](javascript:alert(1))'),
    );
    expect(startTags(html).some((tag) => tag.name === 'img')).toBe(false);
    expect(html).toContain(
      '<a class="image-link" href="https://img.example/a.png" rel="noopener noreferrer" target="_blank">[图片: 封面]</a>',
    );
    expect(html).toContain('<span class="image-placeholder">[图片: 点]</span>');
    expect(html).toContain('![坏](javascript:alert(1))');
    expect(runInLanguage('en', () => renderDraftMarkdown('![cover](https://img.example/a.png)'))).toContain('[Image: cover]');
  });

  it('escapes quotes in a link address so it cannot leave its attribute', () => {
    const html = renderDraftMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expect(unsafeParts(html)).toEqual([]);
  });
});
