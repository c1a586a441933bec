import type { ProgressReporter, TextOutput } from './progress-reporter.js';
import { describeFallback, describeFinish, describeRetry } from './progress-reporter.js';

/**
 * Streams each model's text to the terminal as it arrives (a single model on a terminal, or --live),
 * under a header per model. Each piece is written the moment it arrives, unbuffered.
 */
export function createLiveTextReporter(output: TextOutput, notes: TextOutput): ProgressReporter {
  const printedText = new Set<string>();
  let endsWithNewline = true;
  const write = (text: string) => {
    if (text === '') return;
    output.write(text);
    endsWithNewline = text.endsWith('\n');
  };
  const breakLine = () => {
    if (!endsWithNewline) write('\n');
  };
  return {
    started: (model, index, total) => {
      breakLine();
      write(`── ${total > 1 ? `[${index + 1}/${total}] ` : ''}${model.id} ──\n`);
    },
    delta: (_model, text) => write(text),
    retrying: (model, info) => {
      breakLine();
      notes.write(`↻ ${model.id}: ${describeRetry(info)}; the text starts again\n`);
    },
    warning: (_model, message) => {
      breakLine();
      notes.write(`⚠ ${message}\n`);
    },
    fallingBack: (model, fallback, error) => {
      breakLine();
      notes.write(`→ ${describeFallback(model, fallback, error)}\n`);
      write(`── ${fallback.id} (fallback for ${model.id}) ──\n`);
    },
    finished: (result) => {
      breakLine();
      write('\n');
      notes.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`);
      if (result.status === 'ok') printedText.add(result.model);
    },
    stop: () => breakLine(),
    printedText,
  };
}
