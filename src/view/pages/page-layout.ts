import type { MessageKey } from '../../i18n/catalog/index.js';
import type { Language } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import { attributes, escapeHtml } from './html-text.js';
import type { PageContext } from './page-context.js';

/** Which page this is: the nav marks it, and the browser script reads it from `data-page`. */
export type PageName = 'runs' | 'run' | 'vote' | 'leaderboard' | 'stats' | 'providers' | 'error';

/** One page's own parts: its title and the HTML inside `<main>`. */
export interface PageParts {
  page: PageName;
  title: string;
  body: string;
  /** More `data-*` values for the browser script (e.g. the run id), on `<body>`. */
  data?: Record<string, string | number>;
}

const navItems: { path: string; key: MessageKey; pages: PageName[] }[] = [
  { path: '/', key: 'viewPage.nav.runs', pages: ['runs', 'run', 'vote'] },
  { path: '/leaderboard', key: 'viewPage.nav.leaderboard', pages: ['leaderboard'] },
  { path: '/stats', key: 'viewPage.nav.stats', pages: ['stats'] },
  { path: '/providers', key: 'viewPage.nav.providers', pages: ['providers'] },
];

/** Texts the browser script shows, in the page's language (it has no catalogue of its own). */
const scriptTextKeys = {
  live: 'viewPage.live',
  showRaw: 'viewPage.run.showRaw',
  showRendered: 'viewPage.run.showRendered',
  saving: 'viewPage.action.saving',
  failed: 'viewPage.action.failed',
  reveal: 'viewPage.vote.reveal',
} as const satisfies Record<string, MessageKey>;

/** This page's URL in another language: the same path and query, with `lang` set (and never a token). */
function languageHref(url: URL, language: Language): string {
  const search = new URLSearchParams(url.search);
  search.delete('token');
  search.set('lang', language);
  return `${url.pathname}?${search.toString()}`;
}

function languageSwitch(context: PageContext): string {
  const choices: [Language, string][] = [
    ['zh-CN', '中文'],
    ['en', 'EN'],
  ];
  const links = choices.map(([language, label]) =>
    language === context.language
      ? `<strong${attributes({ lang: language })}>${label}</strong>`
      : `<a${attributes({ href: languageHref(context.url, language), lang: language, hreflang: language })}>${label}</a>`,
  );
  return `<div class="language-switch" role="group" aria-label="${escapeHtml(t('viewPage.language.label'))}">${links.join('<span aria-hidden="true">|</span>')}</div>`;
}

function siteHeader(page: PageName, context: PageContext): string {
  const links = navItems
    .map((item) => {
      const current = item.pages.includes(page);
      return `<a${attributes({ href: item.path, class: current ? 'current' : null, 'aria-current': current ? 'page' : null })}>${escapeHtml(t(item.key))}</a>`;
    })
    .join('');
  return `<header class="site">
<a class="brand" href="/">wechat-writer</a>
<nav aria-label="${escapeHtml(t('viewPage.nav.label'))}">${links}</nav>
<span class="live-indicator" id="live-indicator" hidden title="${escapeHtml(t('viewPage.live.title'))}">${escapeHtml(t('viewPage.live'))}</span>
${languageSwitch(context)}
</header>`;
}

/**
 * A whole page: the header (nav, live indicator, language switch), the page's body, the one
 * stylesheet and the one deferred script. No inline script or style: the CSP allows neither.
 */
export function renderLayout(parts: PageParts, context: PageContext): string {
  const version = encodeURIComponent(context.assetVersion);
  const texts = Object.fromEntries(Object.entries(scriptTextKeys).map(([name, key]) => [name, t(key)]));
  const data = Object.fromEntries(Object.entries(parts.data ?? {}).map(([name, value]) => [`data-${name}`, value]));
  return `<!doctype html>
<html lang="${context.language === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(`${parts.title} · wechat-writer`)}</title>
<link rel="stylesheet" href="/assets/view.css?v=${version}">
<script src="/assets/view.js?v=${version}" defer></script>
</head>
<body${attributes({ 'data-page': parts.page, 'data-texts': JSON.stringify(texts), ...data })}>
${siteHeader(parts.page, context)}
<main id="main">
${parts.body}
</main>
</body>
</html>
`;
}
