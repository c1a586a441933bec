import { t } from '../i18n/translate.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { TextOutput } from '../io/text-output.js';
import type { ResolvedModel } from '../providers/registry.js';
import { formatDuration } from '../format/format-metrics.js';
import type { ModelResult } from '../run/model-result.js';
import type { RetryInfo } from '../run/run-deps.js';
import { estimateTokens } from '../text/estimate-tokens.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** Shows the run's progress: spinners on a terminal, streamed text with --live, plain lines elsewhere. */
export interface ProgressReporter {
  started(model: ResolvedModel, index: number, total: number): void;
  delta(model: ResolvedModel, text: string): void;
  retrying(model: ResolvedModel, info: RetryInfo): void;
  warning(model: ResolvedModel, message: string): void;
  fallingBack(model: ResolvedModel, fallback: ResolvedModel, error: ProviderError): void;
  /** A call has returned; its result (saved, recorded) comes with `finished`. */
  ended?(model: ResolvedModel): void;
  finished(result: ModelResult): void;
  stop(): void;
  /** Models whose whole text this reporter already printed (so it is not printed again). */
  readonly printedText: ReadonlySet<string>;
}

/** `retrying in 2 s (429, attempt 2/3)` */
export function describeRetry(info: RetryInfo): string {
  const cause = info.error.status ?? info.error.type;
  const seconds = info.delayMs >= 1000 ? `${Math.round(info.delayMs / 1000)} s` : `${info.delayMs} ms`;
  return t('display.retrying', { delay: seconds, cause, attempt: info.attempt, max: info.maxAttempts });
}

/** `openai:a failed (TIMEOUT); sending its prompt to local:b` */
export const describeFallback = (model: ResolvedModel, fallback: ResolvedModel, error: ProviderError) =>
  t('display.fallingBack', { model: model.id, type: error.type, fallback: fallback.id });

/** `mock:a done in 1.20 s, 345 tokens`, or how it failed. */
export function describeFinish(result: ModelResult): string {
  if (result.status === 'error')
    return t('display.finish.failed', {
      model: result.model,
      duration: formatDuration(result.latencyMs),
      message: terminalSafe(String(result.error?.message)),
    });
  const tokens = result.usage.outputTokens === null ? '' : t('display.finish.tokens', { count: result.usage.outputTokens });
  const via = result.servedBy !== result.model ? t('display.finish.via', { model: terminalSafe(String(result.servedBy)) }) : '';
  return t('display.finish.ok', { model: result.model, via, duration: formatDuration(result.latencyMs), tokens });
}

/** Plain lines, no ANSI codes: for pipes, logs and CI. */
export function createLineProgressReporter(output: TextOutput): ProgressReporter {
  return {
    started: () => {},
    delta: () => {},
    retrying: (model, info) => output.write(`↻ ${model.id}: ${describeRetry(info)}\n`),
    warning: (_model, message) => output.write(`⚠ ${terminalSafe(message)}\n`),
    fallingBack: (model, fallback, error) => output.write(`→ ${describeFallback(model, fallback, error)}\n`),
    finished: (result) => output.write(`${result.status === 'ok' ? '✓' : '✗'} ${describeFinish(result)}\n`),
    stop: () => {},
    printedText: new Set(),
  };
}

/**
 * Tells which model an event belongs to when several run at once: a fallback's events belong to the
 * model it stands in for. The runner gives each chain its own fallback object, so even a fallback
 * shared by two models is told apart (by object, not id).
 */
export function createModelSlots() {
  const owners = new WeakMap<ResolvedModel, string>();
  const of = (model: ResolvedModel): string => owners.get(model) ?? model.id;
  return {
    of,
    /** Records that `fallback` now answers for `model`; returns their common slot. */
    fallback: (model: ResolvedModel, fallback: ResolvedModel): string => {
      const slot = of(model);
      owners.set(fallback, slot);
      return slot;
    },
  };
}

/** One model in flight, as the spinner shows it. */
interface InFlight {
  position: number;
  id: string;
  startedAt: number;
  streamed: string;
  note: string;
}

/**
 * An ora spinner for the models in flight, with elapsed time and tokens so far: one line for one
 * model; with several at once (`--concurrency`), a count and one line per model. Each model's result
 * line is printed above the spinner as it ends. Loads ora only when used.
 */
export async function createSpinnerProgressReporter(output: NodeJS.WriteStream, now: () => number): Promise<ProgressReporter> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: output, isEnabled: true, discardStdin: false });
  const slots = createModelSlots();
  const inFlight = new Map<string, InFlight>();
  let total = 0;
  let done = 0;
  let ticker: NodeJS.Timeout | undefined;
  const describe = (entry: InFlight) => {
    const tokens = entry.streamed === '' ? '' : ` ${t('display.spinner.tokens', { count: estimateTokens(entry.streamed) })}`;
    return `[${entry.position}/${total}] ${entry.id} ${formatDuration(now() - entry.startedAt)}${tokens}${entry.note ? ` — ${entry.note}` : ''}`;
  };
  const spinnerText = () => {
    const entries = [...inFlight.values()];
    if (entries.length === 1) return describe(entries[0] as InFlight);
    return [t('display.spinner.running', { running: entries.length, done, total }), ...entries.map((entry) => `  ${describe(entry)}`)].join(
      '\n',
    );
  };
  const render = () => {
    if (inFlight.size > 0) spinner.text = spinnerText();
  };
  const update = (model: ResolvedModel, change: Partial<InFlight>) => {
    const entry = inFlight.get(slots.of(model));
    if (entry) Object.assign(entry, change);
    render();
  };
  return {
    started: (model, index, count) => {
      total = count;
      inFlight.set(model.id, { position: index + 1, id: model.id, startedAt: now(), streamed: '', note: '' });
      if (spinner.isSpinning) render();
      else spinner.start(spinnerText());
      if (ticker === undefined) ticker = setInterval(render, 200);
    },
    delta: (model, text) => {
      const entry = inFlight.get(slots.of(model));
      if (entry) entry.streamed += text;
    },
    retrying: (model, info) => {
      const slot = slots.of(model);
      update(model, { note: `${slot === model.id ? '' : `${model.id} `}${describeRetry(info)}`, streamed: '' });
    },
    warning: (_model, message) => {
      spinner.clear();
      output.write(`⚠ ${terminalSafe(message)}\n`);
      spinner.render();
    },
    fallingBack: (model, fallback, error) => {
      slots.fallback(model, fallback);
      update(model, { note: describeFallback(model, fallback, error), streamed: '' });
    },
    finished: (result) => {
      inFlight.delete(result.model);
      done += 1;
      if (result.status === 'ok') spinner.succeed(describeFinish(result));
      else spinner.fail(describeFinish(result));
      if (inFlight.size > 0) {
        spinner.start(spinnerText());
      } else {
        clearInterval(ticker);
        ticker = undefined;
      }
    },
    stop: () => {
      clearInterval(ticker);
      ticker = undefined;
      if (spinner.isSpinning) spinner.stop();
    },
    printedText: new Set(),
  };
}
