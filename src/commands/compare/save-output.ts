import type { CommandIO } from '../../cli/command-io.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { slugify } from '../../plan/slugify.js';
import { writeOutputFile } from '../../report/write-output-file.js';
import type { ModelResult } from '../../run/model-result.js';
import { t } from '../../i18n/translate.js';

/** Where a result is recorded before its file is written: the history (null: history is off). */
export interface ResultRecord {
  record(result: ModelResult): void;
  setOutputFile(result: ModelResult, outputFile: string | null): void;
  /** False when the result did not make it into the history. */
  readonly recording: boolean;
}

/** A result the saver could not keep as a file, and whether its text is anywhere else. */
export interface UnsavedResult {
  result: ModelResult;
  inHistory: boolean;
}

/**
 * Saves each result's text as soon as it finishes, and records it: the history row is written before
 * the file is created, so every `.md` file on disk has its row even after `kill -9`. A write failure warns in one line saying where the text still is, and loses nothing.
 */
export function createOutputSaver(
  plan: RunPlan,
  startedAt: Date,
  io: CommandIO,
  recorder: ResultRecord | null = null,
  where: { runId: number | null; json: boolean } = { runId: null, json: false },
) {
  const unsaved: UnsavedResult[] = [];
  const save = (result: ModelResult): ModelResult => {
    if (result.text === null || result.text === '') {
      recorder?.record(result);
      return result;
    }
    let recorded = false;
    try {
      const slug = result.promptId === undefined ? plan.slug : slugify(result.promptId);
      const outputFile = writeOutputFile(result, { outDir: plan.outDir, slug, startedAt, toolVersion: io.toolVersion }, (chosenPath) => {
        if (recorded) recorder?.setOutputFile(result, chosenPath);
        else recorder?.record({ ...result, outputFile: chosenPath });
        recorded = true;
      });
      return { ...result, outputFile };
    } catch (error) {
      if (recorded) recorder?.setOutputFile(result, null);
      else recorder?.record(result);
      const inHistory = recorder?.recording === true;
      unsaved.push({ result, inHistory });
      io.stderr.write(
        `${t('compare.saveFailed', { model: result.model, directory: plan.outDir, reason: (error as Error).message, kept: keptWhere(inHistory, where) })}\n`,
      );
      return result;
    }
  };
  return Object.assign(save, { unsaved });
}

/** Where a result whose file could not be written still is, as the end of a warning line. */
export function keptWhere(inHistory: boolean, where: { runId: number | null; json: boolean }): string {
  const places = [
    ...(inHistory && where.runId !== null ? [t('compare.placeHistory', { runId: String(where.runId) })] : []),
    ...(where.json ? [t('compare.placeJson')] : []),
  ];
  return places.length > 0 ? t('compare.keptIn', { places: places.join(t('compare.and')) }) : t('compare.printedBelow');
}
