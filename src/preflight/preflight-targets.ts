import { createHash } from 'node:crypto';
import type { DoctorTarget } from '../commands/doctor/doctor-target.js';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import { presetEnvNames, providerStatus, type ProviderStatus, type ResolvedModel } from '../providers/registry.js';

/** One key at one endpoint to check before a run: what the doctor's probe needs, and who it is for. */
export interface PreflightTarget {
  /** sha256 of everything that decides the check's outcome (provider, endpoint, key, headers, proxy settings): the cache's key. */
  identity: string;
  /** The provider's id, with the key's number when the provider has several keys in play. */
  label: string;
  target: DoctorTarget;
}

/** The proxy variables a probe's route depends on. */
const proxyVariables = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'];

/** A one-way hash of the check's inputs: the cache never holds a key, only this. */
function identityOf(model: ResolvedModel, key: string | null, env: Env): string {
  const parts = [
    model.provider.id,
    model.wireFormat,
    model.baseURL,
    key,
    model.headers,
    model.query,
    proxyVariables.map((name) => env[name] ?? ''),
    ...(model.command ? [model.command] : []),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * With several keys (rotation), the status names the variable this key came from (null: the
 * config's `apiKeys`), so the table and the fix point at the key that failed, not the first one.
 */
function statusForKey(status: ProviderStatus, key: string | null, keyCount: number, env: Env): ProviderStatus {
  if (keyCount <= 1 || key === null) return status;
  const variable = presetEnvNames(status.preset).apiKey.find((name) => (env[name] ?? '').trim() === key);
  return { ...status, apiKeyEnv: variable ?? null };
}

/**
 * Every check a run needs before its first call: one per provider, endpoint and key (a probe checks a
 * key at an endpoint, not each model), in the order the models were given; every key of a provider
 * with rotation. The offline mock needs none.
 */
export function preflightTargets(models: readonly ResolvedModel[], env: Env): PreflightTarget[] {
  const found = new Map<string, { model: ResolvedModel; key: string | null; keyIndex: number; keyCount: number }>();
  for (const model of models) {
    if (model.wireFormat === 'mock') continue;
    const keys: (string | null)[] = model.apiKeys.length > 0 ? model.apiKeys : [model.apiKey];
    keys.forEach((key, keyIndex) => {
      const identity = identityOf(model, key, env);
      if (!found.has(identity)) found.set(identity, { model, key, keyIndex, keyCount: keys.length });
    });
  }
  return [...found.entries()].map(([identity, { model, key, keyIndex, keyCount }]) => {
    const probed: ResolvedModel = { ...model, apiKey: key, apiKeys: key === null ? [] : [key] };
    const id = model.provider.id;
    return {
      identity,
      label: keyCount > 1 ? t('preflight.keyNumber', { id, number: keyIndex + 1 }) : id,
      target: { status: statusForKey(providerStatus(model.provider, env), key, keyCount, env), model: probed },
    };
  });
}
