import { t } from '../i18n/translate.js';
import type { TextOutput } from '../io/text-output.js';
import { createTerminalSafeStream, terminalSafe, type TerminalSafeStream } from '../format/terminal-safe.js';
import type { ProgressReporter } from './progress-reporter.js';
import { createModelSlots, describeFallback, describeFinish, describeRetry } from './progress-reporter.js';

/** What a model waiting for its turn has said so far, in order, to be played back when its turn comes. */
interface Waiting {
  pieces: (() => void)[];
  finished: boolean;
}

/**
 * Streams each model's text to the terminal as it arrives (a single model on a terminal, or --live),
 * under a header per model. Each piece is written the moment it arrives, unbuffered.
 *
 * With several models at once (`--concurrency`), one model streams at a time: the others' text and
 * notes are kept, in order, and played back when that model is done (those already finished first,
 * then the next one still running, which streams on from there). Two models' text never mix.
 *
 * The text is stripped of escape sequences and control characters as it arrives, one stripper per
 * model, so a sequence split across deltas is removed whole.
 */
export function createLiveTextReporter(output: TextOutput, notes: TextOutput): ProgressReporter {
  const printedText = new Set<string>();
  const slots = createModelSlots();
  const waiting = new Map<string, Waiting>();
  const strippers = new Map<string, TerminalSafeStream>();
  /** The safe part of a delta, decided as it arrives (in order), whenever it is printed. */
  const safeDelta = (slot: string, text: string) => {
    let stripper = strippers.get(slot);
    if (!stripper) strippers.set(slot, (stripper = createTerminalSafeStream()));
    return stripper.write(text);
  };
  /** The text starts again (a retry, a fallback) or is over: an open sequence is forgotten. */
  const restart = (slot: string) => strippers.get(slot)?.end();
  let current: string | null = null;
  let endsWithNewline = true;
  const write = (text: string) => {
    if (text === '') return;
    output.write(text);
    endsWithNewline = text.endsWith('\n');
  };
  const breakLine = () => {
    if (!endsWithNewline) write('\n');
  };
  const note = (text: string) => {
    breakLine();
    notes.write(text);
  };
  /** Plays a piece now when its model has the terminal, else keeps it for the model's turn. */
  const emit = (slot: string, piece: () => void) => {
    if (slot === current) piece();
    else waiting.get(slot)?.pieces.push(piece);
  };
  const replay = (slot: string) => {
    const entry = waiting.get(slot);
    waiting.delete(slot);
    for (const piece of entry?.pieces ?? []) piece();
  };
  /** The current model is done: play back the finished ones, then hand the terminal to the next still running. */
  const handOver = () => {
    current = null;
    for (const [slot, entry] of waiting) if (entry.finished) replay(slot);
    const next = waiting.keys().next();
    if (next.done) return;
    current = next.value;
    replay(next.value);
  };
  return {
    started: (model, index, total) => {
      const header = () => {
        breakLine();
        write(`── ${total > 1 ? `[${index + 1}/${total}] ` : ''}${model.id} ──\n`);
      };
      if (current === null) {
        current = model.id;
        header();
      } else {
        waiting.set(model.id, { pieces: [header], finished: false });
      }
    },
    delta: (model, text) => {
      const slot = slots.of(model);
      const safe = safeDelta(slot, text);
      emit(slot, () => write(safe));
    },
    retrying: (model, info) => {
      restart(slots.of(model));
      emit(slots.of(model), () => note(`${t('display.live.retry', { model: model.id, retry: describeRetry(info) })}\n`));
    },
    warning: (model, message) => emit(slots.of(model), () => note(`⚠ ${terminalSafe(message)}\n`)),
    fallingBack: (model, fallback, error) => {
      const slot = slots.fallback(model, fallback);
      restart(slot);
      emit(slot, () => {
        note(`→ ${describeFallback(model, fallback, error)}\n`);
        write(`── ${t('display.live.fallbackHeader', { fallback: fallback.id, model: model.id })} ──\n`);
      });
    },
    finished: (result) => {
      restart(result.model);
      strippers.delete(result.model);
      emit(result.model, () => {
        breakLine();
        write('\n');
        notes.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`);
        if (result.status === 'ok') printedText.add(result.model);
      });
      const entry = waiting.get(result.model);
      if (entry) entry.finished = true;
      if (result.model === current) handOver();
    },
    stop: () => {
      // Interrupted: whatever the others said is still shown, one model after another.
      for (const slot of [...waiting.keys()]) replay(slot);
      current = null;
      breakLine();
    },
    printedText,
  };
}
