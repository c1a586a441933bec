import MarkdownItFactory, { type MarkdownIt, type Token } from 'markdown-it';

/** An external link the article lists at its end: its number is its place in this list, plus one. */
export interface WechatReference {
  text: string;
  url: string;
}

/** What rendering collects on its way: the external links, in order of first use. */
export interface WechatRenderEnv {
  /** markdown-it keeps its own entries here too (`references` of reference-style links). */
  [key: string | symbol]: unknown;
  externalLinks: WechatReference[];
  /** For each open link: the reference number it closes with, 0 for a kept link, -1 for plain text. */
  openLinks: number[];
}

/** Only WeChat's own pages stay links in a published article; the editor removes every other link. */
export function isWechatUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname === 'mp.weixin.qq.com';
  } catch {
    return false;
  }
}

const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/** The plain text of inline tokens (emphasis, code and links reduced to their words). */
export function inlineText(tokens: readonly Token[] | null): string {
  return (tokens ?? [])
    .map((token) => {
      if (token.type === 'text' || token.type === 'code_inline') return token.content;
      if (token.type === 'softbreak' || token.type === 'hardbreak') return '\n';
      if (token.type === 'image') return '';
      return inlineText(token.children);
    })
    .join('');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A code block's lines for the WeChat editor, which collapses spaces and newlines: `<br>` lines, `&nbsp;` indents. */
function codeLines(code: string): string {
  return code
    .replace(/\n$/, '')
    .split('\n')
    .map((line) =>
      escape(line.replace(/\t/g, '    '))
        // indentation and runs of spaces survive the paste; single spaces stay breakable for wrapping
        .replace(/^ +/, (indent) => '&nbsp;'.repeat(indent.length))
        .replace(/ {2,}/g, (run) => '&nbsp;'.repeat(run.length - 1) + ' '),
    )
    .join('<br>');
}

/**
 * markdown-it for WeChat: raw HTML off (a draft is untrusted: `<script>`, `onerror=` arrive as text),
 * markdown-it's own link check (no `javascript:`, `vbscript:`, `file:` or non-image `data:` link is
 * ever made), soft breaks kept as line breaks, and only elements the WeChat editor keeps: external
 * links become their text and a `<sup>[n]</sup>` (collected in the env), h5/h6 become h4, a rule a
 * `<section>`, strikethrough a `<span>`, code blocks `<pre><code>` with `<br>` lines, tables wrapped
 * in a section that scrolls. Classes mark elements for the theme; they are removed after inlining.
 */
export function createWechatMarkdown(): MarkdownIt {
  const markdown = MarkdownItFactory({ html: false, linkify: false, breaks: true, typographer: false });
  const rules = markdown.renderer.rules;

  rules.link_open = (tokens, index, _options, renderEnv) => {
    const env = renderEnv as unknown as WechatRenderEnv;
    const href = String(tokens[index]?.attrGet('href') ?? '');
    if (isWechatUrl(href)) {
      env.openLinks.push(0);
      return `<a class="wx-link" href="${escape(href)}">`;
    }
    if (!isWebUrl(href)) {
      env.openLinks.push(-1);
      return '';
    }
    let end = index + 1;
    while (end < tokens.length && tokens[end]?.type !== 'link_close') end += 1;
    const text = inlineText(tokens.slice(index + 1, end)).trim();
    const known = env.externalLinks.findIndex((reference) => reference.url === href);
    if (known === -1) env.externalLinks.push({ text: text || href, url: href });
    env.openLinks.push(known === -1 ? env.externalLinks.length : known + 1);
    return '';
  };
  rules.link_close = (_tokens, _index, _options, renderEnv) => {
    const number = (renderEnv as unknown as WechatRenderEnv).openLinks.pop() ?? -1;
    if (number === 0) return '</a>';
    return number > 0 ? `<sup class="ref-mark">[${number}]</sup>` : '';
  };
  rules.image = (tokens, index) => {
    const token = tokens[index];
    const src = String(token?.attrGet('src') ?? '');
    const alt = inlineText(token?.children ?? null);
    return src === '' ? escape(alt) : `<img src="${escape(src)}" alt="${escape(alt)}">`;
  };
  rules.code_inline = (tokens, index) => `<code class="inline">${escape(tokens[index]?.content ?? '')}</code>`;
  const block = (tokens: Token[], index: number) => `<pre class="code"><code>${codeLines(tokens[index]?.content ?? '')}</code></pre>\n`;
  rules.fence = block;
  rules.code_block = block;
  rules.hr = () => '<section class="hr"><br></section>\n';
  rules.s_open = () => '<span class="del">';
  rules.s_close = () => '</span>';
  rules.table_open = () => '<section class="table-wrap"><table>\n';
  rules.table_close = () => '</table></section>\n';
  const heading = (tag: 'open' | 'close') => (tokens: Token[], index: number) => {
    const level = Math.min(4, Number(tokens[index]?.tag.slice(1) ?? 4));
    return tag === 'open' ? `<h${level}>` : `</h${level}>\n`;
  };
  rules.heading_open = heading('open');
  rules.heading_close = heading('close');
  return markdown;
}
