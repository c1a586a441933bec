import { currentLanguage } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import { escapeHtml } from '../../report/escape-html.js';
import type { WechatArticle } from '../../wechat/wechat-article.js';

/**
 * The preview runs nothing and loads nothing but the article's own images (a preview should show
 * them as the reader will): no script, style sheet, font, frame, form or base.
 */
export const previewContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; script-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'";

/**
 * A standalone page previewing the article as a phone shows it: the title as WeChat sets it above
 * the body, and the fragment centred in a column 375–677 px wide (the widths of phones and of
 * WeChat's own reading column).
 */
export function renderPreviewPage(article: WechatArticle): string {
  const title = escapeHtml(article.title);
  return `<!doctype html>
<html lang="${currentLanguage()}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${previewContentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin: 0; background: #ededed;">
<main style="box-sizing: border-box; width: 100%; min-width: 320px; max-width: 677px; margin: 0 auto; padding: 20px 16px 40px; background: #ffffff; min-height: 100vh;">
<p style="margin: 0 0 12px 0; font-size: 12px; color: #b2b2b2; font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', sans-serif;">${escapeHtml(t('export.preview.hint'))}</p>
<h1 style="margin: 0 0 20px 0; font-size: 22px; line-height: 1.4; font-weight: bold; color: #1a1a1a; font-family: -apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', sans-serif;">${title}</h1>
<div id="article" style="font-family: -apple-system, BlinkMacSystemFont, 'Helvetica Neue', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif;">
${article.html}
</div>
</main>
</body>
</html>
`;
}
