import type { ResolvedModel } from '../providers/registry.js';
import { formatDuration } from '../report/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';

/** A writable text stream, e.g. process.stderr. */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Shows the run's progress; on a terminal with spinners, elsewhere as plain lines. */
export interface ProgressReporter {
  started(model: ResolvedModel, index: number, total: number): void;
  finished(result: ModelResult): void;
  stop(): void;
}

function describeFinish(result: ModelResult): string {
  if (result.status === 'error') return `${result.model} failed after ${formatDuration(result.latencyMs)}: ${result.error?.message}`;
  const tokens = result.usage.outputTokens === null ? '' : `, ${result.usage.outputTokens} tokens`;
  return `${result.model} done in ${formatDuration(result.latencyMs)}${tokens}`;
}

/** Plain lines, no ANSI codes: for pipes, logs and CI. */
export function createLineProgressReporter(output: TextOutput): ProgressReporter {
  return {
    started: () => {},
    finished: (result) => {
      output.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`);
    },
    stop: () => {},
  };
}

/** An ora spinner for the model in flight, with elapsed time. Loads ora only when used. */
export async function createSpinnerProgressReporter(output: NodeJS.WriteStream, now: () => number): Promise<ProgressReporter> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: output, isEnabled: true });
  let ticker: NodeJS.Timeout | undefined;
  return {
    started: (model, index, total) => {
      const startedAt = now();
      const label = `[${index + 1}/${total}] ${model.id}`;
      spinner.start(label);
      clearInterval(ticker);
      ticker = setInterval(() => {
        spinner.text = `${label} ${formatDuration(now() - startedAt)}`;
      }, 250);
    },
    finished: (result) => {
      clearInterval(ticker);
      if (result.status === 'ok') spinner.succeed(describeFinish(result));
      else spinner.fail(describeFinish(result));
    },
    stop: () => {
      clearInterval(ticker);
      if (spinner.isSpinning) spinner.stop();
    },
  };
}
