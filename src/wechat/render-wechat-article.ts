import juice from 'juice';
import type { Token } from 'markdown-it';
import { UsageError } from '../errors/usage-error.js';
import { t } from '../i18n/translate.js';
import { createWechatMarkdown, inlineText, type WechatRenderEnv } from './html/wechat-markdown.js';
import { findWechatTheme, wechatThemes } from './html/wechat-themes.js';
import type { WechatArticle, WechatRenderOptions } from './wechat-article.js';

/** The largest draft rendered (Markdown bytes): four times what WeChat's 1 MB of content could come from. */
export const maxDraftBytes = 1024 * 1024;

/**
 * Characters a draft never means to publish and an article must not carry: C0 / C1 controls and DEL
 * (terminal escapes, invalid in HTML) except tab, newline and carriage return, and the bidirectional
 * embedding, override and isolate controls (U+202A–202E, U+2066–2069) that reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex
const invisibleControls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The title's tokens: the draft's first block when it is a heading, else its first level-1 heading;
 * null when it has neither (the title is then the first line, and the body keeps it).
 */
function titleHeading(tokens: readonly Token[]): number | null {
  if (tokens[0]?.type === 'heading_open') return 0;
  const h1 = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1' && token.level === 0);
  return h1 === -1 ? null : h1;
}

/** The first paragraph with words in it, as plain text on one line. */
function firstParagraph(tokens: readonly Token[]): string {
  for (let index = 0; index < tokens.length; index += 1) {
    if (tokens[index]?.type !== 'paragraph_open') continue;
    const text = oneLine(inlineText(tokens[index + 1]?.children ?? null));
    if (text !== '') return text;
  }
  return '';
}

/** Every image's src, in the order they appear (inside links, lists and tables too). */
function imageSources(tokens: readonly Token[]): string[] {
  return tokens.flatMap((token) => [
    ...(token.type === 'image' && token.attrGet('src') ? [String(token.attrGet('src'))] : []),
    ...imageSources(token.children ?? []),
  ]);
}

/** The numbered list of external links at the end: text, then the address as plain text. */
function referenceList(env: WechatRenderEnv): string {
  if (env.externalLinks.length === 0) return '';
  const items = env.externalLinks.map(
    (reference, index) =>
      `<p class="ref">[${index + 1}] ${escape(reference.text)}${reference.text === reference.url ? '' : ': '}${
        reference.text === reference.url ? '' : `<span class="ref-url">${escape(reference.url)}</span>`
      }</p>`,
  );
  return `<section class="refs"><p class="refs-title">${escape(t('export.references'))}</p>${items.join('')}</section>`;
}

/** Drops every `class` attribute (the theme's hooks) once juice has turned the rules into inline styles. */
function withoutClasses(html: string): string {
  return html.replace(/<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)?>/g, (_tag, name: string, attributes: string | undefined) => {
    const kept = (attributes ?? '').replace(/\s+class="[^"]*"/g, '');
    return `<${name}${kept}>`;
  });
}

/**
 * Renders a Markdown draft for the WeChat Official Account editor: one `<section>` whose every
 * element carries the theme as inline styles (no `<style>`, no class, no id, no script, no event
 * handler: raw HTML in the draft stays text), external links as numbered references listed at the
 * end, the title (first heading) taken out of the body. Control characters and bidi overrides are
 * dropped from the draft first. An unknown theme, or a draft over {@link maxDraftBytes}, is a
 * UsageError with the fix.
 */
export function renderWechatArticle(markdown: string, options: WechatRenderOptions): WechatArticle {
  const theme = findWechatTheme(options.theme);
  if (!theme) {
    throw new UsageError(t('export.badTheme', { theme: options.theme, themes: wechatThemes.map((known) => known.id).join(', ') }));
  }
  const bytes = Buffer.byteLength(markdown);
  if (bytes > maxDraftBytes) throw new UsageError(t('export.tooLarge', { size: megabytes(bytes), limit: megabytes(maxDraftBytes) }));
  const parser = createWechatMarkdown();
  const env: WechatRenderEnv = { externalLinks: [], openLinks: [] };
  // a saved draft file starts with an HTML comment (model, tokens…): not part of the article
  const source = markdown
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<!--[\s\S]*?-->\s*/, '')
    .replace(invisibleControls, '');
  const tokens = parser.parse(source, env);
  const heading = titleHeading(tokens);
  let title: string;
  let body: Token[];
  if (heading === null) {
    const firstLine = source.split('\n').find((line) => line.trim() !== '') ?? '';
    title = oneLine(firstLine.replace(/^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, '').replace(/[*_`~]/g, ''));
    body = tokens;
  } else {
    title = oneLine(inlineText(tokens[heading + 1]?.children ?? null));
    body = [...tokens.slice(0, heading), ...tokens.slice(heading + 3)];
  }
  const content = parser.renderer.render(body, parser.options, env) + referenceList(env);
  const inlined = juice.inlineContent(`<section class="article">${content}</section>`, theme.css, {
    applyAttributesTableElements: false,
    applyHeightAttributes: false,
    applyWidthAttributes: false,
    inlinePseudoElements: false,
    preserveImportant: false,
    removeStyleTags: true,
  });
  return {
    title: title || t('export.untitled'),
    untitled: title === '',
    html: withoutClasses(inlined).replace(/>\n+</g, '><').trim(),
    firstParagraph: firstParagraph(body),
    images: imageSources(body),
  };
}
