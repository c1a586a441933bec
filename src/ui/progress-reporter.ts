import type { ProviderError } from '../errors/provider-error.js';
import type { ResolvedModel } from '../providers/registry.js';
import { formatDuration } from '../report/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { RetryInfo } from '../run/run-deps.js';

/** A writable text stream, e.g. process.stderr. */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Shows the run's progress; on a terminal with spinners, elsewhere as plain lines. */
export interface ProgressReporter {
  started(model: ResolvedModel, index: number, total: number): void;
  retrying(model: ResolvedModel, info: RetryInfo): void;
  fallingBack(model: ResolvedModel, fallback: ResolvedModel, error: ProviderError): void;
  finished(result: ModelResult): void;
  stop(): void;
}

/** `retrying in 2 s (429, attempt 2/3)` */
export function describeRetry(model: ResolvedModel, info: RetryInfo): string {
  const cause = info.error.status ?? info.error.type;
  const seconds = info.delayMs >= 1000 ? `${Math.round(info.delayMs / 1000)} s` : `${info.delayMs} ms`;
  return `${model.id}: retrying in ${seconds} (${cause}, attempt ${info.attempt}/${info.maxAttempts})`;
}

const describeFallback = (model: ResolvedModel, fallback: ResolvedModel, error: ProviderError) =>
  `${model.id} failed (${error.type}); sending its prompt to ${fallback.id}`;

function describeFinish(result: ModelResult): string {
  if (result.status === 'error') return `${result.model} failed after ${formatDuration(result.latencyMs)}: ${result.error?.message}`;
  const tokens = result.usage.outputTokens === null ? '' : `, ${result.usage.outputTokens} tokens`;
  const via = result.servedBy !== result.model ? ` via ${result.servedBy}` : '';
  return `${result.model} done${via} in ${formatDuration(result.latencyMs)}${tokens}`;
}

/** Plain lines, no ANSI codes: for pipes, logs and CI. */
export function createLineProgressReporter(output: TextOutput): ProgressReporter {
  return {
    started: () => {},
    retrying: (model, info) => output.write(`↻ ${describeRetry(model, info)}\n`),
    fallingBack: (model, fallback, error) => output.write(`→ ${describeFallback(model, fallback, error)}\n`),
    finished: (result) => output.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`),
    stop: () => {},
  };
}

/** An ora spinner for the model in flight, with elapsed time. Loads ora only when used. */
export async function createSpinnerProgressReporter(output: NodeJS.WriteStream, now: () => number): Promise<ProgressReporter> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: output, isEnabled: true, discardStdin: false });
  let ticker: NodeJS.Timeout | undefined;
  let label = '';
  let note = '';
  let startedAt = 0;
  const render = () => {
    spinner.text = `${label} ${formatDuration(now() - startedAt)}${note ? ` — ${note}` : ''}`;
  };
  return {
    started: (model, index, total) => {
      startedAt = now();
      label = `[${index + 1}/${total}] ${model.id}`;
      note = '';
      spinner.start(label);
      clearInterval(ticker);
      ticker = setInterval(render, 250);
    },
    retrying: (model, info) => {
      note = describeRetry(model, info).slice(model.id.length + 2);
      render();
    },
    fallingBack: (model, fallback, error) => {
      note = describeFallback(model, fallback, error);
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
  };
}
