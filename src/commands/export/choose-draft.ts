import type { CommandIO } from '../../cli/command-io.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { StoredRun } from '../../store/history-store.js';
import type { StoredPick } from '../../store/verdicts.js';
import { findDraft } from '../pick/run-pick.js';

/** One draft of a stored run. */
export type StoredDraft = StoredRun['results'][number];

/**
 * Why that draft: `--model` named it, the writer picked it (`pick`, the latest pick wins), it was the
 * only successful draft, or it is a write run's final draft.
 */
export type DraftChoiceReason = 'model' | 'pick' | 'only' | 'final';

/** The draft to export or publish, and why it was chosen (for the line that says so). */
export interface DraftChoice {
  result: StoredDraft;
  reason: DraftChoiceReason;
  /** The batch prompt the draft answers; null outside a batch. */
  promptId: string | null;
}

/** What else the choice may need: a batch run's prompt, the env that resolves aliases, the results' stored positions. */
export interface ChooseDraftOptions {
  /** In a batch, the prompt whose drafts to choose among (the picks are filtered to it too). */
  promptId?: string;
  /** Resolves a provider name or alias given to --model (its default model). */
  env?: CommandIO['env'];
  /** `store.verdicts.positionsOf(run.id)`: tells two drafts of one model apart for a pick. */
  positions?: readonly number[];
}

const successful = (drafts: readonly StoredDraft[]) => drafts.filter((draft) => draft.status === 'ok' && Boolean(draft.text));
const modelList = (drafts: readonly StoredDraft[]) => [...new Set(drafts.map((draft) => draft.model))].join(', ');

/** The words of a choice's reason, in the run's language. */
export function draftChoiceReason(reason: DraftChoiceReason): string {
  return t(`export.reason.${reason}`);
}

/** The batch prompt to choose within: null outside a batch; a batch of several prompts needs --prompt-id. */
function batchPrompt(run: StoredRun, promptId: string | undefined): string | null {
  const ids = [...new Set(run.results.flatMap((result) => (result.promptId === undefined ? [] : [result.promptId])))];
  if (ids.length === 0) {
    if (promptId !== undefined) throw new UsageError(t('verdict.pick.notBatch', { runId: run.id }));
    return null;
  }
  if (promptId === undefined) {
    if (ids.length > 1) throw new UsageError(t('verdict.pick.needPromptId', { runId: run.id, ids: ids.join(', ') }));
    return ids[0] as string;
  }
  if (!ids.includes(promptId)) throw new UsageError(t('verdict.pick.unknownPromptId', { runId: run.id, promptId, ids: ids.join(', ') }));
  return promptId;
}

/**
 * Chooses the draft of `run` to export: the one `modelSpec` names (an id, an alias or the part after
 * `provider:`; a failed one is a UsageError naming the successful ones), else the run's latest pick,
 * else a write run's final draft, else its only successful draft. In a batch of several prompts,
 * `options.promptId` is required. Several successful drafts and no
 * pick is a UsageError (exit 2) listing them and saying to pass --model or `pick` one.
 */
export function chooseDraft(
  run: StoredRun,
  picks: readonly StoredPick[],
  modelSpec?: string,
  options: ChooseDraftOptions = {},
): DraftChoice {
  const promptId = batchPrompt(run, options.promptId);
  const inPrompt = (draft: StoredDraft) => promptId === null || draft.promptId === promptId;
  // a write run's article is its writer's (the revision's) output, not the plan or the review: the latest first
  const isArticle = (draft: StoredDraft) =>
    run.kind !== 'write' || draft.role === 'writer' || draft.stage === 'writer' || draft.stage === 'revise';
  const drafts = run.kind === 'write' ? run.results.filter(isArticle).reverse() : run.results.filter(inPrompt);
  const ok = successful(drafts);
  if (modelSpec !== undefined && modelSpec.trim() !== '') {
    const draft = findDraft(drafts, modelSpec, options.env ?? {});
    if (!draft) throw new UsageError(t('export.choose.notInRun', { model: modelSpec, runId: run.id, models: modelList(drafts) }));
    if (draft.status !== 'ok' || !draft.text) {
      throw new UsageError(t('export.choose.failed', { model: draft.model, runId: run.id, models: modelList(ok) || '—' }));
    }
    return { result: draft, reason: 'model', promptId };
  }
  const pick = [...picks].reverse().find((candidate) => promptId === null || candidate.promptId === promptId);
  if (pick) {
    const positions = options.positions ?? run.results.map((_result, index) => index);
    const atPosition = run.results.find((draft, index) => positions[index] === pick.position && draft.model === pick.model);
    const picked = atPosition ?? ok.find((draft) => draft.model === pick.model);
    if (picked && picked.status === 'ok' && picked.text) return { result: picked, reason: 'pick', promptId };
  }
  if (ok.length === 0) throw new UsageError(t('export.choose.noneSucceeded', { runId: run.id }));
  if (run.kind === 'write') return { result: ok[0] as StoredDraft, reason: 'final', promptId };
  if (ok.length === 1) return { result: ok[0] as StoredDraft, reason: 'only', promptId };
  throw new UsageError(t('export.choose.ambiguous', { runId: run.id, count: ok.length, models: modelList(ok) }));
}
