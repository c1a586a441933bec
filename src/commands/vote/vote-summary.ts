import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { SessionDuel, VoteSessionResult } from './vote-session.js';

/** One vote in words, with the models' names: who beat whom, a tie, or both bad. */
function voteLine({ duel, outcome }: SessionDuel): string {
  const a = terminalSafe(duel.a.model);
  const b = terminalSafe(duel.b.model);
  const line =
    outcome === 'a'
      ? t('vote.summary.win', { winner: a, loser: b })
      : outcome === 'b'
        ? t('vote.summary.win', { winner: b, loser: a })
        : outcome === 'tie'
          ? t('vote.summary.tie', { a, b })
          : t('vote.summary.both-bad', { a, b });
  return duel.promptId === null ? line : t('vote.summary.prompt', { promptId: terminalSafe(duel.promptId), line });
}

/**
 * The session in a few lines: how many votes, each as "model beat model", the skipped count, and
 * how to see the duels not voted on again.
 */
export function renderVoteSummary(result: VoteSessionResult, runId: number, voter: string): string {
  const votes = result.answered.filter((entry) => entry.outcome !== 'skip');
  const skipped = result.answered.length - votes.length;
  const lines: string[] = [];
  if (result.ended === 'interrupted') lines.push(t('vote.summary.interrupted'));
  if (votes.length === 0) lines.push(t('vote.summary.none'));
  else {
    lines.push(t('vote.summary.heading', { runId, voter: terminalSafe(voter), count: votes.length }));
    lines.push(...votes.map((entry) => `  ${voteLine(entry)}`));
  }
  if (skipped > 0) lines.push(t('vote.summary.skipped', { count: skipped }));
  const left = result.total - votes.length;
  if (left > 0) lines.push(t('vote.summary.left', { count: left, runId }));
  return `${lines.join('\n')}\n`;
}
