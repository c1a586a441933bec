import MarkdownIt from 'markdown-it';
import { t } from '../../i18n/translate.js';
import { escapeHtml } from './html-text.js';

const webAddress = /^https?:\/\//i;
const inlineImage = /^data:image\/(png|gif|jpe?g|webp);/i;

/** Per render: whether each open link renders as a real link, or as a plain span (its target is not a web address). */
const openLinks = (env: unknown): boolean[] => {
  const state = env as { openAsSpan?: boolean[] };
  state.openAsSpan ??= [];
  return state.openAsSpan;
};

/**
 * The Markdown renderer for drafts: no raw HTML (it shows as text); links only to http/https, opening
 * in a new tab with `rel="noopener noreferrer"` (any other target stays plain text); an image never
 * loads: it becomes a link to its address (or, for a data: image, a placeholder) labelled with its alt text.
 */
export function createViewMarkdown(): InstanceType<typeof MarkdownIt> {
  const markdown = new MarkdownIt({ html: false, linkify: false, breaks: false });
  markdown.validateLink = (url) => webAddress.test(url.trim()) || inlineImage.test(url.trim());
  markdown.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const source = String(token?.attrGet('src') ?? '').trim();
    const alt = token ? self.renderInlineAsText(token.children ?? [], options, env) : '';
    const label = escapeHtml(t('viewPage.draft.image', { alt }));
    return webAddress.test(source)
      ? `<a class="image-link" href="${escapeHtml(source)}" rel="noopener noreferrer" target="_blank">${label}</a>`
      : `<span class="image-placeholder">${label}</span>`;
  };
  markdown.renderer.rules.link_open = (tokens, index, _options, env) => {
    const href = String(tokens[index]?.attrGet('href') ?? '').trim();
    const asSpan = !webAddress.test(href);
    openLinks(env).push(asSpan);
    return asSpan ? '<span class="link-removed">' : `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">`;
  };
  markdown.renderer.rules.link_close = (_tokens, _index, _options, env) => (openLinks(env).pop() ? '</span>' : '</a>');
  return markdown;
}

let shared: InstanceType<typeof MarkdownIt> | null = null;

/** A draft's Markdown as safe HTML (see createViewMarkdown). */
export function renderDraftMarkdown(text: string): string {
  shared ??= createViewMarkdown();
  return shared.render(text, {});
}
