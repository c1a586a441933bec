import { createHash } from 'node:crypto';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { KeyLimits } from './limit-spec.js';

/** One key a model may be called with, as the limits see it: never the key itself. */
export interface LimitedKey {
  /** Its position in the model's keys (0 for a model with one key or none). */
  index: number;
  /** sha256 of the key (16 hex digits): the calls log counts by it; a key used under two provider ids is one account. */
  id: string;
  limits: KeyLimits;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The id a key's calls are counted under; a provider without a key counts under its own id. */
export const keyIdOf = (key: string | null, provider: string): string => sha(key ? key : `no key\n${provider}`);

/**
 * The keys of a model with the limits that apply to each: the provider's, each replaced by a key entry's
 * own (`apiKeys: [{ key, rateLimit }]`, `apiKeyEnvs: [{ env, rateLimit }]`, matched by the key it holds).
 */
export function limitedKeys(model: ResolvedModel, env: Env): LimitedKey[] {
  const limits = model.provider.limits;
  const own = (key: string): KeyLimits | undefined => {
    const index = (model.provider.apiKeys ?? []).indexOf(key);
    const byKey = index === -1 ? undefined : limits?.byKey?.[index];
    if (byKey) return byKey;
    const name = Object.keys(limits?.byEnv ?? {}).find((candidate) => (env[candidate] ?? '').trim() === key);
    return name ? limits?.byEnv?.[name] : undefined;
  };
  const provider: KeyLimits = {
    ...(limits?.rateLimit ? { rateLimit: limits.rateLimit } : {}),
    ...(limits?.tokenLimit ? { tokenLimit: limits.tokenLimit } : {}),
  };
  const keys = model.apiKeys.length > 0 ? model.apiKeys : [model.apiKey];
  return keys.map((key, index) => ({
    index,
    id: keyIdOf(key, model.provider.id),
    limits: { ...provider, ...(key ? own(key) : undefined) },
  }));
}
