import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { ReplyTooLargeError } from '../../providers/reply-limits.js';
import type { WechatFetch } from '../../wechat/api/wechat-http.js';
import { draftLimits } from './draft-limits.js';
import { formatBytes, imageKind, kindLabel } from './image-file.js';

/** An image of the body, read and checked, ready for uploadimg. */
export interface ArticleImage {
  /** The `src` as the rendered HTML has it. */
  src: string;
  bytes: Uint8Array;
}

/** Images already on WeChat's servers stay as they are. */
export const isWechatImage = (src: string): boolean => /^https?:\/\/mmbiz\.(qpic|qlogo)\.cn\//i.test(src);

const inside = (directory: string, file: string) => {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/**
 * Where a local image may be: beside the draft file, then in the current directory (or the absolute
 * path). Only places inside the draft's directory or the current directory count: the draft is a
 * model's text, so `../../x.png` or `/home/me/private.png` in it must not send a file from elsewhere on
 * the disk to WeChat. The check is on the path as written; a symlink placed there by the writer is
 * followed (a draft cannot create one).
 */
function candidates(src: string, draftDirectory: string | null, cwd: string): string[] {
  let name = src;
  if (/^file:/i.test(name)) name = fileURLToPath(name);
  else {
    try {
      name = decodeURI(name); // markdown-it percent-encodes non-ASCII paths
    } catch {
      // a literal % in the name: keep it
    }
  }
  const roots = [...(draftDirectory ? [draftDirectory] : []), cwd];
  const places = path.isAbsolute(name) ? [path.resolve(name)] : roots.map((root) => path.resolve(root, name));
  const allowed = [...new Set(places)].filter((place) => roots.some((root) => inside(root, place)));
  if (allowed.length === 0) throw new UsageError(t('publish.image.outside', { src }));
  return allowed;
}

async function download(src: string, fetch: WechatFetch, signal?: AbortSignal): Promise<Uint8Array> {
  try {
    const timeout = AbortSignal.timeout(60_000);
    const response = await fetch(src, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof ReplyTooLargeError) {
      throw new UsageError(
        t('publish.image.size', {
          src,
          size: `> ${formatBytes(draftLimits.bodyImageBytes)}`,
          limit: formatBytes(draftLimits.bodyImageBytes),
        }),
      );
    }
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
    throw new UsageError(t('publish.image.download', { src, reason }));
  }
}

/**
 * Reads every image of the body that is not on WeChat yet (each src once): a file beside the draft
 * or in the current directory, or an http(s) address downloaded with `fetch` (its byte cap applies).
 * Each must be JPEG or PNG under 1 MB (uploadimg's limits): else a UsageError with the fix, before
 * any WeChat call.
 */
export async function loadArticleImages(
  sources: readonly string[],
  where: { draftDirectory: string | null; cwd: string },
  fetch: WechatFetch,
  signal?: AbortSignal,
): Promise<ArticleImage[]> {
  const images: ArticleImage[] = [];
  for (const src of [...new Set(sources)].filter((source) => !isWechatImage(source))) {
    let bytes: Uint8Array;
    if (/^https?:\/\//i.test(src)) bytes = await download(src, fetch, signal);
    else if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^file:/i.test(src) && !/^[a-z]:[\\/]/i.test(src)) {
      throw new UsageError(t('publish.image.unsupported', { src: src.slice(0, 80) }));
    } else {
      const places = candidates(src, where.draftDirectory, where.cwd);
      let found: Uint8Array | null = null;
      for (const place of places) {
        found = await readFile(place).catch(() => null);
        if (found) break;
      }
      if (!found) throw new UsageError(t('publish.image.notFound', { src, places: places.join(', ') }));
      bytes = found;
    }
    const kind = imageKind(bytes);
    if (kind !== 'jpeg' && kind !== 'png') throw new UsageError(t('publish.image.type', { src, type: kindLabel(kind) }));
    if (bytes.byteLength >= draftLimits.bodyImageBytes) {
      throw new UsageError(
        t('publish.image.size', { src, size: formatBytes(bytes.byteLength), limit: formatBytes(draftLimits.bodyImageBytes) }),
      );
    }
    images.push({ src, bytes });
  }
  return images;
}
