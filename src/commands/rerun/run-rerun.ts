import type { CommandIO } from '../../cli/command-io.js';
import type { ExitCodeValue } from '../../errors/exit-codes.js';
import { readStoredRun } from '../history/open-history.js';
import { runCompare, type CompareCommandOptions } from '../compare/run-compare.js';
import { rerunWrite } from './rerun-write.js';
import { storedCompareOptions } from './stored-compare-options.js';

/** `wechat-writer rerun` options: other models, and how to show the new run. */
export interface RerunOptions {
  models?: string;
  json: boolean;
  out?: string;
  report?: string;
  show?: string;
  live?: boolean;
  history?: boolean;
  /** `--reuse [age]`: pay only for the calls that changed. */
  reuse?: string | boolean;
}

/**
 * Runs a stored run's prompt and options again, on its models or others, as a new run linked to it:
 * a comparison (or batch) as kind `rerun`; a `write` run as a new `write` run with parentRunId set.
 */
export async function runRerun(runIdText: string, options: RerunOptions, io: CommandIO): Promise<ExitCodeValue> {
  const run = await readStoredRun(io, runIdText);
  if (run.kind === 'write') return rerunWrite(run, options, io);
  const compareOptions: CompareCommandOptions = {
    ...storedCompareOptions(run),
    ...(options.models !== undefined ? { models: options.models } : {}),
    json: options.json,
    out: options.out,
    report: options.report,
    show: options.show,
    live: options.live,
    history: options.history,
    reuse: options.reuse,
  };
  return runCompare(compareOptions, io, {}, { kind: 'rerun', parentRunId: run.id });
}
