import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { StageResult } from '../../pipeline/run-pipeline.js';
import type { StagePlan, WritePlan } from '../../pipeline/write-plan.js';
import { writeNewFile } from '../../report/write-new-file.js';
import { renderOutputFile } from '../../report/write-output-file.js';

const inputFileText = (stage: StagePlan, input: string) =>
  `<!--\nstage: ${stage.stage} (role ${stage.role}, models from ${stage.modelsFrom})\n-->\n\n# System\n\n${stage.system}\n\n# Input\n\n${input}\n`;

/**
 * Saves a stage's input (`1-planner.input.md`) and output (`1-planner.md`) in the run's directory as
 * soon as it finishes. A write failure warns but loses nothing: the text is still in the JSON and history.
 */
export function createStageSaver(plan: WritePlan, startedAt: Date, io: CommandIO) {
  return async (result: StageResult, stage: StagePlan, index: number): Promise<StageResult> => {
    const base = path.join(plan.outDir, `${index + 1}-${result.stage}`);
    try {
      const saved = { ...result, inputFile: writeNewFile(`${base}.input.md`, inputFileText(stage, result.input)) };
      if (result.text === null || result.text === '') return saved;
      return { ...saved, outputFile: writeNewFile(`${base}.md`, renderOutputFile(result, startedAt, io.toolVersion)) };
    } catch (error) {
      io.stderr.write(
        `warning: could not save the ${result.stage} stage in ${plan.outDir} (${(error as Error).message}); it is still in the history\n`,
      );
      return result;
    }
  };
}
