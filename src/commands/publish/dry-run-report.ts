import { t } from '../../i18n/translate.js';
import type { DraftArticle } from '../../wechat/api/wechat-client.js';
import type { CoverImage } from './load-cover.js';
import { formatBytes, uploadFile } from './image-file.js';
import type { ArticleImage } from './load-article-images.js';

const redacted = '[redacted]';

const fileLine = (name: string, bytes: Uint8Array, from: string) => {
  const file = uploadFile(name, bytes);
  return `multipart/form-data: media = ${file.fileName} (${file.contentType}, ${formatBytes(bytes.byteLength)}) ← ${from}`;
};

/**
 * What `publish --dry-run` prints: each request publish would send, in order, with its body; the
 * AppID, AppSecret and access token redacted, image bytes summarised, and the values WeChat would
 * return (image URLs, the cover's media_id) as placeholders.
 */
export function dryRunReport(baseUrl: string, images: readonly ArticleImage[], cover: CoverImage, article: DraftArticle): string {
  const base = baseUrl.replace(/\/+$/, '');
  const withToken = (endpoint: string, query = '') => `POST ${base}${endpoint}?access_token=${redacted}${query}`;
  const blocks = [
    t('publish.dryRun.heading'),
    `POST ${base}/cgi-bin/stable_token\n${JSON.stringify(
      { grant_type: 'client_credential', appid: redacted, secret: redacted, force_refresh: false },
      null,
      2,
    )}`,
    ...images.map((image, index) => `${withToken('/cgi-bin/media/uploadimg')}\n${fileLine(`image-${index + 1}`, image.bytes, image.src)}`),
    `${withToken('/cgi-bin/material/add_material', '&type=image')}\n${fileLine('cover', cover.bytes, cover.file ?? t('publish.cover.generated'))}`,
    `${withToken('/cgi-bin/draft/add')}\n${JSON.stringify({ articles: [article] }, null, 2)}`,
    t('publish.dryRun.end'),
  ];
  return `${blocks.join('\n\n')}\n`;
}
