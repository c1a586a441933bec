import type { CommandIO } from '../../cli/command-io.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { slugify } from '../../plan/slugify.js';
import { writeOutputFile } from '../../report/write-output-file.js';
import type { ModelResult } from '../../run/model-result.js';

/** Saves each result's text as soon as it finishes; a write failure warns but loses nothing from the report. */
export function createOutputSaver(plan: RunPlan, startedAt: Date, io: CommandIO) {
  return (result: ModelResult): ModelResult => {
    if (result.text === null || result.text === '') return result;
    try {
      const slug = result.promptId === undefined ? plan.slug : slugify(result.promptId);
      const outputFile = writeOutputFile(result, { outDir: plan.outDir, slug, startedAt, toolVersion: io.toolVersion });
      return { ...result, outputFile };
    } catch (error) {
      io.stderr.write(
        `warning: could not save the output of ${result.model} in ${plan.outDir} (${(error as Error).message}); it is still in the report\n`,
      );
      return result;
    }
  };
}
