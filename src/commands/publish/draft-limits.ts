import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { titleLength, wechatTitleLimit } from '../../text/count-writing.js';
import { formatBytes } from './image-file.js';

/**
 * WeChat's limits on one `draft/add` article, checked before any call. Sources: the draft_add
 * reference (author at most 16 characters, digest at most 128, content fewer than 20,000 characters
 * and under 1 MB, content_source_url at most 1 KB) and the editor's 64-character title (the
 * reference says 32 字; WeChat answers 45003 past its own limit, which publish maps to one line).
 */
export const draftLimits = {
  title: wechatTitleLimit,
  author: 16,
  digest: 128,
  contentChars: 20_000,
  contentBytes: 1024 * 1024,
  sourceUrlBytes: 1024,
  /** uploadimg: JPEG or PNG under 1 MB. */
  bodyImageBytes: 1024 * 1024,
  /** add_material type=image: up to 10 MB, bmp/png/jpeg/jpg/gif. */
  coverBytes: 10 * 1024 * 1024,
} as const;

const length = (text: string) => [...text].length;

/** The first paragraph cut to the digest limit: at the last sentence end that fits, else with an ellipsis. */
export function defaultDigest(firstParagraph: string, limit: number = draftLimits.digest): string {
  const characters = [...firstParagraph.trim()];
  if (characters.length <= limit) return characters.join('');
  const head = characters.slice(0, limit);
  const lastStop = head.findLastIndex((character) => /[。！？!?；;]/.test(character));
  if (lastStop >= limit / 2) return head.slice(0, lastStop + 1).join('');
  return `${head.slice(0, limit - 1).join('')}…`;
}

/** Visible text of the HTML (tags dropped, entities counted as one character). */
const visibleText = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, '_');

/** Every limit of the article, each a UsageError (exit 2, nothing called) naming the fix. */
export function checkDraftLimits(article: { title: string; author: string; digest: string; html: string; sourceUrl: string }): void {
  const title = titleLength(article.title);
  if (title === 0) throw new UsageError(t('publish.limit.titleEmpty'));
  if (title > draftLimits.title) throw new UsageError(t('publish.limit.title', { length: title, limit: draftLimits.title }));
  if (length(article.author) > draftLimits.author) {
    throw new UsageError(t('publish.limit.author', { length: length(article.author), limit: draftLimits.author }));
  }
  if (length(article.digest) > draftLimits.digest) {
    throw new UsageError(t('publish.limit.digest', { length: length(article.digest), limit: draftLimits.digest }));
  }
  const chars = length(visibleText(article.html));
  if (chars >= draftLimits.contentChars) {
    throw new UsageError(t('publish.limit.contentChars', { length: chars, limit: draftLimits.contentChars.toLocaleString('en-US') }));
  }
  const bytes = Buffer.byteLength(article.html);
  if (bytes >= draftLimits.contentBytes) {
    throw new UsageError(t('publish.limit.contentBytes', { size: formatBytes(bytes), limit: formatBytes(draftLimits.contentBytes) }));
  }
  if (article.sourceUrl !== '') {
    let valid = false;
    try {
      valid = ['http:', 'https:'].includes(new URL(article.sourceUrl).protocol);
    } catch {
      valid = false;
    }
    if (!valid || Buffer.byteLength(article.sourceUrl) > draftLimits.sourceUrlBytes) {
      throw new UsageError(t('publish.limit.sourceUrl', { url: article.sourceUrl, limit: draftLimits.sourceUrlBytes }));
    }
  }
}
