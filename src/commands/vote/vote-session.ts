import { Chalk, type ChalkInstance } from 'chalk';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import type { DuelOutcome, NewVote } from '../../store/verdicts.js';
import type { ColorLevel } from '../../ui/color-level.js';
import { truncateToWidth } from '../../ui/display-width.js';
import { clampOffset, labelsOnPage, layoutDuel, pageHeight, renderDuelPage, type DuelLayout } from '../../ui/duel-view.js';
import type { Screen } from '../../ui/terminal-screen.js';
import { blindText, namesToHide } from './blind-text.js';
import type { VoteKey } from './key-reader.js';
import type { Duel } from './plan-duels.js';

/** Everything one session of duels needs; tests hand in scripted keys and a screen that keeps frames. */
export interface VoteSessionOptions {
  runId: number;
  /** What the run was about, for the header of a single-prompt run. */
  topic: string;
  voter: string;
  duels: readonly Duel[];
  keys: AsyncIterable<VoteKey>;
  screen: Screen;
  /** Stores one vote at once (a vote given is kept whatever happens next). */
  record(vote: NewVote): void;
  currentDate(): Date;
  colorLevel: ColorLevel;
}

/** A duel of the session and what was voted (or that it was skipped). */
export interface SessionDuel {
  duel: Duel;
  outcome: DuelOutcome | 'skip';
}

/** How the session went: the duels seen, and how it ended (every duel, q, or Ctrl-C / a signal). */
export interface VoteSessionResult {
  answered: SessionDuel[];
  total: number;
  ended: 'done' | 'quit' | 'interrupted';
}

const outcomes: Partial<Record<VoteKey, DuelOutcome>> = { a: 'a', b: 'b', t: 'tie', x: 'both-bad' };
/** The header above the page and the footer below it. */
const headerLines = 2;
const footerLines = 2;

/**
 * Runs the duels one after the other: each shows 稿件 A and 稿件 B (paged), reads keys until a vote,
 * a skip or quit, records the vote at once and reveals the two models. The keys' end reads as q.
 */
export async function runVoteSession(options: VoteSessionOptions): Promise<VoteSessionResult> {
  const color = new Chalk({ level: options.colorLevel });
  const answered: SessionDuel[] = [];
  const iterator = options.keys[Symbol.asyncIterator]();
  const nextKey = async (): Promise<VoteKey> => {
    const next = await iterator.next();
    return next.done ? 'q' : next.value;
  };
  const total = options.duels.length;
  const hidden = namesToHide(options.duels.flatMap((duel) => [duel.a.model, duel.b.model]));
  const finish = (ended: VoteSessionResult['ended']): VoteSessionResult => ({ answered, total, ended });
  try {
    for (const [index, duel] of options.duels.entries()) {
      const header = [
        color.bold(
          duel.promptId === null
            ? t('vote.header', { index: index + 1, total, runId: options.runId, topic: terminalSafe(options.topic).replace(/\s+/g, ' ') })
            : t('vote.headerPrompt', { index: index + 1, total, runId: options.runId, promptId: terminalSafe(duel.promptId) }),
        ),
        '',
      ];
      const texts = {
        labelA: color.bold.cyan(t('vote.draftA')),
        labelB: color.bold.magenta(t('vote.draftB')),
        textA: blindText(terminalSafe(duel.a.text), hidden, t('vote.hiddenModel')),
        textB: blindText(terminalSafe(duel.b.text), hidden, t('vote.hiddenModel')),
      };
      let columnsNow = options.screen.size().columns;
      let layout: DuelLayout = layoutDuel(texts, columnsNow);
      let offset = 0;
      let voted: DuelOutcome | null = null;
      for (;;) {
        const { columns, rows } = options.screen.size();
        if (columns !== columnsNow) {
          columnsNow = columns;
          layout = layoutDuel(texts, columns);
          offset = 0;
        }
        const height = pageHeight(layout, rows, headerLines + footerLines);
        offset = clampOffset(layout, offset, height);
        const footer = voted === null ? votingFooter(layout, offset, height, color) : revealFooter(duel, voted, index === total - 1, color);
        options.screen.draw(renderDuelPage(layout, { header, footer, offset, height }));
        const key = await nextKey();
        if (key === 'interrupt') return finish('interrupted');
        if (key === 'resize') continue;
        if (voted !== null) {
          // after the reveal any key goes on to the next duel, q stops
          if (key === 'q') return finish('quit');
          break;
        }
        if (key === 'q') return finish('quit');
        if (key === 's') {
          answered.push({ duel, outcome: 'skip' });
          break;
        }
        offset += { 'next-page': height, 'previous-page': -height, 'line-down': 1, 'line-up': -1 }[key as string] ?? 0;
        const outcome = outcomes[key];
        if (outcome === undefined) continue;
        options.record(voteOf(options, duel, outcome));
        answered.push({ duel, outcome });
        voted = outcome;
      }
    }
    return finish('done');
  } finally {
    await iterator.return?.();
  }
}

/** The vote as stored: the positions and models shown as A and B, and who voted when. */
function voteOf(options: VoteSessionOptions, duel: Duel, outcome: DuelOutcome): NewVote {
  return {
    runId: options.runId,
    promptId: duel.promptId,
    positionA: duel.a.position,
    positionB: duel.b.position,
    modelA: duel.a.model,
    modelB: duel.b.model,
    outcome,
    source: 'human',
    voter: options.voter,
    inconsistent: false,
    createdAt: options.currentDate().toISOString(),
  };
}

/** Where the page is in the drafts and how to move, then the vote keys (dimmed). */
function votingFooter(layout: DuelLayout, offset: number, height: number, color: ChalkInstance): string[] {
  const totalLines = layout.body.length;
  const shown = labelsOnPage(layout, offset, height);
  const where =
    totalLines <= height
      ? t('vote.allShown')
      : [
          ...(shown.length > 0 ? [shown.join(' + ')] : []),
          t('vote.lines', { from: offset + 1, to: Math.min(totalLines, offset + height), total: totalLines }),
          t('vote.pageKeys'),
        ].join(' · ');
  return [color.dim(truncateToWidth(where, layout.width)), color.dim(truncateToWidth(t('vote.voteKeys'), layout.width))];
}

/** After a vote: what was voted and which model wrote which draft, then how to go on. */
function revealFooter(duel: Duel, voted: DuelOutcome, last: boolean, color: ChalkInstance): string[] {
  const reveal = t('vote.reveal', { a: terminalSafe(duel.a.model), b: terminalSafe(duel.b.model) });
  return [
    color.bold(t('vote.revealLine', { chose: t(`vote.chose.${voted}`), reveal })),
    color.dim(t(last ? 'vote.continueLast' : 'vote.continue')),
  ];
}
