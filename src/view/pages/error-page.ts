import { messages } from '../../i18n/catalog/index.js';
import { t } from '../../i18n/translate.js';
import { element, escapeHtml } from './html-text.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';

const headlineKeys = { 401: 'viewPage.error.401', 403: 'viewPage.error.403', 404: 'viewPage.error.404' } as const;

/**
 * An error page: the status and what to do. 401 says how to get in (the URL with the token the
 * terminal printed) in both languages, since a visitor without the cookie has no language chosen yet.
 */
export function renderErrorPage(status: number, message: string, context: PageContext): string {
  const key = headlineKeys[status as keyof typeof headlineKeys] ?? 'viewPage.error.other';
  const explanation =
    status === 401
      ? [messages['zh-CN'][key], messages.en[key]].map((text) => element('p', text ?? '', { class: 'explanation' })).join('')
      : element('p', t(key), { class: 'explanation' });
  const detail = status !== 401 && message.trim() && message.trim() !== t(key) ? element('p', message, { class: 'meta' }) : '';
  const home = status === 401 ? '' : `<p class="actions"><a href="/">${escapeHtml(t('viewPage.error.home'))}</a></p>`;
  const title = t('viewPage.error.title', { status });
  const body = `<section class="error-page"><h1>${escapeHtml(title)}</h1>${explanation}${detail}${home}</section>`;
  return renderLayout({ page: 'error', title, body }, context);
}
