import type { CommandField, CommandFields } from '../../provider-preset.js';

/** What the JSON a command printed has brought so far. */
export interface CommandReadState {
  text: string;
  reasoning: string | null;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  model: string | null;
  /** The first error the output reported. */
  error: string | null;
  /** How many JSON documents (events) were read. */
  documents: number;
  /** The first stdout line that was not a JSON object (jsonl), for the error when nothing was read. */
  skipped: string | null;
}

/** A state with nothing read yet. */
export const newCommandReadState = (): CommandReadState => ({
  text: '',
  reasoning: null,
  inputTokens: null,
  cachedInputTokens: null,
  outputTokens: null,
  reasoningTokens: null,
  costUsd: null,
  model: null,
  error: null,
  documents: 0,
  skipped: null,
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Every value at a dotted path: `*` steps into every key of an object or element of an array. */
export function valuesAt(document: unknown, path: string): unknown[] {
  let current: unknown[] = [document];
  for (const key of path.split('.')) {
    current = current.flatMap((value) => {
      if (!isObject(value)) return [];
      if (key === '*') return Object.values(value);
      return key in value ? [(value as Record<string, unknown>)[key]] : [];
    });
  }
  return current.filter((value) => value !== undefined && value !== null);
}

const matches = (document: unknown, when: CommandField['when']) =>
  Object.entries(when ?? {}).every(([path, expected]) => valuesAt(document, path).some((value) => value === expected));

/** The text at the first field whose `when` holds and that has text (several values joined). */
function readText(document: unknown, fields: readonly CommandField[] | undefined): string | null {
  for (const field of fields ?? []) {
    if (!matches(document, field.when)) continue;
    const texts = valuesAt(document, field.path).filter((value): value is string => typeof value === 'string');
    if (texts.length > 0) return texts.join('');
  }
  return null;
}

/** The number at the first field whose `when` holds and that has numbers (several values added up). */
function readNumber(document: unknown, fields: readonly CommandField[] | undefined): number | null {
  for (const field of fields ?? []) {
    if (!matches(document, field.when)) continue;
    const numbers = valuesAt(document, field.path).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    if (numbers.length > 0) return numbers.reduce((sum, value) => sum + value, 0);
  }
  return null;
}

/**
 * Reads one JSON document (the whole output, or one event of a `jsonl` stream) into the state. Texts
 * (`text`, `reasoning`) add up over events, each piece going to `onText` as it comes; numbers and the
 * model are the last event's that has them; the first non-empty `error` is kept.
 */
export function readCommandDocument(
  document: unknown,
  fields: CommandFields,
  state: CommandReadState,
  onText: (piece: string) => void,
): void {
  state.documents += 1;
  const piece = readText(document, fields.text);
  if (piece !== null && piece !== '') {
    state.text += piece;
    onText(piece);
  }
  const thought = readText(document, fields.reasoning);
  if (thought !== null && thought !== '') state.reasoning = (state.reasoning ?? '') + thought;
  state.inputTokens = readNumber(document, fields.inputTokens) ?? state.inputTokens;
  state.cachedInputTokens = readNumber(document, fields.cachedInputTokens) ?? state.cachedInputTokens;
  state.outputTokens = readNumber(document, fields.outputTokens) ?? state.outputTokens;
  state.reasoningTokens = readNumber(document, fields.reasoningTokens) ?? state.reasoningTokens;
  state.costUsd = readNumber(document, fields.costUsd) ?? state.costUsd;
  state.model = readText(document, fields.model) || state.model;
  const error = readText(document, fields.error);
  if (error !== null && error.trim() !== '') state.error ??= error;
}
