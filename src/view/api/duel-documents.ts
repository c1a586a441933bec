import { blindText, namesToHide } from '../../commands/vote/blind-text.js';
import { planRunDuels } from '../../commands/vote/plan-duels.js';
import { draftGroups } from '../../commands/vote/vote-drafts.js';
import { voteRandom } from '../../commands/vote/vote-random.js';
import { cleanVoterName } from '../../commands/vote/voter-name.js';
import { t } from '../../i18n/translate.js';
import { defaultVoter } from '../../io/default-voter.js';
import type { Env } from '../../io/env.js';
import type { HistoryStore } from '../../store/history-store.js';
import type { DuelOutcome, NewVote } from '../../store/verdicts.js';
import { ViewError } from '../server/view-error.js';
import { bodyField, isOptionalText, isPosition, isRunId } from './parse-view-query.js';
import { storedRun } from './run-documents.js';
import type { DuelsDocument, VoteReceipt } from './view-documents.js';

const outcomes: DuelOutcome[] = ['a', 'b', 'tie', 'both-bad'];

/** GET /api/runs/:id/duels: the run's blind duels as `vote` plans them: positions and masked texts, no model. */
export function duelsDocument(store: HistoryStore, runId: number, env: Env): DuelsDocument {
  const run = storedRun(store, runId);
  const groups = draftGroups(run, store.verdicts.positionsOf(run.id));
  if (groups.length === 0) {
    const reason = run.kind === 'write' ? t('viewServer.vote.writeRun', { runId }) : t('vote.notVotable', { runId });
    return { version: 1, runId, duels: [], reason };
  }
  const duels = planRunDuels(groups, voteRandom(env));
  const hidden = namesToHide(duels.flatMap((duel) => [duel.a.model, duel.b.model]));
  const mask = t('vote.hiddenModel');
  return {
    version: 1,
    runId,
    reason: null,
    duels: duels.map((duel) => ({
      promptId: duel.promptId,
      a: { position: duel.a.position, text: blindText(duel.a.text, hidden, mask) },
      b: { position: duel.b.position, text: blindText(duel.b.text, hidden, mask) },
    })),
  };
}

/** What recording a vote needs beyond the store. */
export interface VoteContext {
  env: Env;
  currentDate(): Date;
}

/**
 * POST /api/votes: stores one human vote exactly as `vote` does (positions and models of A and B,
 * source human, the voter) and answers with the names revealed.
 */
export function recordVote(store: HistoryStore, body: Record<string, unknown>, context: VoteContext): VoteReceipt {
  const runId = bodyField(body, 'runId', isRunId);
  const a = bodyField(body, 'a', isPosition);
  const b = bodyField(body, 'b', isPosition);
  const winner = bodyField(body, 'winner', (value): value is DuelOutcome => outcomes.includes(value as DuelOutcome));
  const voterText = bodyField(body, 'voter', isOptionalText);
  const promptText = bodyField(body, 'promptId', isOptionalText);
  if (a === b) throw new ViewError(400, t('viewServer.error.sameDraft'));
  const run = storedRun(store, runId);
  const groups = draftGroups(run, store.verdicts.positionsOf(run.id));
  const group = groups.find((candidate) => {
    const positions = candidate.drafts.map((draft) => draft.position);
    return positions.includes(a) && positions.includes(b);
  });
  if (!group) throw new ViewError(400, t('viewServer.error.notADuel', { runId, a, b }));
  if (promptText != null && promptText !== '' && promptText !== group.promptId) {
    throw new ViewError(400, t('viewServer.error.notADuel', { runId, a, b }));
  }
  const draftA = group.drafts.find((draft) => draft.position === a)!;
  const draftB = group.drafts.find((draft) => draft.position === b)!;
  const voter = (voterText ? cleanVoterName(voterText) : '') || cleanVoterName(defaultVoter(context.env)) || defaultVoter(context.env);
  const vote: NewVote = {
    runId,
    promptId: group.promptId,
    positionA: a,
    positionB: b,
    modelA: draftA.model,
    modelB: draftB.model,
    outcome: winner,
    source: 'human',
    voter,
    inconsistent: false,
    createdAt: context.currentDate().toISOString(),
  };
  store.verdicts.recordVotes([vote]);
  return {
    version: 1,
    runId,
    promptId: group.promptId,
    a: { position: a, model: draftA.model },
    b: { position: b, model: draftB.model },
    winner,
    voter,
    createdAt: vote.createdAt,
  };
}
