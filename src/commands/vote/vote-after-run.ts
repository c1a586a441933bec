import type { CommandIO } from '../../cli/command-io.js';
import type { ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { ModelResult } from '../../run/model-result.js';
import { runVote, voteTerminalReady, type VoteDeps } from './run-vote.js';

/** Whether some prompt has two successful drafts to compare. */
function hasDuel(results: readonly ModelResult[]): boolean {
  const counts = new Map<string | undefined, number>();
  for (const result of results) {
    if (result.status !== 'ok' || !result.text?.trim()) continue;
    counts.set(result.promptId, (counts.get(result.promptId) ?? 0) + 1);
  }
  return [...counts.values()].some((count) => count >= 2);
}

/**
 * `--vote` on a comparison: the duels of `vote` on the run just made, when it is in the history, ran
 * in a terminal and has two successful drafts of one prompt; otherwise one warning line and nothing
 * else. Returns the vote's exit code, or null when there was no vote.
 */
export async function voteAfterRun(
  run: { runId: number | null; recording: boolean },
  results: readonly ModelResult[],
  io: CommandIO,
  deps: VoteDeps = {},
): Promise<ExitCodeValue | null> {
  const warn = (line: string) => {
    io.stderr.write(`${line}\n`);
    return null;
  };
  if (run.runId === null || !run.recording) return warn(t('vote.afterRun.noHistory'));
  if (!voteTerminalReady(io, deps)) return warn(t('vote.afterRun.noTerminal', { runId: run.runId }));
  if (!hasDuel(results)) return warn(t('vote.afterRun.tooFew'));
  try {
    return await runVote(String(run.runId), {}, io, deps);
  } catch (error) {
    // the run itself went well: a history that cannot be read now costs the vote, not the run
    if (error instanceof UsageError) return warn(`wechat-writer: ${error.message}`);
    throw error;
  }
}
