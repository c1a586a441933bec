import { localProviderError, ProviderError, type ProviderErrorType } from '../../errors/provider-error.js';
import type { LanguageModel } from '../../providers/language-model.js';
import { mapHttpError } from '../../providers/map-http-error.js';
import { couldNotReach } from '../../providers/network-failure-reason.js';
import { displayProxyUrl, proxyForUrl, ProxySettingError } from '../../providers/proxy-for-url.js';
import { redactSecrets, redactUrlCredentials } from '../../providers/redact-secrets.js';
import type { Env } from '../../io/env.js';
import type { ProviderStatus, ResolvedModel } from '../../providers/registry.js';
import { fixHint } from './fix-hint.js';

/** One provider to check: its status in this environment and its default model, resolved. */
export interface DoctorTarget {
  status: ProviderStatus;
  model: ResolvedModel;
}

/** Why a check failed: a provider error type, or a problem found before any call. */
export type DoctorErrorType = ProviderErrorType | 'MISSING_KEY' | 'CONFIG';

/** The outcome of one provider's check, as `doctor --json` prints it. Never carries a key. */
export interface ProviderCheck {
  id: string;
  /** Base URL with any credentials in it hidden. */
  baseURL: string | null;
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
  method: 'models' | 'generate' | null;
  latencyMs: number | null;
  ok: boolean;
  error: { type: DoctorErrorType; message: string } | null;
  fix: string | null;
}

/** What a check needs from outside. */
export interface CheckDeps {
  fetch: typeof fetch;
  /** Monotonic clock in milliseconds. */
  now(): number;
  /** The whole check (both calls, if it falls back) ends within this many milliseconds. */
  timeoutMs: number;
  env: Env;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  createLanguageModel(model: ResolvedModel, env: Env): Promise<LanguageModel>;
}

/** Errors that can only come after the key got past authentication. */
const afterAuth: ReadonlySet<string> = new Set(['RATE_LIMIT', 'QUOTA_EXCEEDED', 'MODEL_NOT_FOUND', 'BAD_REQUEST', 'CONTEXT_LENGTH']);

/** `GET /models` as each format's SDK would send it: URL, auth headers, preset headers and query. */
export function modelListRequest(model: ResolvedModel): { url: string; headers: Record<string, string> } {
  const base = (model.baseURL ?? '').replace(/\/+$/, '');
  const anthropic = model.wireFormat === 'anthropic';
  const url = new URL(anthropic ? `${base}/v1/models` : `${base}/models`);
  for (const [name, value] of Object.entries(model.query)) url.searchParams.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json', ...model.headers };
  const key = model.apiKey;
  if (anthropic) {
    headers['anthropic-version'] = '2023-06-01';
    // As the adapter does: the SDK's Bearer token, plus x-api-key for proxies that read only that.
    if (key) Object.assign(headers, { authorization: `Bearer ${key}`, 'x-api-key': key });
  } else if (key && model.provider.quirks?.apiKeyHeader === 'api-key') {
    headers['api-key'] = key;
  } else if (key) {
    headers.authorization = `Bearer ${key}`;
  }
  return { url: url.toString(), headers };
}

const isAbort = (error: unknown, name: string) => error instanceof Error && error.name === name;

/** A timeout of the whole check. */
const timeoutError = (where: { provider: string; model: string }, ms: number, cause?: unknown) =>
  localProviderError('TIMEOUT', `TIMEOUT: no answer within ${ms} ms`, where, {}, cause);

/**
 * GET /models: `listed` on a model list, `none` on 404/405 (no model list there); throws a
 * ProviderError otherwise. Sets `progress.answered` once any HTTP response came back.
 */
async function askModelList(
  target: DoctorTarget,
  deps: CheckDeps,
  signal: AbortSignal,
  progress: { answered: boolean },
): Promise<'listed' | 'none'> {
  const { model } = target;
  const where = { provider: model.provider.id, model: '(model list)' };
  const secrets = model.apiKeys;
  const { url, headers } = modelListRequest(model);
  let response: Response;
  try {
    response = await deps.fetch(url, { method: 'GET', headers, signal });
  } catch (error) {
    throw networkError(error, where, secrets, deps.timeoutMs);
  }
  progress.answered = true;
  if (response.status === 404 || response.status === 405) {
    await response.body?.cancel();
    return 'none';
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw networkError(error, where, secrets, deps.timeoutMs);
  }
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: an HTML page or a proxy's error text.
  }
  if (!response.ok) {
    throw mapHttpError({
      ...where,
      status: response.status,
      body,
      headers: response.headers,
      requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id'),
      apiKeyEnv: model.apiKeyEnv,
      secrets,
    });
  }
  if (!Array.isArray((body as { data?: unknown } | null)?.data)) {
    const detail = `HTTP ${response.status} from /models is not a model list (is the base URL right?)`;
    throw localProviderError('BAD_RESPONSE', `BAD_RESPONSE: ${detail}`, where, { status: response.status });
  }
  return 'listed';
}

function networkError(error: unknown, where: { provider: string; model: string }, secrets: readonly string[], timeoutMs: number) {
  if (isAbort(error, 'TimeoutError')) return timeoutError(where, timeoutMs, error);
  if (isAbort(error, 'AbortError')) return localProviderError('CANCELLED', 'CANCELLED: the check was cancelled', where, {}, error);
  return localProviderError('NETWORK', redactSecrets(`NETWORK: ${couldNotReach(error)}`, secrets), where, {}, error);
}

/** The proxy calls to this base URL go through, for display; null when they go direct. */
function proxyLabel(baseURL: string | null, env: Env): string | null {
  try {
    const route = baseURL === null ? null : proxyForUrl(baseURL, env);
    return route === null ? null : displayProxyUrl(route.url);
  } catch (error) {
    return error instanceof ProxySettingError ? `invalid ${error.variable}` : null;
  }
}

/** A 1-token call with the provider's default model, for endpoints without /models. */
async function oneTokenCall(target: DoctorTarget, deps: CheckDeps, deadline: number): Promise<void> {
  const languageModel = await deps.createLanguageModel(target.model, deps.env);
  const remaining = Math.round(deadline - deps.now());
  const where = { provider: target.model.provider.id, model: target.model.modelId };
  if (remaining <= 0) throw timeoutError(where, deps.timeoutMs);
  await languageModel.generate({
    modelId: target.model.modelId,
    system: null,
    prompt: 'Reply with one word: ok',
    maxTokens: 1,
    temperature: null,
    timeoutMs: remaining,
    signal: deps.signal,
  });
}

/**
 * Checks one provider: key present → endpoint reachable → key accepted, through `GET /models`, or
 * a 1-token call where /models answers 404/405. The whole check ends within `deps.timeoutMs`.
 */
export async function checkProvider(target: DoctorTarget, deps: CheckDeps): Promise<ProviderCheck> {
  const { status, model } = target;
  const base: ProviderCheck = {
    id: status.preset.id,
    baseURL: status.baseURL === null ? null : redactSecrets(redactUrlCredentials(status.baseURL), model.apiKeys),
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
  const started = deps.now();
  const deadline = started + deps.timeoutMs;
  const timeout = AbortSignal.timeout(deps.timeoutMs);
  const signal = deps.signal ? AbortSignal.any([timeout, deps.signal]) : timeout;
  let method: ProviderCheck['method'] = 'models';
  const progress = { answered: false };
  try {
    if ((await askModelList(target, deps, signal, progress)) === 'none') {
      method = 'generate';
      await oneTokenCall(target, deps, deadline);
    }
    const latencyMs = Math.round(deps.now() - started);
    return { ...base, reachable: true, keyAccepted: base.keyPresent === null ? null : true, method, latencyMs, ok: true };
  } catch (caught) {
    const latencyMs = Math.round(deps.now() - started);
    const where = { provider: base.id, model: model.modelId };
    const error = caught instanceof ProviderError ? caught : networkError(caught, where, model.apiKeys, deps.timeoutMs);
    const reachable = progress.answered || !['NETWORK', 'TIMEOUT', 'CANCELLED'].includes(error.type);
    const keyAccepted = error.type === 'AUTH' || error.type === 'PERMISSION' ? false : afterAuth.has(error.type) ? true : null;
    const message = redactSecrets(error.message, model.apiKeys);
    return {
      ...base,
      reachable,
      keyAccepted,
      method,
      latencyMs,
      error: { type: error.type, message },
      fix: fixHint(error.type, target, message, deps.timeoutMs),
    };
  }
}
