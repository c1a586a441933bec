/** One start tag of a page: its name and attributes (the renderers always quote attribute values). */
export interface StartTag {
  name: string;
  attributes: Record<string, string>;
}

/** Every start tag in the HTML, in order. */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=>/]+)(?:="([^"]*)")?/g))
      attributes[(attribute[1] ?? '').toLowerCase()] = attribute[2] ?? '';
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

/** What makes a page unsafe or against its CSP: inline script or style, event handlers, foreign links, loaded media. */
export function unsafeParts(html: string): string[] {
  const found: string[] = [];
  for (const tag of startTags(html)) {
    for (const name of Object.keys(tag.attributes)) {
      if (name === 'style' || name.startsWith('on') || name === 'srcdoc') found.push(`<${tag.name} ${name}>`);
    }
    if (
      ['img', 'iframe', 'object', 'embed', 'style', 'base', 'form'].includes(tag.name) &&
      !(tag.name === 'form' && isLocal(tag.attributes.action))
    )
      found.push(`<${tag.name}>`);
    if (tag.name === 'script' && !/^\/assets\/view\.js\?v=/.test(tag.attributes.src ?? '')) found.push('<script> not the view script');
    const href = tag.attributes.href;
    if (href !== undefined && !isLocal(href) && !/^https?:\/\//i.test(href) && href !== 'data:,') found.push(`href=${href}`);
    if (tag.name === 'a' && /^https?:\/\//i.test(href ?? '')) {
      if (tag.attributes.rel !== 'noopener noreferrer') found.push(`a without rel: ${href}`);
    }
  }
  return found;
}

const isLocal = (url: string | undefined) => url !== undefined && /^(\/(?!\/)|\?|#)/.test(url);

/** The visible text of some HTML: tags removed, the common entities decoded. */
export const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
