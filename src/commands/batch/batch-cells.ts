import type { BatchPrompt } from '../../batch/read-prompt-batch.js';
import type { StoredRun } from '../../store/history-store.js';

/** A cell's id in a batch: its position in the run's matrix (prompt index × models + model index). */
export const cellIdOf = (position: number): string => `cell-${position}`;

/** The matrix position a cell id names, or null for an id this tool did not send. */
export function positionOfCellId(customId: string): number | null {
  const match = /^cell-(\d{1,9})$/.exec(customId);
  return match ? Number(match[1]) : null;
}

/** A stored run's matrix: its models (`provider:model`) and prompts, as the run stored them. */
export interface StoredMatrix {
  models: string[];
  prompts: BatchPrompt[];
}

/** The matrix a `--batch-api` run stored in its options. */
export function storedMatrix(run: StoredRun): StoredMatrix {
  const models = Array.isArray(run.options.models) ? run.options.models.filter((id): id is string => typeof id === 'string') : [];
  const prompts = Array.isArray(run.options.prompts) ? (run.options.prompts as BatchPrompt[]) : [];
  return { models, prompts };
}

/** The model and prompt at a position of the matrix, or null when it is outside it. */
export function cellAt(matrix: StoredMatrix, position: number): { model: string; prompt: BatchPrompt } | null {
  const model = matrix.models[position % Math.max(1, matrix.models.length)];
  const prompt = matrix.prompts[Math.floor(position / Math.max(1, matrix.models.length))];
  return model !== undefined && prompt !== undefined ? { model, prompt } : null;
}

/** Where a result of the run sits in its matrix (like positionOf, from the stored run). */
export function positionIn(matrix: StoredMatrix, model: string, promptId: string | undefined): number {
  const promptIndex = matrix.prompts.findIndex((prompt) => prompt.id === promptId);
  return promptIndex * matrix.models.length + matrix.models.indexOf(model);
}
