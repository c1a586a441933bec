import { t } from '../i18n/translate.js';
import { duelLine, shortLocalTime } from './duel-text.js';
import type { JsonReport } from './json-report.js';

/** Plain text inside a Markdown list item: markup characters escaped, one line. */
const plain = (text: string) => text.replace(/[\\`*_[\]<>|#]/g, (character) => `\\${character}`).replace(/\s*\n\s*/g, ' ');

/** The Markdown report's lines about tags, duels and picks (none when the run has none). */
export function markdownDuels(report: JsonReport): string[] {
  const votes = report.votes ?? [];
  const picks = report.picks ?? [];
  const lines: string[] = [];
  if (report.tags?.length) lines.push(plain(t('verdict.report.tags', { tags: report.tags.join(', ') })), '');
  if (votes.length > 0) lines.push(`## ${t('verdict.report.duels')}`, '', ...votes.map((vote) => `- ${plain(duelLine(vote))}`), '');
  if (picks.length > 0) {
    lines.push(`## ${t('verdict.report.picks')}`, '');
    for (const pick of picks) {
      const line = t('verdict.show.pick', { model: pick.model, voter: pick.voter, time: shortLocalTime(pick.createdAt) });
      lines.push(`- ${plain(`${pick.promptId === null ? '' : `[${pick.promptId}] `}${line}`)}`);
    }
    lines.push('');
  }
  return lines;
}
