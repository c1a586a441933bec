import { t } from '../../i18n/translate.js';
import type { ProvidersDocument, ViewProvider } from '../api/view-documents.js';
import { attributes, element, escapeHtml, labelCells } from './html-text.js';
import { percent, timeElement, yesNo } from './page-format.js';
import type { PageContext } from './page-context.js';
import { renderLayout } from './page-layout.js';

function providerRow(provider: ViewProvider, headers: readonly string[]): string {
  const health = provider.health;
  const recent = health?.recent
    ? t('viewPage.providers.recentValue', {
        ok: health.recent.ok,
        calls: health.recent.calls,
        share: percent(health.recent.calls === 0 ? null : health.recent.ok / health.recent.calls),
      })
    : '—';
  const state = health?.state ?? 'ok';
  const cells = [
    `<td class="name"><strong>${escapeHtml(provider.id)}</strong>${provider.name && provider.name !== provider.id ? `<br><span class="meta">${escapeHtml(provider.name)}</span>` : ''}</td>`,
    element('td', provider.defaultModel, { class: 'text' }),
    element('td', provider.keyRequired ? yesNo(provider.keyConfigured) : t('viewPage.providers.keyNotNeeded'), {
      class: provider.keyRequired && !provider.keyConfigured ? 'error' : 'text',
    }),
    element('td', yesNo(provider.usable), { class: provider.usable ? 'ok' : 'error' }),
    element('td', health?.label ?? t('health.ok'), { class: `health health-${state}` }),
    element('td', recent, { class: 'number' }),
    `<td class="text">${health?.until ? timeElement(health.until) : '—'}</td>`,
    element('td', provider.limits?.text ?? '—', { class: 'text' }),
  ];
  return `<tr${attributes({ 'data-provider': provider.id, 'data-state': state })}>${labelCells(cells.join(''), headers)}</tr>`;
}

/** GET /providers: each provider's key status (configured or not, never the key), health, rest and limits use. */
export function renderProvidersPage(document: ProvidersDocument, context: PageContext): string {
  const head = [
    t('viewPage.providers.provider'),
    t('viewPage.providers.defaultModel'),
    t('viewPage.providers.key'),
    t('viewPage.providers.usable'),
    t('viewPage.providers.health'),
    t('viewPage.providers.recent'),
    t('viewPage.providers.resting'),
    t('viewPage.providers.limits'),
  ];
  const content =
    document.providers.length === 0
      ? element('p', t('viewPage.providers.none'), { class: 'empty' })
      : `<div class="table-scroll"><table class="metrics providers stacked"><thead><tr>${head.map((name) => element('th', name)).join('')}</tr></thead><tbody>${document.providers
          .map((provider) => providerRow(provider, head))
          .join('')}</tbody></table></div>`;
  const body = `<h1>${escapeHtml(t('viewPage.providers.title'))}</h1>
${content}
<p class="meta">${escapeHtml(t('viewPage.providers.note'))}</p>`;
  return renderLayout({ page: 'providers', title: t('viewPage.providers.title'), body }, context);
}
