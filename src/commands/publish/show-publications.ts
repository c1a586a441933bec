import { formatLocalTime } from '../../format/format-local-time.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { StoredPublication } from '../../store/publication-store.js';

/** The lines `history show` adds for a run's publications (nothing when it has none). */
export function renderPublications(publications: readonly StoredPublication[]): string {
  if (publications.length === 0) return '';
  const lines = publications.map(
    (publication) =>
      `  ${t('publish.history.line', {
        time: formatLocalTime(publication.createdAt),
        model: publication.promptId === null ? publication.model : `${publication.promptId} · ${publication.model}`,
        theme: publication.theme,
        mediaId: publication.mediaId,
        title: publication.title,
      })}`,
  );
  return `${terminalSafe([t('publish.history.heading'), ...lines].join('\n'))}\n`;
}

/** A run's publications as `history show --json` lists them. */
export function publicationsJson(publications: readonly StoredPublication[]): Record<string, unknown>[] {
  return publications.map(({ id: _id, runId: _runId, ...publication }) => publication);
}
