import { t } from '../i18n/translate.js';
import path from 'node:path';
import { formatCost } from '../cost/compute-cost.js';
import type { ProviderError } from '../errors/provider-error.js';
import type { StageResult } from '../pipeline/run-pipeline.js';
import type { StageName, StagePlan } from '../pipeline/write-plan.js';
import { stageLabel } from '../pipeline/stage-label.js';
import type { ResolvedModel } from '../providers/registry.js';
import { formatDuration } from '../format/format-metrics.js';
import type { RetryInfo } from '../run/run-deps.js';
import type { TextOutput } from '../io/text-output.js';
import { describeFallback, describeRetry } from './progress-reporter.js';
import { terminalSafe } from '../format/terminal-safe.js';

/** Tells the writer, on stderr, which model handles each stage and how each one ended. */
export interface StageReporter {
  started(stage: StagePlan, index: number, total: number): void;
  retrying(model: ResolvedModel, info: RetryInfo): void;
  warning(message: string): void;
  fallingBack(model: ResolvedModel, fallback: ResolvedModel, error: ProviderError): void;
  finished(result: StageResult, index: number, total: number): void;
  skipped(stage: StagePlan, missing: StageName): void;
  /** Lines about how a stage's models were chosen (`--explain`, models a strategy has not measured). */
  note(lines: readonly string[]): void;
  stop(): void;
}

/** `✓ [2/3] writer by local:writer-backup (fallback for claude-proxy:writer-model) in 1.20 s, 310 tokens, cost $0.0012 → output/…/2-writer.md` */
export function describeStageFinish(result: StageResult, index: number, total: number, cwd: string): string {
  const head = `[${index + 1}/${total}] ${stageLabel(result.stage)}`;
  if (result.status === 'error')
    return `✗ ${t('display.stage.failed', { head, duration: formatDuration(result.latencyMs), message: terminalSafe(String(result.error?.message)) })}`;
  const via = result.servedBy !== result.model ? t('display.stage.via', { model: result.model }) : '';
  const tokens = result.usage.outputTokens === null ? '' : t('display.finish.tokens', { count: result.usage.outputTokens });
  const file = result.outputFile ? ` → ${path.relative(cwd, result.outputFile) || result.outputFile}` : '';
  return `✓ ${t('display.stage.done', {
    head,
    servedBy: terminalSafe(String(result.servedBy)),
    via,
    duration: formatDuration(result.latencyMs),
    tokens,
    cost: formatCost(result.costUsd),
    file,
  })}`;
}

const describeStart = (stage: StagePlan, index: number, total: number) =>
  `[${index + 1}/${total}] ${stageLabel(stage.stage)}: ${stage.chain.map((model) => model.id).join(' → ')}`;

const describeSkip = (stage: StagePlan, missing: StageName) =>
  `– ${t('display.stage.skipped', { stage: stageLabel(stage.stage), missing: stageLabel(missing) })}`;

/** Plain lines, for pipes, logs and CI. */
export function createLineStageReporter(output: TextOutput, cwd: string): StageReporter {
  return {
    started: (stage, index, total) => output.write(`▶ ${describeStart(stage, index, total)}\n`),
    retrying: (model, info) => output.write(`↻ ${model.id}: ${describeRetry(info)}\n`),
    warning: (message) => output.write(`⚠ ${terminalSafe(message)}\n`),
    fallingBack: (model, fallback, error) => output.write(`→ ${describeFallback(model, fallback, error)}\n`),
    finished: (result, index, total) => output.write(`${describeStageFinish(result, index, total, cwd)}\n`),
    skipped: (stage, missing) => output.write(`${describeSkip(stage, missing)}\n`),
    note: (lines) => lines.forEach((text) => output.write(`${text}\n`)),
    stop: () => {},
  };
}

/** An ora spinner for the stage in flight; a line for each stage as it ends. */
export async function createSpinnerStageReporter(output: NodeJS.WriteStream, now: () => number, cwd: string): Promise<StageReporter> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: output, isEnabled: true, discardStdin: false });
  let ticker: NodeJS.Timeout | undefined;
  let label = '';
  let note = '';
  let startedAt = 0;
  const render = () => {
    spinner.text = `${label} ${formatDuration(now() - startedAt)}${note ? ` — ${note}` : ''}`;
  };
  const line = (text: string) => {
    spinner.clear();
    output.write(`${text}\n`);
    if (spinner.isSpinning) spinner.render();
  };
  return {
    started: (stage, index, total) => {
      startedAt = now();
      label = describeStart(stage, index, total);
      note = '';
      spinner.start(label);
      clearInterval(ticker);
      ticker = setInterval(render, 200);
    },
    retrying: (_model, info) => {
      note = describeRetry(info);
      render();
    },
    warning: (message) => line(`⚠ ${terminalSafe(message)}`),
    fallingBack: (model, fallback, error) => {
      note = describeFallback(model, fallback, error);
      render();
    },
    finished: (result, index, total) => {
      clearInterval(ticker);
      const text = describeStageFinish(result, index, total, cwd).slice(2);
      if (result.status === 'ok') spinner.succeed(text);
      else spinner.fail(text);
    },
    skipped: (stage, missing) => line(describeSkip(stage, missing)),
    note: (lines) => lines.forEach(line),
    stop: () => {
      clearInterval(ticker);
      if (spinner.isSpinning) spinner.stop();
    },
  };
}
