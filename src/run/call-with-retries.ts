import { localProviderError, ProviderError } from '../errors/provider-error.js';
import { checkReply } from '../providers/check-reply.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../providers/language-model.js';
import type { ResolvedModel } from '../providers/registry.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';
import type { RunDeps } from './run-deps.js';

/** The retry waiting still allowed in this run, shared by all its models. */
export interface RetryBudget {
  leftMs: number;
}

/** What one model's attempts came to. */
export type AttemptsOutcome =
  { ok: true; result: GenerateResult; attempts: number } | { ok: false; error: ProviderError; attempts: number };

const where = (model: ResolvedModel) => ({ provider: model.provider.id, model: model.modelId });

export function toProviderError(error: unknown, model: ResolvedModel): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return localProviderError('UNKNOWN', `UNKNOWN: ${message}`, where(model), {}, error);
}

const rotatesKey = (error: ProviderError) => error.type === 'RATE_LIMIT' || error.type === 'QUOTA_EXCEEDED';

const cancelled = (model: ResolvedModel, partialText: string | null) =>
  localProviderError('CANCELLED', 'CANCELLED: interrupted before the reply was complete', where(model), { partialText });

/** Calls one model under the retry policy; never throws. */
export async function callWithRetries(
  model: ResolvedModel,
  request: GenerateRequest,
  stream: boolean,
  policy: RetryPolicy,
  budget: RetryBudget,
  deps: RunDeps,
): Promise<AttemptsOutcome> {
  let keyIndex = 0;
  const withKey = (index: number): ResolvedModel => (index === 0 ? model : { ...model, apiKey: model.apiKeys[index] ?? null });
  let languageModel: LanguageModel;
  try {
    languageModel = await deps.createModel(model);
  } catch (error) {
    return { ok: false, error: toProviderError(error, model), attempts: 0 };
  }
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      const generated = stream
        ? await languageModel.stream(request, (delta) => deps.events?.delta?.(model, delta.text))
        : await languageModel.generate(request);
      return { ok: true, result: checkReply(generated, model.provider.id, model.modelId), attempts: attempt };
    } catch (caught) {
      const error = toProviderError(caught, model);
      if (deps.signal?.aborted) return { ok: false, error: cancelled(model, error.partialText), attempts: attempt };
      if (rotatesKey(error) && keyIndex + 1 < model.apiKeys.length) {
        keyIndex += 1;
        deps.events?.warning?.(
          model,
          `${model.id}: ${error.type} on key ${keyIndex} of ${model.apiKeys.length}; trying key ${keyIndex + 1}`,
        );
        try {
          languageModel = await deps.createModel(withKey(keyIndex));
        } catch (created) {
          return { ok: false, error: toProviderError(created, model), attempts: attempt };
        }
        continue;
      }
      const decision = decideRetry(error, attempt, policy, budget.leftMs, deps.random);
      if (!decision.retry) {
        const final = decision.reason ? new ProviderError({ ...error.fields(), message: `${error.message} (${decision.reason})` }) : error;
        return { ok: false, error: final, attempts: attempt };
      }
      budget.leftMs -= decision.delayMs;
      deps.events?.retrying?.(model, { attempt: attempt + 1, maxAttempts: policy.retries + 1, delayMs: decision.delayMs, error });
      try {
        await deps.sleep(decision.delayMs, deps.signal);
      } catch {
        return { ok: false, error: cancelled(model, error.partialText), attempts: attempt };
      }
    }
  }
}
