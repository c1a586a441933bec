import { copyFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultVoter } from '../../io/default-voter.js';
import { cleanVoterName } from '../vote/voter-name.js';
import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { terminalSafe } from '../../format/terminal-safe.js';
import { t } from '../../i18n/translate.js';
import { resolveModel } from '../../providers/registry.js';
import type { StoredRun } from '../../store/history-store.js';
import { loadRun, openHistory } from '../history/open-history.js';

/** `wechat-writer pick` options. */
export interface PickOptions {
  promptId?: string;
  voter?: string;
}

type StoredResult = StoredRun['results'][number];

/** The drafts a pick chooses among: the run's, or in a batch the chosen prompt's. */
function draftsOf(run: StoredRun, promptId: string | undefined): { promptId: string | null; drafts: StoredResult[] } {
  const ids = [...new Set(run.results.flatMap((result) => (result.promptId === undefined ? [] : [result.promptId])))];
  if (ids.length === 0) {
    if (promptId !== undefined) throw new UsageError(t('verdict.pick.notBatch', { runId: run.id }));
    return { promptId: null, drafts: run.results };
  }
  if (promptId === undefined) {
    if (ids.length > 1) throw new UsageError(t('verdict.pick.needPromptId', { runId: run.id, ids: ids.join(', ') }));
    return { promptId: ids[0] as string, drafts: run.results };
  }
  if (!ids.includes(promptId)) throw new UsageError(t('verdict.pick.unknownPromptId', { runId: run.id, promptId, ids: ids.join(', ') }));
  return { promptId, drafts: run.results.filter((result) => result.promptId === promptId) };
}

/**
 * The draft a model name means among `drafts`: its exact id as listed in the run (`mock:alpha`), an
 * alias or provider name resolving to it (`gpt`, `openai`), or the part after `provider:` when only
 * one draft has it. A successful draft wins over a failed one of the same model.
 */
export function findDraft(drafts: readonly StoredResult[], spec: string, env: CommandIO['env']): StoredResult | undefined {
  const wanted = spec.trim();
  const byId = (id: string) => {
    const matches = drafts.filter((draft) => draft.model === id);
    return matches.find((draft) => draft.status === 'ok') ?? matches[0];
  };
  const exact = byId(wanted);
  if (exact) return exact;
  try {
    const resolved = byId(resolveModel(wanted, env).id);
    if (resolved) return resolved;
  } catch {
    // not a known provider or alias: try the model part below
  }
  const suffix = [...new Set(drafts.filter((draft) => draft.model.slice(draft.model.indexOf(':') + 1) === wanted).map((d) => d.model))];
  return suffix.length === 1 ? byId(suffix[0] as string) : undefined;
}

/**
 * The chosen file's name: `chosen.md` (`chosen-<promptId>.md`), after the run's own file-name prefix
 * when its drafts share a directory with other runs' (`20261202-0618_周末咖啡_chosen.md` beside
 * `20261202-0618_周末咖啡_mock-alpha.md`), so a second pick in ./output does not overwrite the first.
 */
export function chosenFileName(draftFiles: readonly string[], promptId: string | null): string {
  const names = draftFiles.map((file) => path.basename(file));
  let prefix = names[0] ?? '';
  for (const name of names.slice(1)) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const runPrefix = names.length > 1 ? prefix.slice(0, prefix.lastIndexOf('_') + 1) : '';
  return `${runPrefix}${promptId === null ? 'chosen.md' : `chosen-${promptId}.md`}`;
}

/** Copies the chosen draft beside the run's outputs; the line saying what happened. */
async function copyChosen(draft: StoredResult, drafts: readonly StoredResult[], promptId: string | null, io: CommandIO): Promise<string> {
  if (!draft.outputFile) return t('verdict.pick.noOutputFile');
  const source = path.resolve(io.cwd, draft.outputFile);
  const directory = path.dirname(source);
  const shown = (file: string) => path.relative(io.cwd, file) || file;
  const isDirectory = await stat(directory).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (!isDirectory) return t('verdict.pick.outputsGone', { directory: shown(directory) });
  const siblings = drafts.flatMap((other) =>
    other.outputFile && path.dirname(path.resolve(io.cwd, other.outputFile)) === directory ? [other.outputFile] : [],
  );
  const target = path.join(directory, chosenFileName(siblings, promptId));
  try {
    // the saved file (with its header) when it is still there, else the text the history kept
    await copyFile(source, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || path.resolve(source) === path.resolve(target)) throw error;
      await writeFile(target, `${draft.text ?? ''}\n`);
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return t('verdict.pick.copyFailed', { file: shown(target), reason });
  }
  return t('verdict.pick.copied', { file: shown(target) });
}

/**
 * Records the draft the writer chose to publish (a win over every other successful draft of its run,
 * of its prompt in a batch) and copies it to `chosen.md` (`chosen-<promptId>.md`) beside the outputs (see chosenFileName).
 */
export async function runPick(runIdText: string, modelSpec: string, options: PickOptions, io: CommandIO): Promise<ExitCodeValue> {
  if (options.voter !== undefined && cleanVoterName(options.voter) === '') throw new UsageError(t('verdict.pick.voterEmpty'));
  const voter =
    (options.voter === undefined ? '' : cleanVoterName(options.voter)) || cleanVoterName(defaultVoter(io.env)) || defaultVoter(io.env);
  const store = await openHistory(io);
  try {
    const run = loadRun(store, runIdText);
    if (run.kind === 'write') throw new UsageError(t('verdict.pick.writeRun', { runId: run.id }));
    const { promptId, drafts } = draftsOf(run, options.promptId);
    const draft = findDraft(drafts, modelSpec, io.env);
    if (!draft) {
      const models = [...new Set(drafts.map((result) => result.model))].join(', ');
      throw new UsageError(t('verdict.pick.notInRun', { model: modelSpec, runId: run.id, models }));
    }
    if (draft.status !== 'ok' || !draft.text) throw new UsageError(t('verdict.pick.failed', { model: draft.model, runId: run.id }));
    store.verdicts.recordPick({
      runId: run.id,
      promptId,
      position: store.verdicts.positionsOf(run.id)[run.results.indexOf(draft)] ?? run.results.indexOf(draft),
      model: draft.model,
      voter,
      createdAt: io.currentDate().toISOString(),
    });
    const recorded =
      promptId === null
        ? t('verdict.pick.recorded', { model: draft.model, runId: run.id, voter })
        : t('verdict.pick.recordedPrompt', { model: draft.model, promptId, runId: run.id, voter });
    io.stdout.write(`${terminalSafe(recorded)}\n${terminalSafe(await copyChosen(draft, run.results, promptId, io))}\n`);
    return ExitCode.ok;
  } finally {
    store.close();
  }
}
