import { localProviderError, ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { checkReply } from '../providers/check-reply.js';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../providers/language-model.js';
import { secretsOf, type ResolvedModel } from '../providers/registry.js';
import { createStreamRedactor, redactProviderError, usableSecrets } from './redact-reply.js';
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
  return localProviderError('UNKNOWN', t('errors.provider.unknown', { message }), where(model), {}, error);
}

const rotatesKey = (error: ProviderError) => error.type === 'RATE_LIMIT' || error.type === 'QUOTA_EXCEEDED';

const cancelled = (model: ResolvedModel, partialText: string | null) =>
  localProviderError('CANCELLED', t('errors.run.cancelled'), where(model), { partialText });

/**
 * Calls one model under the retry policy; never throws. With several keys (`apiKeys`), a
 * RATE_LIMIT or QUOTA_EXCEEDED moves to the next key before it counts as a failure: only when every
 * key failed in a round does the retry policy decide (the next round starts with the key after the
 * last one tried). `attempts` counts every request made.
 */
export async function callWithRetries(
  model: ResolvedModel,
  request: GenerateRequest,
  stream: boolean,
  policy: RetryPolicy,
  budget: RetryBudget,
  deps: RunDeps,
): Promise<AttemptsOutcome> {
  // A server may echo a secret, even one character per chunk: deltas pass a redactor that holds
  // back what could still become one, and every error leaves here redacted (events included).
  const secrets = usableSecrets([...secretsOf(model), ...(deps.secrets ?? [])]);
  const emit = (text: string) => {
    if (text !== '') deps.events?.delta?.(model, text);
  };
  const keyCount = Math.max(1, model.apiKeys.length);
  let keyIndex = 0;
  /** Keys tried in this round, the current one included. */
  let triedKeys = 1;
  const withKey = (index: number): ResolvedModel => (index === 0 ? model : { ...model, apiKey: model.apiKeys[index] ?? null });
  let languageModel: LanguageModel;
  try {
    languageModel = await deps.createModel(model);
  } catch (error) {
    return { ok: false, error: redactProviderError(toProviderError(error, model), secrets), attempts: 0 };
  }
  const switchKey = async (index: number): Promise<ProviderError | null> => {
    keyIndex = index;
    try {
      languageModel = await deps.createModel(withKey(index));
      return null;
    } catch (created) {
      return redactProviderError(toProviderError(created, model), secrets);
    }
  };
  let requests = 0;
  let retries = 0;
  for (;;) {
    requests += 1;
    const redactor = createStreamRedactor(secrets);
    try {
      const generated = stream
        ? await languageModel.stream(request, (delta) => emit(redactor.push(delta.text)))
        : await languageModel.generate(request);
      emit(redactor.finish());
      return { ok: true, result: checkReply(generated, model.provider.id, model.modelId), attempts: requests };
    } catch (caught) {
      emit(redactor.finish());
      const error = redactProviderError(toProviderError(caught, model), secrets);
      if (deps.signal?.aborted) return { ok: false, error: cancelled(model, error.partialText), attempts: requests };
      const nextKey = (keyIndex + 1) % keyCount;
      if (rotatesKey(error) && triedKeys < keyCount) {
        triedKeys += 1;
        const note = t('errors.run.nextKey', { model: model.id, type: error.type, key: keyIndex + 1, keys: keyCount, next: nextKey + 1 });
        deps.events?.warning?.(model, note);
        const failed = await switchKey(nextKey);
        if (failed) return { ok: false, error: failed, attempts: requests };
        continue;
      }
      const decision = decideRetry(error, retries + 1, policy, budget.leftMs, deps.random);
      if (!decision.retry) {
        const final = decision.reason
          ? new ProviderError({
              ...error.fields(),
              message: t('errors.run.notRetried', { message: error.message, reason: decision.reason }),
            })
          : error;
        return { ok: false, error: final, attempts: requests };
      }
      retries += 1;
      budget.leftMs -= decision.delayMs;
      deps.events?.retrying?.(model, { attempt: retries + 1, maxAttempts: policy.retries + 1, delayMs: decision.delayMs, error });
      try {
        await deps.sleep(decision.delayMs, deps.signal);
      } catch {
        return { ok: false, error: cancelled(model, error.partialText), attempts: requests };
      }
      triedKeys = 1;
      if (rotatesKey(error) && keyCount > 1) {
        const failed = await switchKey(nextKey);
        if (failed) return { ok: false, error: failed, attempts: requests };
      }
    }
  }
}
