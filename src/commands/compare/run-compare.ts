import type { CommandIO } from '../../cli/command-io.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { buildRunPlan, type CompareOptions } from '../../plan/build-run-plan.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../providers/language-model.js';
import type { ResolvedModel } from '../../providers/registry.js';
import { buildJsonReport } from '../../report/json-report.js';
import { writeOutputFile } from '../../report/write-output-file.js';
import type { ModelResult } from '../../run/model-result.js';
import { runModels } from '../../run/run-models.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { createLineProgressReporter, createSpinnerProgressReporter, type ProgressReporter } from '../../ui/progress-reporter.js';
import { renderSummaryTable } from '../../ui/summary-table.js';

/** `wechat-writer [topic]` options: the plan's options plus how to present the result. */
export interface CompareCommandOptions extends CompareOptions {
  json: boolean;
}

/** Overridable pieces of the comparison, for tests. */
export interface CompareDeps {
  createModel?(model: ResolvedModel): Promise<LanguageModel>;
  createProgressReporter?(io: CommandIO): Promise<ProgressReporter>;
}

async function defaultProgressReporter(io: CommandIO): Promise<ProgressReporter> {
  const stderr = io.stderr as NodeJS.WriteStream;
  const interactive = stderr.isTTY === true && !io.env.CI && resolveColorLevel(io.env, true) > 0;
  return interactive ? createSpinnerProgressReporter(stderr, io.now) : createLineProgressReporter(io.stderr);
}

function saver(plan: RunPlan, startedAt: Date, io: CommandIO) {
  return async (result: ModelResult): Promise<ModelResult> => {
    if (result.text === null || result.text === '') return result;
    try {
      const outputFile = await writeOutputFile(result, { outDir: plan.outDir, slug: plan.slug, startedAt, toolVersion: io.toolVersion });
      return { ...result, outputFile };
    } catch (error) {
      io.stderr.write(
        `warning: could not save the output of ${result.model} in ${plan.outDir} (${(error as Error).message}); it is still in the report\n`,
      );
      return result;
    }
  };
}

/** Runs one prompt on every selected model, saves each output, and prints the comparison. */
export async function runCompare(options: CompareCommandOptions, io: CommandIO, deps: CompareDeps = {}): Promise<ExitCodeValue> {
  const plan = await buildRunPlan(options, io);
  const startedAt = io.currentDate();
  const save = saver(plan, startedAt, io);
  const progress = await (deps.createProgressReporter ?? defaultProgressReporter)(io);
  const results = await runModels(plan, {
    createModel: deps.createModel ?? ((model) => createLanguageModel(model, io.env)),
    now: io.now,
    sleep: io.sleep,
    signal: io.signal,
    events: {
      started: (model, index, total) => progress.started(model, index, total),
      retrying: (model, info) => progress.retrying(model, info),
      fallingBack: (model, fallback, error) => progress.fallingBack(model, fallback, error),
      finished: async (result) => {
        const saved = await save(result);
        progress.finished(saved);
        return saved;
      },
    },
  }).finally(() => progress.stop());

  if (options.json) {
    io.stdout.write(`${JSON.stringify(buildJsonReport(plan, startedAt, results), null, 2)}\n`);
  } else {
    io.stdout.write(renderSummaryTable(results, { colorLevel: resolveColorLevel(io.env, io.stdout.isTTY === true), cwd: io.cwd }));
  }
  if (io.signal?.aborted) {
    const kept = results.filter((result) => result.status === 'ok').length;
    io.stderr.write(`wechat-writer: interrupted; ${kept} finished result(s) kept\n`);
    return ExitCode.interrupted;
  }
  return results.every((result) => result.status === 'ok') ? ExitCode.ok : ExitCode.someFailed;
}
