import { t } from '../i18n/translate.js';
import { duelWhoText, shortLocalTime } from './duel-text.js';
import { escapeHtml } from './escape-html.js';
import type { JsonReport, ReportVote } from './json-report.js';

const td = (text: string) => `<td>${escapeHtml(text)}</td>`;

const outcomeLabel = (vote: ReportVote): string =>
  t(
    vote.outcome === 'a'
      ? 'verdict.report.winsA'
      : vote.outcome === 'b'
        ? 'verdict.report.winsB'
        : vote.outcome === 'tie'
          ? 'verdict.report.tie'
          : 'verdict.report.bothBad',
  );

/** The winner's cell is marked (`class="won"`), a tie marks neither. */
const modelCell = (model: string, won: boolean) => (won ? `<td class="won"><strong>${escapeHtml(model)}</strong></td>` : td(model));

function tableHtml(head: string[], rows: string[]): string {
  const header = head.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  return `<div class="table-scroll"><table class="metrics duels"><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * The verdicts on a run (from `history show`): its tags, the result of each duel (who against whom,
 * the outcome, the source and voter) and the drafts picked. Empty when the run has none of them.
 */
export function duelsSection(report: JsonReport): string {
  const votes = report.votes ?? [];
  const picks = report.picks ?? [];
  const tags = report.tags ?? [];
  if (votes.length === 0 && picks.length === 0 && tags.length === 0) return '';
  const batch = [...votes, ...picks].some((verdict) => verdict.promptId !== null);
  const parts: string[] = [];
  if (tags.length > 0) parts.push(`<div class="meta tags">${escapeHtml(t('verdict.report.tags', { tags: tags.join(', ') }))}</div>`);
  if (votes.length > 0) {
    const head = [
      ...(batch ? [t('verdict.report.prompt')] : []),
      t('verdict.report.draftA'),
      t('verdict.report.draftB'),
      t('verdict.report.outcome'),
      t('verdict.report.source'),
    ];
    const rows = votes.map(
      (vote) =>
        `<tr data-outcome="${escapeHtml(vote.outcome)}">${batch ? td(vote.promptId ?? '') : ''}${modelCell(vote.modelA, vote.outcome === 'a')}${modelCell(
          vote.modelB,
          vote.outcome === 'b',
        )}${td(outcomeLabel(vote))}${td(duelWhoText(vote))}</tr>`,
    );
    parts.push(`<h2>${escapeHtml(t('verdict.report.duels'))}</h2>\n${tableHtml(head, rows)}`);
  }
  if (picks.length > 0) {
    const head = [
      ...(batch ? [t('verdict.report.prompt')] : []),
      t('verdict.report.model'),
      t('verdict.report.voter'),
      t('verdict.report.time'),
    ];
    const rows = picks.map(
      (pick) => `<tr>${batch ? td(pick.promptId ?? '') : ''}${td(pick.model)}${td(pick.voter)}${td(shortLocalTime(pick.createdAt))}</tr>`,
    );
    parts.push(`<h2>${escapeHtml(t('verdict.report.picks'))}</h2>\n${tableHtml(head, rows)}`);
  }
  return `<section class="summary verdicts">\n${parts.join('\n')}\n</section>\n`;
}
