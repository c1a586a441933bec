import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { wechatThemes } from '../../src/wechat/html/wechat-themes.js';
import { renderWechatArticle } from '../../src/wechat/render-wechat-article.js';

const draft = `# 周末咖啡指南

第一段有**重点**和*强调*，还有[官方指南](https://example.com/guide?a=1&b=2)和[往期文章](https://mp.weixin.qq.com/s/abc)。

## 器具

> 好咖啡从新鲜的豆子开始。

- 手冲壶
- 磨豆机

1. 称豆
2. 研磨

\`\`\`js
function brew() {
  return 1 < 2;
}
\`\`\`

| 器具 | 价格 |
|---|---:|
| 手冲壶 | 199 |

![滤杯](https://example.com/dripper.png)

### 小结

再看一次[官方指南](https://example.com/guide?a=1&b=2)，以及 <https://coffee.example.org>，还有 \`code\`。

#### 附注
`;

/** Every opening tag in the fragment, as `<name attributes>`. */
const tags = (html: string) =>
  [...html.matchAll(/<([a-z0-9]+)(\s[^<>]*)?>/g)].map((match) => ({ name: match[1] ?? '', attributes: match[2] ?? '' }));

describe('renderWechatArticle', () => {
  it('takes the first heading as the title, the first paragraph as plain text, and lists the images', () => {
    const article = renderWechatArticle(draft, { theme: 'default' });
    expect(article.title).toBe('周末咖啡指南');
    expect(article.html).not.toContain('周末咖啡指南');
    expect(article.firstParagraph).toBe('第一段有重点和强调，还有官方指南和往期文章。');
    expect(article.images).toEqual(['https://example.com/dripper.png']);
  });

  it('is one <section> of elements WeChat keeps, every one with an inline style, and no class, id, <style> or script', () => {
    for (const theme of wechatThemes) {
      const { html } = renderWechatArticle(draft, { theme: theme.id });
      expect(html.startsWith('<section style="')).toBe(true);
      expect(html.endsWith('</section>')).toBe(true);
      expect(html).not.toMatch(/<style|<script|\sclass=|\sid=|\son[a-z]+=/i);
      const allowed = new Set([
        'section',
        'p',
        'span',
        'strong',
        'em',
        'blockquote',
        'ul',
        'ol',
        'li',
        'pre',
        'code',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'img',
        'h1',
        'h2',
        'h3',
        'h4',
        'br',
        'sup',
        'a',
      ]);
      for (const tag of tags(html)) {
        expect(allowed.has(tag.name), tag.name).toBe(true);
        if (!['br', 'thead', 'tbody', 'tr'].includes(tag.name))
          expect(tag.attributes, `${theme.id} <${tag.name}>`).toMatch(/style="[^"]+"/);
      }
      for (const name of [
        'h2',
        'h3',
        'h4',
        'blockquote',
        'ul',
        'ol',
        'li',
        'pre',
        'code',
        'table',
        'th',
        'td',
        'img',
        'strong',
        'em',
        'sup',
      ]) {
        expect(html, `${theme.id} has <${name}>`).toMatch(new RegExp(`<${name} [^>]*style=`));
      }
      expect(html).toMatch(/<img [^>]*style="[^"]*max-width: 100%/);
      expect(html).toMatch(/^<section style="[^"]*font-size: 16px; line-height: 1.75/);
    }
  });

  it('turns external links into numbered references listed at the end, and keeps WeChat links', () => {
    const { html } = renderWechatArticle(draft, { theme: 'default' });
    expect(html).not.toContain('href="https://example.com');
    expect(html).toMatch(
      /官方指南<sup style="[^"]*">\[1\]<\/sup>和<a href="https:\/\/mp\.weixin\.qq\.com\/s\/abc" style="[^"]*">往期文章<\/a>/,
    );
    // the same address keeps its number; an autolink gets the next one
    expect(html).toMatch(/再看一次官方指南<sup[^>]*>\[1\]<\/sup>，以及 https:\/\/coffee\.example\.org<sup[^>]*>\[2\]<\/sup>/);
    expect(html).toMatch(
      />References<\/p><p style="[^"]*">\[1\] 官方指南: <span style="[^"]*">https:\/\/example\.com\/guide\?a=1&amp;b=2<\/span><\/p><p style="[^"]*">\[2\] https:\/\/coffee\.example\.org<\/p><\/section><\/section>$/,
    );
    const chinese = runInLanguage('zh-CN', () => renderWechatArticle(draft, { theme: 'tech' }));
    expect(chinese.html).toContain('>参考链接</p>');
  });

  it('keeps code, headings and tables readable on a phone: wrapped code with <br> lines, a scrolling table, h5 as h4', () => {
    const { html } = renderWechatArticle(`${draft}\n##### 五级\n`, { theme: 'minimal' });
    expect(html).toMatch(/<pre style="[^"]*white-space: pre-wrap[^"]*overflow-x: auto/);
    expect(html).toContain('function brew() {<br>&nbsp;&nbsp;return 1 &lt; 2;<br>}');
    expect(html).toMatch(/<section style="[^"]*overflow-x: auto[^"]*"><table/);
    expect(html).toMatch(/<h4 style="[^"]*">五级<\/h4>/);
    expect(html).not.toMatch(/<h[56]/);
  });

  it('neutralises unsafe input: raw HTML stays text, javascript: links and event handlers never become markup', () => {
    const hostile = [
      '# 标题',
      '',
      '<script>alert(1)</script>',
      '',
      '<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">点我</a>',
      '',
      '[链接](javascript:alert(4)) [数据](data:text/html;base64,PHNjcmlwdD4=) ![图](javascript:alert(5))',
      '',
      '<style>p{color:red}</style><div class="x" id="y" style="position:fixed">块</div>',
    ].join('\n');
    const { html, images } = renderWechatArticle(hostile, { theme: 'default' });
    // markup is only what the renderer made: known elements with style, src and alt; no link at all
    for (const tag of tags(html)) {
      expect(['section', 'p'].includes(tag.name), tag.name).toBe(true);
      expect(tag.attributes.replace(/\s(style|src|alt)="[^"]*"/g, '')).toBe('');
    }
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(images).toEqual([]);
  });

  it('without a heading takes the first line as the title; an unknown theme is a usage error listing the themes', () => {
    expect(renderWechatArticle('**一个标题**\n\n正文。', { theme: 'default' }).title).toBe('一个标题');
    // the header comment of a saved draft file is left out
    const saved = renderWechatArticle('<!--\nmodel: mock:alpha\n-->\n\n# 标题\n\n正文。', { theme: 'default' });
    expect(saved.title).toBe('标题');
    expect(saved.html).not.toContain('model');
    expect(() => renderWechatArticle('正文', { theme: 'neon' })).toThrow(UsageError);
    expect(() => renderWechatArticle('正文', { theme: 'neon' })).toThrow('unknown theme neon; themes: default, minimal, tech');
  });
});
