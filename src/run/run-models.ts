import { ProviderError } from '../errors/provider-error.js';
import { emptyUsage, type GenerateRequest, type LanguageModel } from '../providers/language-model.js';
import { redactSecrets } from '../providers/redact-secrets.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { RunPlan } from '../plan/run-plan.js';
import type { ModelResult } from './model-result.js';

/** What the runner tells its subscribers (UI, files, history) as a run goes. */
export interface RunEvents {
  started?(model: ResolvedModel, index: number, total: number): void;
  delta?(model: ResolvedModel, text: string): void;
  /**
   * Awaited before the next model starts, so a finished result is saved before anything else can
   * fail. May return the result amended (e.g. with its `outputFile`).
   */
  finished?(result: ModelResult, model: ResolvedModel): void | ModelResult | Promise<void | ModelResult>;
}

/** What the runner needs from outside, injected. */
export interface RunDeps {
  createModel(model: ResolvedModel): Promise<LanguageModel>;
  events?: RunEvents;
  /** Monotonic clock in milliseconds. */
  now(): number;
  signal?: AbortSignal;
}

function toFailure(error: unknown, model: ResolvedModel, latencyMs: number): ModelResult {
  const providerError =
    error instanceof ProviderError
      ? error
      : new ProviderError({
          type: 'UNKNOWN',
          message: `UNKNOWN: ${error instanceof Error ? error.message : String(error)}`,
          provider: model.provider.id,
          model: model.modelId,
          status: null,
          requestId: null,
          retryable: false,
          retryAfterMs: null,
        });
  return {
    model: model.id,
    provider: model.provider.id,
    status: 'error',
    text: null,
    reasoning: null,
    finishReason: null,
    usage: emptyUsage(),
    latencyMs,
    ttftMs: null,
    responseModel: null,
    requestId: providerError.requestId,
    outputFile: null,
    error: {
      type: providerError.type,
      message: redactSecrets(providerError.message, [model.apiKey]),
      retryable: providerError.retryable,
      status: providerError.status,
      requestId: providerError.requestId,
    },
  };
}

/** Calls one model and returns its result; never throws. */
export async function runOneModel(model: ResolvedModel, plan: RunPlan, deps: RunDeps): Promise<ModelResult> {
  const started = deps.now();
  try {
    const languageModel = await deps.createModel(model);
    const request: GenerateRequest = {
      modelId: model.modelId,
      system: plan.system,
      prompt: plan.prompt.text,
      maxTokens: plan.maxTokens,
      temperature: plan.temperature,
      timeoutMs: plan.timeoutMs,
      signal: deps.signal,
    };
    const generated = plan.stream
      ? await languageModel.stream(request, (delta) => deps.events?.delta?.(model, delta.text))
      : await languageModel.generate(request);
    return {
      model: model.id,
      provider: model.provider.id,
      status: 'ok',
      ...generated,
      latencyMs: Math.round(generated.latencyMs),
      ttftMs: generated.ttftMs === null ? null : Math.round(generated.ttftMs),
      outputFile: null,
      error: null,
    };
  } catch (error) {
    return toFailure(error, model, Math.round(deps.now() - started));
  }
}

/** Runs every model of the plan one after another; one failure never stops the others. */
export async function runModels(plan: RunPlan, deps: RunDeps): Promise<ModelResult[]> {
  const results: ModelResult[] = [];
  for (const [index, model] of plan.models.entries()) {
    deps.events?.started?.(model, index, plan.models.length);
    const result = await runOneModel(model, plan, deps);
    results.push((await deps.events?.finished?.(result, model)) ?? result);
  }
  return results;
}
