import type { ProviderErrorType } from '../errors/provider-error.js';
import type { HealthConfig } from './health-config.js';
import type { HealthIdentity } from './health-identity.js';

/** The failure types that mark a key unusable until its configuration changes. */
export const unusableTypes = ['AUTH', 'QUOTA_EXCEEDED'] as const;
export type UnusableType = (typeof unusableTypes)[number];

/** What the state file keeps about one provider and key (never the key). */
export interface HealthEntry {
  provider: string;
  keyHash: string;
  fingerprint: string;
  /** Retryable failures in a row since the last success. */
  failures: number;
  /** The last rest's length; 0 when it has not rested since its last success. */
  cooldownMs: number;
  /** ISO time the rest ends, or null. */
  restingUntil: string | null;
  /** The last failure's type. */
  lastError: ProviderErrorType | null;
  /** Set by AUTH or QUOTA_EXCEEDED: unusable until the fingerprint changes. */
  unusable: { type: UnusableType; since: string } | null;
  updatedAt: string;
  /** The last calls that said something about the provider, oldest first: `o` ok, `x` failed (at most 20). */
  recent?: string;
}

/** How many of the last calls `recent` keeps. */
export const recentCalls = 20;

/** How a call (after its retries) ended, as far as health goes. */
export type HealthOutcome = { ok: true } | { ok: false; type: ProviderErrorType; retryable: boolean };

/** What a provider's entry says now. */
export type HealthVerdict =
  | { state: 'ok'; failures: number }
  | { state: 'resting'; until: Date; failures: number }
  | { state: 'unusable'; type: UnusableType; since: Date };

const fresh = (identity: HealthIdentity, now: Date): HealthEntry => ({
  provider: identity.provider,
  keyHash: identity.keyHash,
  fingerprint: identity.fingerprint,
  failures: 0,
  cooldownMs: 0,
  restingUntil: null,
  lastError: null,
  unusable: null,
  updatedAt: now.toISOString(),
});

const restingAt = (entry: HealthEntry, now: Date) => entry.restingUntil !== null && Date.parse(entry.restingUntil) > now.getTime();

/**
 * The entry after one call: a success resets it; AUTH or QUOTA_EXCEEDED mark the key unusable; a
 * retryable failure counts, and the `failures`-th in a row starts a rest of `cooldownMs`. Once it has
 * rested, its next failure (before any success) rests it again for twice as long, up to the cap.
 * Other failures (a bad request, a cancelled call) say nothing about the provider. An entry written
 * for another configuration (fingerprint) starts afresh.
 */
export function applyOutcome(
  previous: HealthEntry | undefined,
  outcome: HealthOutcome,
  identity: HealthIdentity,
  now: Date,
  config: HealthConfig,
): HealthEntry {
  const entry = previous && previous.fingerprint === identity.fingerprint ? previous : fresh(identity, now);
  const recent = (mark: 'o' | 'x') => `${entry.recent ?? ''}${mark}`.slice(-recentCalls);
  if (outcome.ok) return { ...fresh(identity, now), recent: recent('o') };
  const stamp = now.toISOString();
  if ((unusableTypes as readonly string[]).includes(outcome.type)) {
    const unusable = { type: outcome.type as UnusableType, since: stamp };
    return { ...entry, lastError: outcome.type, unusable, updatedAt: stamp, recent: recent('x') };
  }
  if (!outcome.retryable || outcome.type === 'CANCELLED') return entry;
  const failures = entry.failures + 1;
  const counted = { ...entry, failures, lastError: outcome.type, updatedAt: stamp, recent: recent('x') };
  // a call made while it rests (named with --models) does not lengthen the rest
  if (restingAt(entry, now)) return counted;
  const cooldownMs =
    entry.cooldownMs > 0 ? Math.min(entry.cooldownMs * 2, config.maxCooldownMs) : failures >= config.failures ? config.cooldownMs : 0;
  if (cooldownMs === 0) return counted;
  return { ...counted, cooldownMs, restingUntil: new Date(now.getTime() + cooldownMs).toISOString() };
}

/** What the entry says at `now` for a provider configured as `identity` (ok when it was written for another configuration). */
export function verdictOf(entry: HealthEntry | undefined, identity: HealthIdentity, now: Date): HealthVerdict {
  if (!entry || entry.fingerprint !== identity.fingerprint) return { state: 'ok', failures: 0 };
  if (entry.unusable) return { state: 'unusable', type: entry.unusable.type, since: new Date(entry.unusable.since) };
  if (restingAt(entry, now)) return { state: 'resting', until: new Date(entry.restingUntil ?? 0), failures: entry.failures };
  return { state: 'ok', failures: entry.failures };
}

/** The recent calls' count and successes (same configuration only), or null when none is known. */
export function recentOf(entry: HealthEntry | undefined, identity: HealthIdentity): { calls: number; ok: number } | null {
  if (!entry?.recent || entry.fingerprint !== identity.fingerprint) return null;
  return { calls: entry.recent.length, ok: [...entry.recent].filter((mark) => mark === 'o').length };
}
