import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { InterruptedError } from '../../errors/interrupted-error.js';
import { UsageError } from '../../errors/usage-error.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import { createNodeHttpFetch } from '../../providers/node-http-fetch.js';
import { redactSecrets } from '../../providers/redact-secrets.js';
import type { WechatCredentials } from '../../wechat/api/access-token.js';
import { describeWechatError } from '../../wechat/api/describe-wechat-error.js';
import { WechatApiError, WechatTransportError } from '../../wechat/api/wechat-api-error.js';
import { createWechatClient, defaultWechatApiBase, type DraftArticle } from '../../wechat/api/wechat-client.js';
import { defaultWechatTheme } from '../../wechat/html/wechat-themes.js';
import { renderWechatArticle } from '../../wechat/render-wechat-article.js';
import { chooseDraft, draftChoiceReason } from '../export/choose-draft.js';
import { loadRun, openHistory } from '../history/open-history.js';
import { checkDraftLimits, defaultDigest } from './draft-limits.js';
import { dryRunReport } from './dry-run-report.js';
import { uploadFile } from './image-file.js';
import { loadArticleImages } from './load-article-images.js';
import { loadCover } from './load-cover.js';

/** `wechat-writer publish` options. */
export interface PublishOptions {
  model?: string;
  promptId?: string;
  theme?: string;
  cover?: string;
  author?: string;
  digest?: string;
  sourceUrl?: string;
  dryRun?: boolean;
}

/** Most bytes one downloaded body image may bring (it must then be under uploadimg's 1 MB anyway). */
const downloadCapBytes = 10 * 1024 * 1024;

/** WECHAT_APPID / WECHAT_APPSECRET, or the names of those missing. */
function readCredentials(env: CommandIO['env']): { credentials: WechatCredentials | null; missing: string } {
  const appid = env.WECHAT_APPID?.trim() ?? '';
  const secret = env.WECHAT_APPSECRET?.trim() ?? '';
  const missing = [...(appid ? [] : ['WECHAT_APPID']), ...(secret ? [] : ['WECHAT_APPSECRET'])].join(', ');
  return { credentials: missing ? null : { appid, secret }, missing };
}

function apiBase(env: CommandIO['env']): string {
  const value = env.WECHAT_API_BASE?.trim() || defaultWechatApiBase;
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value;
  } catch {
    // reported below
  }
  throw new UsageError(t('publish.credentials.badBase', { value, fallback: defaultWechatApiBase }));
}

const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** The HTML with each uploaded image's src replaced by its WeChat URL. */
function withImageUrls(html: string, urls: ReadonlyMap<string, string>): string {
  let replaced = html;
  for (const [src, url] of urls) replaced = replaced.split(`src="${attribute(src)}"`).join(`src="${attribute(url)}"`);
  return replaced;
}

/** "3 images and the cover", or null when nothing was uploaded. */
function uploadedSoFar(images: number, cover: boolean): string | null {
  const parts = [
    ...(images === 1 ? [t('publish.partial.oneImage')] : images > 1 ? [t('publish.partial.images', { count: images })] : []),
    ...(cover ? [t('publish.partial.cover')] : []),
  ];
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as string) : t('publish.partial.and', { first: parts[0] as string, second: parts[1] as string });
}

/**
 * Sends a run's chosen draft to the WeChat draft box: the body rendered with a theme, every image
 * uploaded (uploadimg) and its src replaced, the cover (given or generated) uploaded as permanent
 * material, then draft/add; prints the draft's media_id and records the publication in the history.
 * Every limit is checked before the first call; a refusal is one line with the fix and what was
 * already uploaded (exit 1). With --dry-run it prints the requests and sends nothing.
 */
export async function runPublish(runIdText: string, options: PublishOptions, io: CommandIO): Promise<ExitCodeValue> {
  const { credentials, missing } = readCredentials(io.env);
  if (!credentials && !options.dryRun) throw new UsageError(t('publish.credentials.missing', { missing }));
  const baseUrl = apiBase(io.env);
  const theme = options.theme?.trim() || defaultWechatTheme;
  const store = await openHistory(io);
  try {
    const run = loadRun(store, runIdText);
    const choice = chooseDraft(run, store.verdicts.picksOf(run.id), options.model, {
      promptId: options.promptId,
      env: io.env,
      positions: store.verdicts.positionsOf(run.id),
    });
    const article = renderWechatArticle(choice.result.text ?? '', { theme });
    const author = options.author?.trim() ?? '';
    const digest = options.digest === undefined ? defaultDigest(article.firstParagraph) : options.digest.trim();
    const sourceUrl = options.sourceUrl?.trim() ?? '';
    checkDraftLimits({ title: article.untitled ? '' : article.title, author, digest, html: article.html, sourceUrl });
    io.stderr.write(
      `${terminalSafe(t('publish.using', { runId: run.id, model: choice.result.model, reason: draftChoiceReason(choice.reason), theme }))}\n`,
    );

    const fetch = createNodeHttpFetch({ env: io.env, maxReplyBytes: downloadCapBytes });
    const outputFile = choice.result.outputFile;
    const draftDirectory = outputFile ? path.dirname(path.resolve(io.cwd, outputFile)) : null;
    const images = await loadArticleImages(article.images, { draftDirectory, cwd: io.cwd }, fetch, io.signal);
    const cover = await loadCover(options.cover, article.title, io.cwd);
    const draft = (content: string, thumbMediaId: string): DraftArticle => ({
      title: article.title,
      author,
      digest,
      content,
      content_source_url: sourceUrl,
      thumb_media_id: thumbMediaId,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    });

    if (options.dryRun) {
      const placeholders = new Map(images.map((image) => [image.src, `<${t('publish.dryRun.urlOf', { src: image.src })}>`]));
      const body = draft(withImageUrls(article.html, placeholders), `<${t('publish.dryRun.mediaIdOf')}>`);
      io.stdout.write(terminalSafe(dryRunReport(baseUrl, images, cover, body)));
      if (!credentials) io.stderr.write(`${t('publish.dryRun.noCredentials', { missing })}\n`);
      return ExitCode.ok;
    }
    if (!credentials) throw new UsageError(t('publish.credentials.missing', { missing }));

    const client = createWechatClient({
      fetch: createNodeHttpFetch({ env: io.env, maxReplyBytes: 1024 * 1024 }),
      baseUrl,
      credentials,
      home: resolveHomeDirectory(io.env),
      currentDate: () => io.currentDate(),
      signal: io.signal,
    });
    let uploadedImages = 0;
    let uploadedCover = false;
    let mediaId: string;
    try {
      const urls = new Map<string, string>();
      for (const [index, image] of images.entries()) {
        urls.set(image.src, await client.uploadArticleImage(uploadFile(`image-${index + 1}`, image.bytes)));
        uploadedImages += 1;
        io.stderr.write(`${terminalSafe(t('publish.progress.image', { index: index + 1, count: images.length, src: image.src }))}\n`);
      }
      const thumbMediaId = await client.addMaterial('image', uploadFile('cover', cover.bytes));
      uploadedCover = true;
      io.stderr.write(`${terminalSafe(t('publish.progress.cover', { source: cover.file ?? t('publish.cover.generated') }))}\n`);
      mediaId = await client.addDraft([draft(withImageUrls(article.html, urls), thumbMediaId)]);
    } catch (error) {
      const uploaded = uploadedSoFar(uploadedImages, uploadedCover);
      const partial = uploaded ? t('publish.partial.uploaded', { what: uploaded }) : t('publish.partial.nothing');
      if (io.signal?.aborted) {
        io.stderr.write(`${terminalSafe(partial)}\n`);
        throw new InterruptedError();
      }
      if (!(error instanceof WechatApiError) && !(error instanceof WechatTransportError)) throw error;
      const line = describeWechatError(error);
      io.stderr.write(`wechat-writer: ${terminalSafe(redactSecrets(line, [credentials.secret]))}\n${terminalSafe(partial)}\n`);
      return ExitCode.someFailed;
    }

    io.stdout.write(`${terminalSafe(t('publish.done', { mediaId }))}\n`);
    try {
      store.publications.record({
        runId: run.id,
        promptId: choice.promptId,
        model: choice.result.model,
        mediaId,
        title: article.title,
        theme,
        createdAt: io.currentDate().toISOString(),
      });
      io.stderr.write(`${t('publish.done.next')}\n${t('publish.done.recorded', { runId: run.id })}\n`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(`${terminalSafe(t('publish.done.notRecorded', { reason }))}\n`);
    }
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
