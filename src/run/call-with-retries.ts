import { localProviderError, ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import { checkReply } from '../providers/check-reply.js';
import type { GenerateRequest, GenerateResult, LanguageModel, Usage } from '../providers/language-model.js';
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

/** Input + output tokens a reply reported, for the limits; null when it reported none. */
const tokensOf = (usage: Usage | null | undefined): number | null =>
  usage && (usage.inputTokens !== null || usage.outputTokens !== null) ? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) : null;

const rotatesKey = (error: ProviderError) => error.type === 'RATE_LIMIT' || error.type === 'QUOTA_EXCEEDED';

const cancelled = (model: ResolvedModel, partialText: string | null) =>
  localProviderError('CANCELLED', t('errors.run.cancelled'), where(model), { partialText });

/**
 * Calls one model under the retry policy; never throws. With several keys (`apiKeys`), a
 * RATE_LIMIT or QUOTA_EXCEEDED moves to the next key before it counts as a failure: only when every
 * key failed in a round does the retry policy decide (the next round starts with the key after the
 * last one tried). `attempts` counts every request made. With `deps.limits`, each request first
 * asks the keeper: a key at its limit gives way to the next key under its limits (one warning line),
 * a short wait for a free slot is slept (cancellable), and a long one fails the call without calling.
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
  /** How long this call has waited for a slot under its limits (see `deps.limits`). */
  let pacedMs = 0;
  for (;;) {
    let ticket: number | null = null;
    if (deps.limits) {
      const grant = deps.limits.acquire(model, requests === 0 ? null : keyIndex, pacedMs);
      if (grant.kind === 'refuse') return { ok: false, error: grant.error, attempts: requests };
      if (grant.note) deps.events?.warning?.(model, grant.note);
      if (grant.kind === 'wait') {
        pacedMs += grant.ms;
        try {
          await deps.sleep(grant.ms, deps.signal);
        } catch {
          return { ok: false, error: cancelled(model, null), attempts: requests };
        }
        continue;
      }
      ticket = grant.ticket;
      if (grant.keyIndex !== keyIndex) {
        const failed = await switchKey(grant.keyIndex);
        if (failed) {
          deps.limits.ended(ticket, null);
          return { ok: false, error: failed, attempts: requests };
        }
      }
    }
    requests += 1;
    const redactor = createStreamRedactor(secrets);
    try {
      const generated = stream
        ? await languageModel.stream(request, (delta) => emit(redactor.push(delta.text)))
        : await languageModel.generate(request);
      emit(redactor.finish());
      if (ticket !== null) deps.limits?.ended(ticket, tokensOf(generated.usage));
      return { ok: true, result: checkReply(generated, model.provider.id, model.modelId), attempts: requests };
    } catch (caught) {
      emit(redactor.finish());
      const error = redactProviderError(toProviderError(caught, model), secrets);
      if (ticket !== null) deps.limits?.ended(ticket, tokensOf(error.reply?.usage));
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
