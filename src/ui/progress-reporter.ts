import type { ProviderError } from '../errors/provider-error.js';
import type { ResolvedModel } from '../providers/registry.js';
import { formatDuration } from '../report/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { RetryInfo } from '../run/run-deps.js';
import { estimateTokens } from '../text/estimate-tokens.js';

/** A writable text stream, e.g. process.stderr. */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when it is a terminal. */
  columns?: number;
}

/** Shows the run's progress: spinners on a terminal, streamed text with --live, plain lines elsewhere. */
export interface ProgressReporter {
  started(model: ResolvedModel, index: number, total: number): void;
  delta(model: ResolvedModel, text: string): void;
  retrying(model: ResolvedModel, info: RetryInfo): void;
  warning(model: ResolvedModel, message: string): void;
  fallingBack(model: ResolvedModel, fallback: ResolvedModel, error: ProviderError): void;
  finished(result: ModelResult): void;
  stop(): void;
  /** Models whose whole text this reporter already printed (so it is not printed again). */
  readonly printedText: ReadonlySet<string>;
}

/** `retrying in 2 s (429, attempt 2/3)` */
export function describeRetry(info: RetryInfo): string {
  const cause = info.error.status ?? info.error.type;
  const seconds = info.delayMs >= 1000 ? `${Math.round(info.delayMs / 1000)} s` : `${info.delayMs} ms`;
  return `retrying in ${seconds} (${cause}, attempt ${info.attempt}/${info.maxAttempts})`;
}

export const describeFallback = (model: ResolvedModel, fallback: ResolvedModel, error: ProviderError) =>
  `${model.id} failed (${error.type}); sending its prompt to ${fallback.id}`;

export function describeFinish(result: ModelResult): string {
  if (result.status === 'error') return `${result.model} failed after ${formatDuration(result.latencyMs)}: ${result.error?.message}`;
  const tokens = result.usage.outputTokens === null ? '' : `, ${result.usage.outputTokens} tokens`;
  const via = result.servedBy !== result.model ? ` via ${result.servedBy}` : '';
  return `${result.model} done${via} in ${formatDuration(result.latencyMs)}${tokens}`;
}

/** Plain lines, no ANSI codes: for pipes, logs and CI. */
export function createLineProgressReporter(output: TextOutput): ProgressReporter {
  return {
    started: () => {},
    delta: () => {},
    retrying: (model, info) => output.write(`↻ ${model.id}: ${describeRetry(info)}\n`),
    warning: (_model, message) => output.write(`⚠ ${message}\n`),
    fallingBack: (model, fallback, error) => output.write(`→ ${describeFallback(model, fallback, error)}\n`),
    finished: (result) => output.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`),
    stop: () => {},
    printedText: new Set(),
  };
}

/** An ora spinner for the model in flight, with elapsed time and tokens so far. Loads ora only when used. */
export async function createSpinnerProgressReporter(output: NodeJS.WriteStream, now: () => number): Promise<ProgressReporter> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: output, isEnabled: true, discardStdin: false });
  let ticker: NodeJS.Timeout | undefined;
  let label = '';
  let note = '';
  let streamed = '';
  let startedAt = 0;
  const render = () => {
    const tokens = streamed === '' ? '' : ` ~${estimateTokens(streamed)} tokens`;
    spinner.text = `${label} ${formatDuration(now() - startedAt)}${tokens}${note ? ` — ${note}` : ''}`;
  };
  return {
    started: (model, index, total) => {
      startedAt = now();
      label = `[${index + 1}/${total}] ${model.id}`;
      note = '';
      streamed = '';
      spinner.start(label);
      clearInterval(ticker);
      ticker = setInterval(render, 200);
    },
    delta: (_model, text) => {
      streamed += text;
    },
    retrying: (_model, info) => {
      note = describeRetry(info);
      streamed = '';
      render();
    },
    warning: (_model, message) => {
      spinner.clear();
      output.write(`⚠ ${message}\n`);
      spinner.render();
    },
    fallingBack: (model, fallback, error) => {
      note = describeFallback(model, fallback, error);
      streamed = '';
      render();
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
    printedText: new Set(),
  };
}
