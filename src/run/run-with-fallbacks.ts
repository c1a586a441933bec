import type { ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { emptyUsage, type GenerateRequest, type GenerateResult } from '../providers/language-model.js';
import { secretsOf, type ResolvedModel } from '../providers/registry.js';
import { computeCost } from '../cost/compute-cost.js';
import { adjustTemperature } from './adjust-temperature.js';
import { callWithRetries, type RetryBudget } from './call-with-retries.js';
import type { ModelResult } from './model-result.js';
import { redactResult, usableSecrets } from './redact-reply.js';
import { toResultError } from './result-error.js';
import type { RetryPolicy } from './retry-policy.js';
import type { RunDeps } from './run-deps.js';
import { countWriting } from '../text/count-writing.js';
import { requestKey } from './request-key.js';
import { healthyChain } from '../health/healthy-chain.js';
import type { AttemptsOutcome } from './call-with-retries.js';

/** One prompt as sent to a model: what a comparison cell or a pipeline stage asks. */
export interface ModelTask {
  system: string;
  prompt: string;
  maxTokens: number | null;
  temperature: number | null;
  timeoutMs: number;
  stream: boolean;
  cache: boolean;
  retryPolicy: RetryPolicy;
}

const withoutReportedCost = ({ reportedCostUsd: _reported, ...rest }: GenerateResult) => rest;

function succeeded(model: ResolvedModel, servedBy: ResolvedModel, generated: GenerateResult, attempts: number): ModelResult {
  return {
    model: model.id,
    provider: model.provider.id,
    status: 'ok',
    servedBy: servedBy.id,
    ...withoutReportedCost(generated),
    costUsd: generated.reportedCostUsd ?? computeCost(generated.usage, servedBy.prices),
    text: generated.text,
    ...countWriting(generated.text),
    reasoning: generated.reasoning,
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

/** A failure keeps what the reply had brought: partial text, reasoning, usage (and so its cost), finish reason. */
function failed(model: ResolvedModel, error: ProviderError, attempts: number, latencyMs: number): ModelResult {
  const reply = error.reply;
  const usage = reply?.usage ?? emptyUsage();
  return {
    model: model.id,
    provider: model.provider.id,
    status: 'error',
    servedBy: null,
    text: error.partialText,
    ...countWriting(error.partialText ?? ''),
    reasoning: reply?.reasoning ? reply.reasoning : null,
    finishReason: reply?.finishReason ?? null,
    usage,
    costUsd: reply?.reportedCostUsd ?? computeCost(usage, model.prices),
    latencyMs,
    ttftMs: null,
    responseModel: reply?.responseModel ?? null,
    requestId: error.requestId,
    attempts,
    incomplete: error.partialText !== null,
    fallback: null,
    warnings: [],
    outputFile: null,
    error: toResultError(error),
  };
}

/**
 * Asks the first model of the chain; when it still fails after its retries, each next one in turn
 * (a role's models, or `--fallback`). Never throws. Each fallback is called (and named in events) as
 * this chain's own copy: when models run at once, a reporter can tell the events of one fallback
 * shared by two chains apart by object (see `RunEvents.fallingBack`). With `deps.health`, models past
 * the first `named` (those the user named) that rest are skipped, one line each (see `healthyChain`),
 * and every call's end is recorded.
 */
export async function runWithFallbacks(
  chain: readonly ResolvedModel[],
  task: ModelTask,
  deps: RunDeps,
  budget: RetryBudget,
  named = 1,
): Promise<ModelResult> {
  // Everything in the result that a server sent passes one redaction of every secret the run knows:
  // the chain's keys and secret headers, and whatever the caller adds (the whole run's).
  const secrets = usableSecrets([...secretsOf(...chain), ...(deps.secrets ?? [])]);
  const [first] = chain;
  const key = first ? requestKey(first, task) : undefined;
  const reused = key === undefined ? null : (deps.reuse?.(key) ?? null);
  if (reused) return { ...reused, requestKey: key };
  const result = await callChain(chain, task, { ...deps, secrets }, budget, named);
  return { ...redactResult(result, secrets), ...(key === undefined ? {} : { requestKey: key }) };
}

async function callChain(
  all: readonly ResolvedModel[],
  task: ModelTask,
  deps: RunDeps,
  budget: RetryBudget,
  named: number,
): Promise<ModelResult> {
  const warnings: string[] = [];
  const tell = (target: ResolvedModel, warning: string) => {
    warnings.push(warning);
    deps.events?.warning?.(target, warning);
  };
  const chain = deps.health ? healthyChain(all, named, deps.health, tell) : all;
  const [model, ...shared] = chain;
  if (!model) throw new Error(t('errors.run.noModel'));
  const fallbacks = shared.map((fallback) => ({ ...fallback }));
  const started = deps.now();
  const call = async (target: ResolvedModel): Promise<AttemptsOutcome> => {
    const outcome = await callWithRetries(target, request(target), task.stream, task.retryPolicy, budget, deps);
    // written in the background: the command awaits health.settled() before it ends
    void deps.health?.record(
      target,
      outcome.ok ? { ok: true } : { ok: false, type: outcome.error.type, retryable: outcome.error.retryable },
    );
    return outcome;
  };
  const request = (target: ResolvedModel): GenerateRequest => {
    const temperature = adjustTemperature(task.temperature, target.temperature);
    if (temperature.warning) tell(target, `${target.id} ${temperature.warning}`);
    return {
      modelId: target.modelId,
      system: task.system,
      prompt: task.prompt,
      maxTokens: task.maxTokens,
      temperature: temperature.value,
      timeoutMs: task.timeoutMs,
      cache: task.cache,
      signal: deps.signal,
    };
  };
  const primary = await call(model);
  if (primary.ok) return { ...succeeded(model, model, primary.result, primary.attempts), warnings };

  let attempts = primary.attempts;
  let last = { target: model, error: primary.error };
  const from = { from: model.id, error: toResultError(primary.error) };
  for (const fallback of fallbacks.filter((candidate) => candidate.id !== model.id)) {
    if (deps.signal?.aborted) break;
    deps.events?.fallingBack?.(last.target, fallback, last.error);
    const outcome = await call(fallback);
    attempts += outcome.attempts;
    if (outcome.ok) return { ...succeeded(model, fallback, outcome.result, attempts), fallback: from, warnings };
    last = { target: fallback, error: outcome.error };
  }
  const result = failed(last.target, last.error, attempts, Math.round(deps.now() - started));
  if (last.target === model) return { ...result, warnings };
  const error = result.error && {
    ...result.error,
    message: t('errors.run.fallbackFailedToo', { model: model.id, fallback: last.target.id, message: result.error.message }),
  };
  return { ...result, model: model.id, provider: model.provider.id, fallback: from, error, warnings };
}
