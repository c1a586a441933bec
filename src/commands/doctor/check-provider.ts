import { localProviderError, ProviderError } from '../../errors/provider-error.js';
import type { Env } from '../../io/env.js';
import { t } from '../../i18n/translate.js';
import { toAdapterConfig } from '../../providers/create-language-model.js';
import { couldNotReach, networkFailureProxy } from '../../providers/network-failure-reason.js';
import { displayProxyUrl, proxyForUrl, ProxySettingError } from '../../providers/proxy-for-url.js';
import { redactSecrets, redactUrlCredentials } from '../../providers/redact-secrets.js';
import { secretsOf } from '../../providers/registry.js';
import type { KeyProbeMethod, KeyProbeProgress } from '../../providers/wire-formats/wire-format-adapter.js';
import { loadWireFormat } from '../../providers/wire-formats/wire-format-registry.js';
import type { DoctorErrorType, DoctorTarget } from './doctor-target.js';
import { fixHint } from './fix-hint.js';

/** The outcome of one provider's check, as `doctor --json` prints it. Never carries a key. */
export interface ProviderCheck {
  id: string;
  /** Base URL with any credentials in it hidden; null for a provider run through a local CLI. */
  baseURL: string | null;
  /** The command a provider run through a local CLI starts (only such a provider has this key). */
  command?: string;
  /** The proxy its calls go through (from HTTPS_PROXY/HTTP_PROXY/NO_PROXY), password hidden; null: direct. */
  proxy: string | null;
  /** The variable that holds (or should hold) the key; null when none is needed. */
  apiKeyEnv: string | null;
  /** null when the provider needs no key. */
  keyPresent: boolean | null;
  /** Whether the endpoint answered at all; null when it was not called. */
  reachable: boolean | null;
  /** Whether the key got past authentication; null when that could not be told. */
  keyAccepted: boolean | null;
  /** `models`: GET /models answered; `generate`: a 1-token call (no /models there); null: nothing was called. */
  method: KeyProbeMethod | null;
  latencyMs: number | null;
  ok: boolean;
  error: { type: DoctorErrorType; message: string } | null;
  fix: string | null;
}

/** What a check needs from outside. */
export interface CheckDeps {
  /** The HTTP client the wire format's SDK uses (proxies applied). */
  fetch: typeof fetch;
  /** Monotonic clock in milliseconds. */
  now(): number;
  /** The whole check (both calls, if it falls back) ends within this many milliseconds. */
  timeoutMs: number;
  env: Env;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/** Errors that can only come after the key got past authentication. */
const afterAuth: ReadonlySet<string> = new Set(['RATE_LIMIT', 'QUOTA_EXCEEDED', 'MODEL_NOT_FOUND', 'BAD_REQUEST', 'CONTEXT_LENGTH']);

const isAbort = (error: unknown, name: string) => error instanceof Error && error.name === name;

/** A timeout of the whole check. */
const timeoutError = (where: { provider: string; model: string }, ms: number, cause?: unknown) =>
  localProviderError('TIMEOUT', `TIMEOUT: ${t('doctor.timeoutMessage', { ms })}`, where, {}, cause);

function networkError(error: unknown, where: { provider: string; model: string }, secrets: readonly string[], timeoutMs: number) {
  if (isAbort(error, 'TimeoutError')) return timeoutError(where, timeoutMs, error);
  if (isAbort(error, 'AbortError')) {
    return localProviderError('CANCELLED', `CANCELLED: ${t('doctor.cancelledMessage')}`, where, {}, error);
  }
  return localProviderError('NETWORK', redactSecrets(`NETWORK: ${couldNotReach(error)}`, secrets), where, {}, error);
}

/** The proxy calls to this base URL go through, for display; null when they go direct. */
function proxyLabel(baseURL: string | null, env: Env): string | null {
  try {
    const route = baseURL === null ? null : proxyForUrl(baseURL, env);
    return route === null ? null : displayProxyUrl(route.url);
  } catch (error) {
    return error instanceof ProxySettingError ? t('doctor.invalidProxy', { variable: error.variable }) : null;
  }
}

/**
 * Checks one provider: key present → endpoint reachable → key accepted, through its wire format's
 * key probe (the model list, or a 1-token call where the list answers 404/405). The whole check ends
 * within `deps.timeoutMs`.
 */
export async function checkProvider(target: DoctorTarget, deps: CheckDeps): Promise<ProviderCheck> {
  const { status, model } = target;
  const base: ProviderCheck = {
    id: status.preset.id,
    baseURL: status.baseURL === null ? null : redactSecrets(redactUrlCredentials(status.baseURL), secretsOf(model)),
    ...(status.command ? { command: status.command.command } : {}),
    proxy: proxyLabel(status.baseURL, deps.env),
    apiKeyEnv: status.preset.requiresKey ? status.apiKeyEnv : null,
    keyPresent: status.preset.requiresKey ? status.keyConfigured : null,
    reachable: null,
    keyAccepted: null,
    method: null,
    latencyMs: null,
    ok: false,
    error: null,
    fix: null,
  };
  if (status.problems.length > 0) {
    const type: DoctorErrorType = status.keyConfigured ? 'CONFIG' : 'MISSING_KEY';
    const message = status.problems.join('; ');
    return { ...base, error: { type, message }, fix: fixHint(type, target, message, deps.timeoutMs) };
  }
  // The adapter (and its SDK) loads before the clock starts: the bound is for the endpoint, not for our start-up.
  const adapter = await loadWireFormat(model.wireFormat);
  const started = deps.now();
  // A timer of our own rather than AbortSignal.timeout: the same bound, on the clock tests can move.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException(`no answer within ${deps.timeoutMs} ms`, 'TimeoutError')), deps.timeoutMs);
  const signal = deps.signal ? AbortSignal.any([timeout.signal, deps.signal]) : timeout.signal;
  const progress: KeyProbeProgress = { answered: false, method: 'models' };
  try {
    const config = { ...toAdapterConfig(model, deps.env), fetch: deps.fetch };
    await adapter.probeKey(config, { timeoutMs: deps.timeoutMs, signal, now: deps.now }, progress);
    const latencyMs = Math.round(deps.now() - started);
    const method = progress.method;
    return { ...base, reachable: true, keyAccepted: base.keyPresent === null ? null : true, method, latencyMs, ok: true };
  } catch (caught) {
    const latencyMs = Math.round(deps.now() - started);
    const where = { provider: base.id, model: model.modelId };
    const error = caught instanceof ProviderError ? caught : networkError(caught, where, secretsOf(model), deps.timeoutMs);
    const reachable = progress.answered || !['NETWORK', 'TIMEOUT', 'CANCELLED'].includes(error.type);
    const method = progress.method;
    const keyAccepted = error.type === 'AUTH' || error.type === 'PERMISSION' ? false : afterAuth.has(error.type) ? true : null;
    const message = redactSecrets(error.message, secretsOf(model));
    return {
      ...base,
      reachable,
      keyAccepted,
      method,
      latencyMs,
      error: { type: error.type, message },
      fix: fixHint(
        error.type,
        target,
        message,
        deps.timeoutMs,
        networkFailureProxy(caught) !== null || message.includes(' through proxy '),
      ),
    };
  } finally {
    clearTimeout(timer);
  }
}
