import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import { defaultVoter } from '../../io/default-voter.js';
import type { StoredRun } from '../../store/history-store.js';
import { summaryTopic } from '../../store/run-summary-fields.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { terminalScreen, type Screen } from '../../ui/terminal-screen.js';
import { loadRun, openHistory } from '../history/open-history.js';
import { cleanVoterName } from './voter-name.js';
import { terminalKeys, type KeyReader } from './key-reader.js';
import { planRunDuels, type DraftGroup } from './plan-duels.js';
import { draftGroups, lastVotableRun } from './vote-drafts.js';
import { voteRandom } from './vote-random.js';
import { runVoteSession } from './vote-session.js';
import { renderVoteSummary } from './vote-summary.js';

/** `wechat-writer vote` options. */
export interface VoteOptions {
  /** `--voter`; the OS user when absent. */
  voter?: string;
  /** `--prompt-id`: in a batch run, only this prompt's drafts. */
  promptId?: string;
}

/** The terminal pieces of a vote, swapped in by tests (scripted keys, a screen keeping its frames). */
export interface VoteDeps {
  /** The keys read; with it no terminal is needed. The terminal's keys (raw mode) when absent. */
  keys?: () => KeyReader;
  /** Where duels are drawn; the terminal's alternate screen when absent. */
  screen?: () => Screen;
}

/** Whether the duels can run here: keys from a terminal and a terminal to draw on. */
export const voteTerminalReady = (io: CommandIO, deps: VoteDeps): boolean =>
  deps.keys !== undefined || (io.interactive && io.stdout.isTTY === true);

/** `--voter`, else the OS user name (see defaultVoter). */
export function resolveVoter(voter: string | undefined, env: CommandIO['env']): string {
  if (voter !== undefined) {
    const cleaned = cleanVoterName(voter);
    if (!cleaned) throw new UsageError(t('vote.emptyVoter'));
    return cleaned;
  }
  return cleanVoterName(defaultVoter(env)) || defaultVoter(env);
}

/** The drafts to duel over: every prompt with two successful drafts, or only `promptId`'s. */
function groupsToVote(run: StoredRun, positions: readonly number[], promptId: string | undefined): DraftGroup[] {
  const groups = draftGroups(run, positions);
  if (groups.length === 0) throw new UsageError(t('vote.notVotable', { runId: run.id }));
  if (promptId === undefined) return groups;
  const chosen = groups.filter((group) => group.promptId === promptId);
  if (chosen.length === 0) {
    const ids = groups.map((group) => group.promptId ?? '-').join(', ');
    throw new UsageError(t('vote.unknownPrompt', { runId: run.id, promptId, ids }));
  }
  return chosen;
}

/**
 * `wechat-writer vote [runId]`: blind duels over a run's drafts (the last run with two successful
 * drafts by default). Each vote is stored as it is given; the session ends with a short summary.
 * Exit 0 when done or quit, 130 on Ctrl-C (votes kept), 2 without a terminal.
 */
export async function runVote(
  runIdText: string | undefined,
  options: VoteOptions,
  io: CommandIO,
  deps: VoteDeps = {},
): Promise<ExitCodeValue> {
  if (!voteTerminalReady(io, deps)) throw new UsageError(t('vote.needsTerminal'));
  const voter = resolveVoter(options.voter, io.env);
  const store = await openHistory(io);
  try {
    const run = runIdText === undefined ? lastVotableRun(store) : loadRun(store, runIdText);
    if (!run) throw new UsageError(t('vote.noRun', { path: store.path }));
    const duels = planRunDuels(groupsToVote(run, store.verdicts.positionsOf(run.id), options.promptId), voteRandom(io.env));
    const screen = deps.screen?.() ?? terminalScreen(io.stdout, io.env);
    let result;
    try {
      result = await runVoteSession({
        runId: run.id,
        topic: summaryTopic(run.topic, run.prompt.slice(0, 2000), null),
        voter,
        duels,
        keys: deps.keys?.() ?? terminalKeys({ stdin: process.stdin, stdout: process.stdout }, io.signal),
        screen,
        record: (vote) => store.verdicts.recordVotes([vote]),
        currentDate: io.currentDate,
        colorLevel: resolveColorLevel(io.env, io.stdout.isTTY === true),
      });
    } finally {
      screen.close();
    }
    io.stdout.write(renderVoteSummary(result, run.id, voter));
    return result.ended === 'interrupted' ? ExitCode.interrupted : ExitCode.ok;
  } finally {
    store.close();
  }
}
