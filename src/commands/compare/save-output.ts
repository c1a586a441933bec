import type { CommandIO } from '../../cli/command-io.js';
import { positionOf } from './position-of.js';
import type { RunRecorder } from './record-history.js';
import type { RunPlan } from '../../plan/run-plan.js';
import { slugify } from '../../plan/slugify.js';
import { outputFileName, renderOutputFile, writeOutputFile } from '../../report/write-output-file.js';
import { writeNewFile } from '../../report/write-new-file.js';
import path from 'node:path';
import type { ModelResult } from '../../run/model-result.js';
import { t } from '../../i18n/translate.js';
import { toResultRow } from '../../store/result-row.js';
import type { BackgroundSaver, SavedFile } from './background-saver.js';

/** Where a result is recorded before its file is written: the history (null: history is off). */
export interface ResultRecord {
  record(result: ModelResult): void;
  /** Several results in one transaction. */
  recordMany?(results: readonly ModelResult[]): void;
  setOutputFile(result: ModelResult, outputFile: string | null): void;
  /** False when the result did not make it into the history. */
  readonly recording: boolean;
}

/** A run's recorder as a ResultRecord: each result at its place in the whole matrix (see positionOf). */
export function recordAtPosition(recorder: RunRecorder, plan: RunPlan): ResultRecord {
  return {
    record: (result) => recorder.record(positionOf(plan, result), result),
    recordMany: (results) => recorder.recordMany(results.map((result) => ({ position: positionOf(plan, result), result }))),
    setOutputFile: (result, outputFile) => recorder.setOutputFile(positionOf(plan, result), outputFile),
    get recording() {
      return recorder.recording;
    },
  };
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
  /** A big batch's save thread (see background-saver.ts): its rows belong to `where.runId`. */
  background: BackgroundSaver | null = null,
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
      return unsavedResult(result, error);
    }
  };
  /**
   * Several results that finished together: their rows in one transaction, then their files (each
   * row still before its file). A batch of thousands pays a commit per group, not per result; a big one
   * hands the group to its save thread.
   */
  const saveMany = async (results: readonly ModelResult[]): Promise<ModelResult[]> => {
    if (!recorder?.recordMany) return results.map(save);
    const prepared = results.map((result) => {
      if (result.text === null || result.text === '') return { result, file: null, text: '' };
      const slug = result.promptId === undefined ? plan.slug : slugify(result.promptId);
      const file = path.join(plan.outDir, outputFileName(startedAt, slug, result.model));
      return { result, file, text: renderOutputFile(result, startedAt, io.toolVersion) };
    });
    if (background && where.runId !== null) return saveInBackground(background, where.runId, prepared);
    recorder.recordMany(prepared.map(({ result, file }) => (file ? { ...result, outputFile: file } : result)));
    return prepared.map(({ result, file, text }) => {
      if (file === null) return result;
      try {
        const written = writeNewFile(file, text, (chosen) => {
          if (chosen !== file) recorder.setOutputFile(result, chosen);
        });
        return { ...result, outputFile: written };
      } catch (error) {
        recorder.setOutputFile(result, null);
        return unsavedResult(result, error);
      }
    });
  };
  const saveInBackground = async (
    saver: BackgroundSaver,
    runId: number,
    prepared: readonly { result: ModelResult; file: string | null; text: string }[],
  ): Promise<ModelResult[]> => {
    const createdAt = new Date().toISOString();
    const recording = recorder?.recording === true;
    const entries = prepared.map(({ result, file, text }) => ({
      row: recording
        ? toResultRow(runId, positionOf(plan, result), file ? { ...result, outputFile: file } : result, null, createdAt)
        : null,
      search: result.text || null,
      file,
      text,
    }));
    let files: SavedFile[];
    try {
      files = await saver.save(entries);
    } catch (error) {
      return prepared.map(({ result, file }) => (file === null ? result : unsavedResult(result, error)));
    }
    return prepared.map(({ result }, index) => {
      const saved = files[index] as SavedFile;
      if (saved.outputFile !== null) return { ...result, outputFile: saved.outputFile };
      return saved.error === null ? result : unsavedResult(result, new Error(saved.error));
    });
  };
  const unsavedResult = (result: ModelResult, error: unknown): ModelResult => {
    const inHistory = recorder?.recording === true;
    unsaved.push({ result, inHistory });
    io.stderr.write(
      `${t('compare.saveFailed', { model: result.model, directory: plan.outDir, reason: (error as Error).message, kept: keptWhere(inHistory, where) })}\n`,
    );
    return result;
  };
  return Object.assign(save, { unsaved, saveMany });
}

/**
 * Hands results to `saveMany` in groups: those that finish within `delayMs` of the first one of a
 * group (or `maxGroup` of them) are saved together; each caller gets its own result back. `flush()`
 * saves the group at once (nothing more will join it).
 */
export function groupedSaves(saveMany: (results: readonly ModelResult[]) => Promise<ModelResult[]>, delayMs = 25, maxGroup = 200) {
  let group: { result: ModelResult; resolve: (saved: ModelResult) => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const taken = group;
    group = [];
    new Promise<ModelResult[]>((resolve) => resolve(saveMany(taken.map((entry) => entry.result)))).then(
      (saved) => taken.forEach((entry, index) => entry.resolve(saved[index] as ModelResult)),
      (error: unknown) => taken.forEach((entry) => entry.reject(error)),
    );
  };
  const saveOne = (result: ModelResult): Promise<ModelResult> =>
    new Promise((resolve, reject) => {
      group.push({ result, resolve, reject });
      if (group.length >= maxGroup) flush();
      else timer ??= setTimeout(flush, delayMs);
    });
  // no result is coming to join the group (the run has drained): save it now
  return Object.assign(saveOne, {
    flush: () => {
      if (group.length > 0) flush();
    },
  });
}

/** Where a result whose file could not be written still is, as the end of a warning line. */
export function keptWhere(inHistory: boolean, where: { runId: number | null; json: boolean }): string {
  const places = [
    ...(inHistory && where.runId !== null ? [t('compare.placeHistory', { runId: String(where.runId) })] : []),
    ...(where.json ? [t('compare.placeJson')] : []),
  ];
  return places.length > 0 ? t('compare.keptIn', { places: places.join(t('compare.and')) }) : t('compare.printedBelow');
}
