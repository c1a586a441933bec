import type { CommandIO } from '../../cli/command-io.js';
import type { Settings } from '../../config/settings.js';
import { openHealth } from '../../health/open-health.js';
import { openLimits } from '../../limits/open-limits.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../providers/language-model.js';
import type { ResolvedModel } from '../../providers/registry.js';
import type { ModelResult } from '../../run/model-result.js';
import { runModels } from '../../run/run-models.js';
import { createBatchProgressReporter } from '../../ui/batch-progress-reporter.js';

/**
 * The cells of the models without a batch API, called as a batch run calls them (its progress line,
 * each provider's health and rateLimit / tokenLimit, the files), recorded into the same run.
 */
export async function runOrdinaryCells(
  plan: RunPlan,
  models: readonly ResolvedModel[],
  context: {
    save: (result: ModelResult) => ModelResult;
    io: CommandIO;
    deps: { createModel?(model: ResolvedModel): Promise<LanguageModel> };
    settings: Settings;
    runId: number;
  },
): Promise<ModelResult[]> {
  const { save, io, deps } = context;
  const health = await openHealth(io, context.settings);
  const limits = await openLimits(io, models, true);
  limits?.setRunId(context.runId);
  const total = (plan.batch?.length ?? 1) * models.length;
  const progress = createBatchProgressReporter(io.stderr, { total, now: io.now, terminal: io.stderr.isTTY === true && !io.env.CI });
  const createModel = deps.createModel ?? ((model: ResolvedModel) => createLanguageModel(model, io.env));
  return runModels(
    { ...plan, models: [...models] },
    {
      createModel,
      now: io.now,
      sleep: io.sleep,
      signal: io.signal,
      health,
      limits: limits?.keeper,
      events: {
        started: (model, index, count) => progress.started(model, index, count),
        retrying: (model, info) => progress.retrying(model, info),
        warning: (model, message) => progress.warning(model, message),
        fallingBack: (model, fallback, error) => progress.fallingBack(model, fallback, error),
        ended: (model) => progress.ended?.(model),
        finished: (result) => {
          const saved = save(result);
          progress.finished(saved);
          return saved;
        },
      },
    },
  ).finally(async () => {
    progress.stop();
    await health.settled?.();
    limits?.close();
  });
}
