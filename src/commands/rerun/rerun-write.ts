import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { RoleSettings, Settings } from '../../config/settings.js';
import type { ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { t } from '../../i18n/translate.js';
import type { StoredRun } from '../../store/history-store.js';
import { summaryTopic } from '../../store/run-summary-fields.js';
import { runWrite, type WriteCommandOptions } from '../write/run-write.js';

/** What a rerun of a write run takes from the command line (see RerunOptions). */
export interface RerunWriteOptions {
  models?: string;
  json: boolean;
  out?: string;
  history?: boolean;
}

/** A stage as `write` stores it in the run's options. */
interface StoredStage {
  stage: string;
  role: string;
  models: string[];
  temperature: number | null;
  maxTokens: number | null;
}

const storedStages = (run: StoredRun): StoredStage[] | null => {
  const stages = run.options.stages;
  if (!Array.isArray(stages) || stages.length === 0) return null;
  const valid = stages.every(
    (stage: Partial<StoredStage>) => typeof stage.stage === 'string' && typeof stage.role === 'string' && Array.isArray(stage.models),
  );
  return valid ? (stages as StoredStage[]) : null;
};

const optionText = (value: unknown) => (typeof value === 'number' ? String(value) : undefined);

/**
 * Runs a stored `write` run again as a new write run linked to it (kind `write`, parentRunId the old
 * run): the stored brief, the stored config when it still exists (its roles' system prompts and
 * settings), each stage on the models it used then, or all stages on `-m`'s models.
 */
export async function rerunWrite(run: StoredRun, options: RerunWriteOptions, io: CommandIO): Promise<ExitCodeValue> {
  const stages = storedStages(run);
  if (!stages) throw new UsageError(t('history.rerun.noStages', { id: run.id }));
  const config = typeof run.options.config === 'string' ? path.resolve(io.cwd, run.options.config) : null;
  const override = options.models?.trim() ? options.models.split(',').map((model) => model.trim()) : null;
  if (config && !existsSync(config) && !override) throw new UsageError(t('history.rerun.configGone', { config, id: run.id }));
  const amendSettings = (settings: Settings): Settings => {
    const roles: Record<string, RoleSettings> = { ...settings.roles };
    for (const stage of stages) {
      const current = settings.roles[stage.role];
      roles[stage.role] = {
        ...current,
        models: override ?? stage.models,
        ...(current?.temperature === undefined && stage.temperature !== null ? { temperature: stage.temperature } : {}),
        ...(current?.maxTokens === undefined && stage.maxTokens !== null ? { maxTokens: stage.maxTokens } : {}),
      };
    }
    return { ...settings, roles };
  };
  const writeOptions: WriteCommandOptions = {
    // names the run's directory; the brief itself is the stored one
    topic: summaryTopic(run.topic, run.prompt, null) || 'rerun',
    config: config && existsSync(config) ? config : undefined,
    revise: stages.some((stage) => stage.stage === 'revise'),
    out: options.out,
    timeout: optionText(run.options.timeoutMs),
    retries: optionText(run.options.retries),
    stream: run.options.stream !== false,
    json: options.json,
    history: options.history,
  };
  const prompt = { text: run.prompt, source: run.promptSource, topic: run.topic };
  return runWrite(writeOptions, io, {}, { parentRunId: run.id, prompt, amendSettings });
}
