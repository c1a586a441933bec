import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { loadSettings } from '../../config/load-settings.js';
import type { Settings } from '../../config/settings.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { formatReadingTime } from '../../format/format-metrics.js';
import { t } from '../../i18n/translate.js';
import { buildWritePlan, type WriteOptions } from '../../pipeline/build-write-plan.js';
import { runPipeline, type StageResult } from '../../pipeline/run-pipeline.js';
import { stageLabel } from '../../pipeline/stage-label.js';
import { parseReviewScore } from '../../pipeline/stage-prompts.js';
import type { WritePlan } from '../../pipeline/write-plan.js';
import type { PromptSource } from '../../plan/run-plan.js';
import { createLanguageModel } from '../../providers/create-language-model.js';
import type { LanguageModel } from '../../providers/language-model.js';
import type { ResolvedModel } from '../../providers/registry.js';
import { resolveColorLevel } from '../../ui/color-level.js';
import { terminalWidth } from '../../ui/fit-table.js';
import { pipelineTotals, renderStageTable } from '../../ui/stage-table.js';
import { createLineStageReporter, createSpinnerStageReporter, type StageReporter } from '../../ui/stage-reporter.js';
import { historyEnabled, openRunRecorder } from '../compare/record-history.js';
import { createStageSaver } from './save-stage.js';
import { openHealth } from '../../health/open-health.js';
import { openLimits, plannedCalls, refuseOverLimits } from '../../limits/open-limits.js';
import { createRouter } from '../../routing/create-router.js';
import { explainRoute } from '../../routing/describe-route.js';
import { orderByStrategy } from '../../routing/order-by-strategy.js';
import { currentRunTags } from '../../store/run-tags-scope.js';

/** `wechat-writer write` options: the plan's, plus presentation and history. */
export interface WriteCommandOptions extends WriteOptions {
  config?: string;
  json: boolean;
  /** False with --no-history. */
  history?: boolean;
  /** False with --no-check: no credentials check before the first call. */
  check?: boolean;
  /** --explain: print each stage's order of models and why (its role's strategy). */
  explain?: boolean;
}

/**
 * A `rerun` of a stored write run: recorded as a new `write` run whose parentRunId is the old one,
 * with the stored brief (not re-read from a file that may have changed) and the roles amended to the
 * stored (or `-m`) models.
 */
export interface WriteRerun {
  parentRunId: number;
  prompt: PromptSource;
  amendSettings(settings: Settings): Settings;
}

/** Overridable pieces, for tests. */
export interface WriteDeps {
  createModel?(model: ResolvedModel): Promise<LanguageModel>;
}

async function chooseStageReporter(io: CommandIO): Promise<StageReporter> {
  const stderr = io.stderr as NodeJS.WriteStream;
  const spinner = stderr.isTTY === true && !io.env.CI && resolveColorLevel(io.env, true) > 0;
  return spinner ? createSpinnerStageReporter(stderr, io.now, io.cwd) : createLineStageReporter(io.stderr, io.cwd);
}

const storedWriteOptions = (plan: WritePlan, cwd: string) => ({
  stages: plan.stages.map((stage) => ({
    stage: stage.stage,
    role: stage.role,
    models: stage.chain.map((model) => model.id),
    temperature: stage.temperature,
    maxTokens: stage.maxTokens,
  })),
  timeoutMs: plan.timeoutMs,
  stream: plan.stream,
  retries: plan.retryPolicy.retries,
  // absolute, so a rerun from another directory finds it
  config: plan.configFile && path.resolve(cwd, plan.configFile),
});

/** The `--json` shape of a stage. */
const jsonStage = (stage: StageResult) => ({
  stage: stage.stage,
  role: stage.role,
  model: stage.model,
  servedBy: stage.servedBy,
  status: stage.status,
  text: stage.text,
  chars: stage.chars,
  readingMinutes: stage.readingMinutes,
  input: stage.input,
  usage: stage.usage,
  latencyMs: stage.latencyMs,
  ttftMs: stage.ttftMs,
  costUsd: stage.costUsd,
  attempts: stage.attempts,
  fallback: stage.fallback,
  ...(stage.route ? { route: stage.route } : {}),
  warnings: stage.warnings,
  inputFile: stage.inputFile,
  outputFile: stage.outputFile,
  error: stage.error,
});

/** Plans, drafts and reviews an article with a model per role; each stage shown, saved and recorded as it ends. */
export async function runWrite(
  options: WriteCommandOptions,
  io: CommandIO,
  deps: WriteDeps = {},
  rerun: WriteRerun | null = null,
): Promise<ExitCodeValue> {
  const loaded = await loadSettings(options.config, io);
  const settings = rerun ? rerun.amendSettings(loaded) : loaded;
  const startedAt = io.currentDate();
  const built = await buildWritePlan(options, { ...io, settings, startedAt });
  const plan: WritePlan = rerun ? { ...built, prompt: rerun.prompt } : built;
  // the calls it plans: one per stage, on its first model (fallbacks are not planned)
  const leading = plan.stages.flatMap((stage) => stage.chain.slice(0, 1));
  await refuseOverLimits(io, settings, plannedCalls(leading, 1));
  const health = await openHealth(io, settings);
  if (options.check !== false) {
    const { runPreflight } = await import('../../preflight/run-preflight.js');
    await runPreflight(
      plan.stages.flatMap((stage) => stage.chain),
      io,
    );
  }
  const reporter = await chooseStageReporter(io);
  const recorder = historyEnabled(options.history, io.env)
    ? await openRunRecorder(
        {
          startedAt: startedAt.toISOString(),
          kind: 'write',
          parentRunId: rerun?.parentRunId ?? null,
          prompt: plan.prompt.text,
          promptSource: plan.prompt.source,
          topic: plan.prompt.topic,
          systemPrompt: null,
          options: storedWriteOptions(plan, io.cwd),
        },
        io,
      )
    : null;
  const chains = plan.stages.flatMap((stage) => stage.chain);
  const limits = await openLimits(io, chains, historyEnabled(options.history, io.env));
  limits?.setRunId(recorder?.runId ?? null);
  const save = createStageSaver(
    plan,
    startedAt,
    io,
    recorder && {
      record: (index, stage) => recorder.record(index, stage, stage.role),
      setOutputFile: (index, outputFile) => recorder.setOutputFile(index, outputFile),
    },
  );
  const total = plan.stages.length;
  const router = createRouter({ history: recorder?.routeHistory ?? null, now: io.currentDate, tags: currentRunTags() });
  const stages = await runPipeline(
    plan,
    {
      createModel: deps.createModel ?? ((model) => createLanguageModel(model, io.env)),
      now: io.now,
      sleep: io.sleep,
      signal: io.signal,
      health,
      limits: limits?.keeper,
      events: {
        retrying: (model, info) => reporter.retrying(model, info),
        warning: (_model, message) => reporter.warning(message),
        fallingBack: (model, fallback, error) => reporter.fallingBack(model, fallback, error),
      },
    },
    {
      stageRouted: (stage, routed) => {
        // --explain: the order and why (the written order too); otherwise only what the run must say
        // (models a strategy has not measured yet, history off)
        const decision =
          routed.decision ??
          orderByStrategy(
            'priority',
            stage.role,
            routed.chain.map((model) => model.id),
            new Map(),
          );
        reporter.note(options.explain ? [...routed.notes, ...explainRoute(decision)] : routed.notes);
      },
      stageStarted: (stage, index) => reporter.started(stage, index, total),
      stageSkipped: (stage, missing) => reporter.skipped(stage, missing),
      stageFinished: async (result, stage, index) => {
        const saved = await save(result, stage, index);
        reporter.finished(saved, index, total);
        return saved;
      },
    },
    router,
  ).finally(async () => {
    reporter.stop();
    await health.settled?.();
    recorder?.close();
    limits?.close();
  });

  const review = stages.find((stage) => stage.stage === 'reviewer' && stage.status === 'ok');
  const score = review?.text ? parseReviewScore(review.text) : null;
  const final = [...stages].reverse().find((stage) => (stage.stage === 'revise' || stage.stage === 'writer') && stage.status === 'ok');
  if (options.json) {
    const document = {
      version: 1,
      kind: 'write',
      runId: recorder?.runId ?? null,
      startedAt: startedAt.toISOString(),
      prompt: { source: plan.prompt.source, chars: Array.from(plan.prompt.text).length },
      config: plan.configFile,
      stages: stages.map(jsonStage),
      review: { score },
      finalStage: final?.stage ?? null,
      totals: pipelineTotals(stages),
    };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const colorLevel = resolveColorLevel(io.env, io.stdout.isTTY === true);
    io.stdout.write(renderStageTable(stages, { colorLevel, cwd: io.cwd, maxWidth: terminalWidth(io.stdout, io.env) }));
    if (review)
      io.stdout.write(`${t('history.write.reviewScore', { score: score === null ? t('history.write.scoreNotGiven') : `${score}/10` })}\n`);
    if (final?.outputFile) {
      const file = path.relative(io.cwd, final.outputFile) || final.outputFile;
      const reading = formatReadingTime(final.readingMinutes);
      io.stdout.write(`${t('history.write.finalDraft', { stage: stageLabel(final.stage), path: file, chars: final.chars, reading })}\n`);
    }
  }
  if (io.signal?.aborted) {
    io.stderr.write(`${t('history.write.interrupted', { count: stages.filter((stage) => stage.status === 'ok').length })}\n`);
    return ExitCode.interrupted;
  }
  const complete = stages.length === total && stages.every((stage) => stage.status === 'ok');
  return complete ? ExitCode.ok : ExitCode.someFailed;
}
