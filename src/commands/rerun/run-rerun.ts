import type { BatchPrompt } from '../../batch/read-prompt-batch.js';
import type { CommandIO } from '../../cli/command-io.js';
import type { ExitCodeValue } from '../../errors/exit-codes.js';
import { loadRun, openHistory } from '../history/open-history.js';
import { runCompare, type CompareCommandOptions } from '../compare/run-compare.js';
import { rerunWrite } from './rerun-write.js';

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

const optionText = (value: unknown) => (typeof value === 'number' ? String(value) : undefined);

/**
 * Runs a stored run's prompt and options again, on its models or others, as a new run linked to it:
 * a comparison (or batch) as kind `rerun`; a `write` run as a new `write` run with parentRunId set.
 */
export async function runRerun(runIdText: string, options: RerunOptions, io: CommandIO): Promise<ExitCodeValue> {
  const store = await openHistory(io);
  const run = (() => {
    try {
      return loadRun(store, runIdText);
    } finally {
      store.close();
    }
  })();
  if (run.kind === 'write') return rerunWrite(run, options, io);
  const stored = run.options;
  const batch = Array.isArray(stored.prompts) ? (stored.prompts as BatchPrompt[]) : undefined;
  const models = options.models ?? (Array.isArray(stored.models) ? stored.models.join(',') : '');
  const compareOptions: CompareCommandOptions = {
    models,
    promptText: { text: run.prompt, source: run.promptSource, topic: run.topic },
    promptBatch: batch,
    concurrency: optionText(stored.concurrency),
    systemText: run.systemPrompt ?? undefined,
    maxTokens: optionText(stored.maxTokens),
    temperature: optionText(stored.temperature),
    timeout: optionText(stored.timeoutMs),
    retries: optionText(stored.retries),
    fallback: typeof stored.fallback === 'string' ? stored.fallback : undefined,
    judge: typeof stored.judge === 'string' ? stored.judge : undefined,
    judgeMode: stored.judgeMode === 'pairwise' ? 'pairwise' : undefined,
    cache: stored.cache === true,
    stream: stored.stream !== false,
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
