import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import type { StageResult } from '../../pipeline/run-pipeline.js';
import { stageLabel } from '../../pipeline/stage-label.js';
import type { StagePlan, WritePlan } from '../../pipeline/write-plan.js';
import { t } from '../../i18n/translate.js';
import { writeNewFile } from '../../report/write-new-file.js';
import { renderOutputFile } from '../../report/write-output-file.js';

const inputFileText = (stage: StagePlan, input: string) =>
  `<!--\nstage: ${stage.stage} (role ${stage.role}, models from ${stage.modelsFrom})\n-->\n\n# System\n\n${stage.system}\n\n# Input\n\n${input}\n`;

/** Where a stage is recorded before its file is written (see compare/save-output.ts). */
export interface StageRecord {
  record(index: number, result: StageResult): void;
  setOutputFile(index: number, outputFile: string | null): void;
}

/**
 * Saves a stage's input (`1-planner.input.md`) and output (`1-planner.md`) in the run's directory as
 * soon as it finishes, and records it: the history row is written before the output file is created,
 * so after `kill -9` every output file has its row. A write failure warns but loses nothing: the text
 * is still in the JSON and history.
 */
export function createStageSaver(plan: WritePlan, startedAt: Date, io: CommandIO, recorder: StageRecord | null = null) {
  return async (result: StageResult, stage: StagePlan, index: number): Promise<StageResult> => {
    const base = path.join(plan.outDir, `${index + 1}-${result.stage}`);
    let saved: StageResult = result;
    let recorded = false;
    try {
      saved = { ...result, inputFile: writeNewFile(`${base}.input.md`, inputFileText(stage, result.input)) };
      if (result.text === null || result.text === '') {
        recorded = true;
        recorder?.record(index, saved);
        return saved;
      }
      const withInput = saved;
      const outputFile = writeNewFile(`${base}.md`, renderOutputFile(result, startedAt, io.toolVersion), (chosenPath) => {
        if (recorded) recorder?.setOutputFile(index, chosenPath);
        else recorder?.record(index, { ...withInput, outputFile: chosenPath });
        recorded = true;
      });
      return { ...saved, outputFile };
    } catch (error) {
      if (recorded) recorder?.setOutputFile(index, null);
      else recorder?.record(index, saved);
      io.stderr.write(
        `${t('history.write.saveFailed', { stage: stageLabel(result.stage), directory: plan.outDir, reason: (error as Error).message })}\n`,
      );
      return saved;
    }
  };
}
