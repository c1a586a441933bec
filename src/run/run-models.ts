import type { ProviderError } from '../errors/provider-error.js';
import { emptyUsage, type GenerateRequest, type GenerateResult } from '../providers/language-model.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { RunPlan } from '../plan/run-plan.js';
import { computeCost } from '../cost/compute-cost.js';
import { adjustTemperature } from './adjust-temperature.js';
import { callWithRetries, type RetryBudget } from './call-with-retries.js';
import type { ModelResult, ResultError } from './model-result.js';
import type { RunDeps } from './run-deps.js';

export type { RunDeps, RunEvents } from './run-deps.js';

function toResultError(error: ProviderError, secrets: readonly (string | null)[]): ResultError {
  return {
    type: error.type,
    message: redactSecrets(error.message, secrets),
    retryable: error.retryable,
    status: error.status,
    requestId: error.requestId,
    retryAfterMs: error.retryAfterMs,
  };
}

const withoutReportedCost = ({ reportedCostUsd: _reported, ...rest }: GenerateResult) => rest;

function succeeded(model: ResolvedModel, servedBy: ResolvedModel, generated: GenerateResult, attempts: number): ModelResult {
  return {
    model: model.id,
    provider: model.provider.id,
    status: 'ok',
    servedBy: servedBy.id,
    ...withoutReportedCost(generated),
    costUsd: generated.reportedCostUsd ?? computeCost(generated.usage, servedBy.prices, servedBy.wireFormat),
    text: redactSecrets(generated.text, [model.apiKey, servedBy.apiKey], { keyShapes: false }),
    latencyMs: Math.round(generated.latencyMs),
    ttftMs: generated.ttftMs === null ? null : Math.round(generated.ttftMs),
    attempts,
    incomplete: false,
    fallback: null,
    warnings: [],
    outputFile: null,
    error: null,
  };
}

function failed(model: ResolvedModel, error: ProviderError, attempts: number, latencyMs: number): ModelResult {
  return {
    model: model.id,
    provider: model.provider.id,
    status: 'error',
    servedBy: null,
    text: error.partialText,
    reasoning: null,
    finishReason: null,
    usage: emptyUsage(),
    costUsd: null,
    latencyMs,
    ttftMs: null,
    responseModel: null,
    requestId: error.requestId,
    attempts,
    incomplete: error.partialText !== null,
    fallback: null,
    warnings: [],
    outputFile: null,
    error: toResultError(error, [model.apiKey]),
  };
}

/** Calls one model (then its fallback, if it still fails after retries) and returns the result; never throws. */
export async function runOneModel(model: ResolvedModel, plan: RunPlan, deps: RunDeps, budget: RetryBudget): Promise<ModelResult> {
  const started = deps.now();
  const warnings: string[] = [];
  const request = (target: ResolvedModel): GenerateRequest => {
    const temperature = adjustTemperature(plan.temperature, target.temperature);
    if (temperature.warning) {
      const warning = `${target.id} ${temperature.warning}`;
      warnings.push(warning);
      deps.events?.warning?.(target, warning);
    }
    return {
      modelId: target.modelId,
      system: plan.system,
      prompt: plan.prompt.text,
      maxTokens: plan.maxTokens,
      temperature: temperature.value,
      timeoutMs: plan.timeoutMs,
      cache: plan.cache,
      signal: deps.signal,
    };
  };
  const primary = await callWithRetries(model, request(model), plan.stream, plan.retryPolicy, budget, deps);
  if (primary.ok) return { ...succeeded(model, model, primary.result, primary.attempts), warnings };

  const fallback = plan.fallback;
  if (!fallback || fallback.id === model.id || deps.signal?.aborted) {
    return { ...failed(model, primary.error, primary.attempts, Math.round(deps.now() - started)), warnings };
  }
  deps.events?.fallingBack?.(model, fallback, primary.error);
  const secondary = await callWithRetries(fallback, request(fallback), plan.stream, plan.retryPolicy, budget, deps);
  const attempts = primary.attempts + secondary.attempts;
  const from = { from: model.id, error: toResultError(primary.error, [model.apiKey]) };
  if (secondary.ok) return { ...succeeded(model, fallback, secondary.result, attempts), fallback: from, warnings };
  const result = failed(fallback, secondary.error, attempts, Math.round(deps.now() - started));
  const error = result.error && {
    ...result.error,
    message: `${model.id} failed, then fallback ${fallback.id} failed too: ${result.error.message}`,
  };
  return { ...result, model: model.id, provider: model.provider.id, fallback: from, error, warnings };
}

/** Runs every model of the plan one after another; one failure never stops the others. */
export async function runModels(plan: RunPlan, deps: RunDeps): Promise<ModelResult[]> {
  const budget: RetryBudget = { leftMs: plan.retryPolicy.runBudgetMs };
  const results: ModelResult[] = [];
  for (const [index, model] of plan.models.entries()) {
    if (deps.signal?.aborted) break;
    deps.events?.started?.(model, index, plan.models.length);
    const result = await runOneModel(model, plan, deps, budget);
    results.push((await deps.events?.finished?.(result, model)) ?? result);
  }
  return results;
}
