import { runPick } from '../../commands/pick/run-pick.js';
import type { CommandIO } from '../../cli/command-io.js';
import { defaultVoter } from '../../io/default-voter.js';
import { cleanVoterName } from '../../commands/vote/voter-name.js';
import type { Env } from '../../io/env.js';
import type { HistoryStore } from '../../store/history-store.js';
import { bodyField, isOptionalText, isRunId, isText } from './parse-view-query.js';
import { storedRun } from './run-documents.js';
import type { PickReceipt } from './view-documents.js';

/** What recording a pick needs: the environment (home, voter), where relative output paths start, the clock. */
export interface PickContext {
  env: Env;
  cwd: string;
  currentDate(): Date;
}

/**
 * POST /api/picks: runs `pick` itself (the pick row and the chosen.md copy, exactly as the terminal
 * does) with its printed lines captured; its usage errors become 400s (see the router).
 */
export async function recordPick(store: HistoryStore, body: Record<string, unknown>, context: PickContext): Promise<PickReceipt> {
  const runId = bodyField(body, 'runId', isRunId);
  const model = bodyField(body, 'model', isText);
  const promptId = bodyField(body, 'promptId', isOptionalText);
  const voterText = bodyField(body, 'voter', isOptionalText);
  storedRun(store, runId);
  const voter = (voterText ? cleanVoterName(voterText) : '') || cleanVoterName(defaultVoter(context.env)) || defaultVoter(context.env);
  let printed = '';
  const io: CommandIO = {
    stdout: { write: (text: string) => (printed += text) },
    stderr: { write: (text: string) => (printed += text) },
    env: context.env,
    cwd: context.cwd,
    toolVersion: '',
    now: () => performance.now(),
    currentDate: context.currentDate,
    readTextFile: () => Promise.reject(new Error('not used')),
    readStdin: () => Promise.resolve(''),
    makeDirectory: () => Promise.resolve(),
    sleep: () => Promise.resolve(),
    interactive: false,
  };
  await runPick(String(runId), model, { voter, ...(promptId ? { promptId } : {}) }, io);
  const picks = store.verdicts.picksOf(runId);
  const stored = picks[picks.length - 1];
  return {
    version: 1,
    runId,
    model: stored?.model ?? model,
    promptId: stored?.promptId ?? null,
    voter,
    messages: printed.split('\n').filter((line) => line.trim() !== ''),
  };
}
