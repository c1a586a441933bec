import { formatLocalTime } from '../format/format-local-time.js';
import { t } from '../i18n/translate.js';
import type { VoteSource } from '../store/verdicts.js';
import type { ReportVote } from './json-report.js';

/** `12-02 14:05`: a verdict's local time, short (the full form with its offset is in the JSON). */
export function shortLocalTime(iso: string): string {
  const full = formatLocalTime(iso);
  return /^\d{4}-/.test(full) ? full.slice(5, 16) : full;
}

/** `human` / `人工`, `judge` / `评审模型`. */
export const sourceLabel = (source: VoteSource): string => t(source === 'judge' ? 'verdict.source.judge' : 'verdict.source.human');

/** What a duel decided, sides and models named: `draft A mock:alpha beat draft B mock:beta`. */
export function duelOutcomeText(vote: ReportVote): string {
  const models = { modelA: vote.modelA, modelB: vote.modelB };
  if (vote.outcome === 'a') return t('verdict.duel.won', { winnerSide: 'A', winner: vote.modelA, loserSide: 'B', loser: vote.modelB });
  if (vote.outcome === 'b') return t('verdict.duel.won', { winnerSide: 'B', winner: vote.modelB, loserSide: 'A', loser: vote.modelA });
  return t(vote.outcome === 'tie' ? 'verdict.duel.tie' : 'verdict.duel.bothBad', models);
}

/** Who decided and when: `human, alice, 12-02 14:05` (and for a pairwise judge, when its two orders disagreed). */
export function duelWhoText(vote: ReportVote): string {
  const who = t('verdict.duel.who', { source: sourceLabel(vote.source), voter: vote.voter, time: shortLocalTime(vote.createdAt) });
  return vote.inconsistent ? `${who}${t('verdict.duel.whoSeparator')}${t('verdict.duel.inconsistent')}` : who;
}

/** One line per duel: `draft A mock:alpha beat draft B mock:beta (human, alice, 12-02 14:05)`, the batch prompt first. */
export function duelLine(vote: ReportVote): string {
  const prompt = vote.promptId === null ? '' : `[${vote.promptId}] `;
  return `${prompt}${duelOutcomeText(vote)}${t('verdict.duel.aside', { who: duelWhoText(vote) })}`;
}
