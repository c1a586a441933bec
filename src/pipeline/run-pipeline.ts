import { secretsOf } from '../providers/registry.js';
import type { RetryBudget } from '../run/call-with-retries.js';
import type { ModelResult } from '../run/model-result.js';
import type { RunDeps } from '../run/run-deps.js';
import { runWithFallbacks } from '../run/run-with-fallbacks.js';
import type { Router, Routed } from '../routing/create-router.js';
import { buildStagePrompt, type StageOutputs } from './stage-prompts.js';
import type { StageName, StagePlan, WritePlan } from './write-plan.js';

/** One stage's outcome: the model result plus what the stage was and what it was given. */
export interface StageResult extends ModelResult {
  stage: StageName;
  role: string;
  /** The user message the stage sent (the system prompt is the role's). */
  input: string;
  /** Where the input was saved, when it was. */
  inputFile: string | null;
}

/** What the pipeline tells the command as it goes. */
export interface PipelineEvents {
  /** How the stage's models were ordered (its role's strategy), before it starts. */
  stageRouted?(stage: StagePlan, routed: Routed): void;
  stageStarted?(stage: StagePlan, index: number, total: number): void;
  /** Awaited before the next stage starts (save, record); may return the result amended. */
  stageFinished?(result: StageResult, stage: StagePlan, index: number): Promise<StageResult | void> | StageResult | void;
  /** A stage not run because one it needs failed. */
  stageSkipped?(stage: StagePlan, missing: StageName): void;
}

/** What each stage cannot do without; the outline is welcome but the writer can write from the brief alone. */
const needs: Record<StageName, StageName[]> = { planner: [], writer: [], reviewer: ['writer'], revise: ['writer', 'reviewer'] };

/**
 * Runs the stages in order, each from the brief and the earlier stages' outputs, each role's models
 * tried in order. A failed stage never loses the others: the writer writes without an outline if the
 * planner failed; stages that need a failed stage's text are skipped.
 */
export async function runPipeline(
  plan: WritePlan,
  deps: RunDeps,
  events: PipelineEvents = {},
  router: Router | null = null,
): Promise<StageResult[]> {
  const budget: RetryBudget = { leftMs: plan.retryPolicy.runBudgetMs };
  // a proxy could echo the key of any stage's model: every one is redacted from every reply
  const stageDeps: RunDeps = { ...deps, secrets: [...(deps.secrets ?? []), ...secretsOf(...plan.stages.flatMap((stage) => stage.chain))] };
  const outputs: StageOutputs = {};
  const results: StageResult[] = [];
  for (const [index, stage] of plan.stages.entries()) {
    if (deps.signal?.aborted) break;
    const missing = needs[stage.stage].find((name) => outputs[name] === undefined);
    if (missing) {
      events.stageSkipped?.(stage, missing);
      continue;
    }
    const routed = router?.route(stage.role, stage.strategy, stage.chain) ?? { chain: stage.chain, decision: null, notes: [] };
    events.stageRouted?.(stage, routed);
    events.stageStarted?.({ ...stage, chain: routed.chain }, index, plan.stages.length);
    const input = buildStagePrompt(stage.stage, plan.prompt.text, outputs);
    const result = await runWithFallbacks(
      routed.chain,
      {
        system: stage.system,
        prompt: input,
        maxTokens: stage.maxTokens,
        temperature: stage.temperature,
        timeoutMs: plan.timeoutMs,
        stream: plan.stream,
        cache: false,
        retryPolicy: plan.retryPolicy,
      },
      stageDeps,
      budget,
      // a role's models rest when sick; models named with --models are called all the same
      stage.modelsFrom === '--models' ? stage.chain.length : 0,
    );
    const route = routed.decision ? { route: routed.decision } : {};
    const staged: StageResult = { ...result, ...route, stage: stage.stage, role: stage.role, input, inputFile: null };
    const finished = (await events.stageFinished?.(staged, stage, index)) ?? staged;
    results.push(finished);
    if (finished.status === 'ok' && finished.text) outputs[stage.stage] = finished.text;
  }
  return results;
}
