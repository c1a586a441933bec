import { describe, expect, it } from 'vitest';
import { defaultHealthConfig, healthConfigFrom } from '../../src/health/health-config.js';
import { healthIdentity } from '../../src/health/health-identity.js';
import { applyOutcome, recentOf, verdictOf, type HealthEntry, type HealthOutcome } from '../../src/health/health-rules.js';
import { resolveModel } from '../../src/providers/registry.js';

const env = { OPENAI_API_KEY: 'sk-health-key-1', DEEPSEEK_API_KEY: 'sk-deep' };
const model = resolveModel('openai:gpt-4o', env);
const identity = healthIdentity(model);
const config = defaultHealthConfig;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, seconds));
const serverError: HealthOutcome = { ok: false, type: 'SERVER_ERROR', retryable: true };

/** Applies outcomes in turn, at the given seconds. */
function replay(steps: readonly [number, HealthOutcome][], start?: HealthEntry): HealthEntry | undefined {
  return steps.reduce<HealthEntry | undefined>(
    (entry, [second, outcome]) => applyOutcome(entry, outcome, identity, at(second), config),
    start,
  );
}

describe('health rules', () => {
  it('rests a provider after the configured number of retryable failures in a row, for the cooldown', () => {
    const two = replay([
      [0, serverError],
      [1, { ok: false, type: 'TIMEOUT', retryable: true }],
    ]);
    expect(verdictOf(two, identity, at(2))).toEqual({ state: 'ok', failures: 2 });
    const three = replay([[2, { ok: false, type: 'RATE_LIMIT', retryable: true }]], two);
    expect(verdictOf(three, identity, at(3))).toEqual({ state: 'resting', until: at(62), failures: 3 });
    expect(verdictOf(three, identity, at(62)).state).toBe('ok');
  });

  it('a success resets the count', () => {
    const entry = replay([
      [0, serverError],
      [1, serverError],
      [2, { ok: true }],
      [3, serverError],
      [4, serverError],
    ]);
    expect(verdictOf(entry, identity, at(5))).toEqual({ state: 'ok', failures: 2 });
  });

  it('doubles the rest each time it fails again after resting, up to the cap, and a success ends it all', () => {
    const capped = { ...config, maxCooldownMs: 200_000 };
    let entry: HealthEntry | undefined;
    let now = 0;
    for (let i = 0; i < 3; i += 1) entry = applyOutcome(entry, serverError, identity, at(now++), capped);
    const rests: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const verdict = verdictOf(entry, identity, at(now));
      if (verdict.state !== 'resting') throw new Error('expected a rest');
      rests.push((verdict.until.getTime() - at(now - 1).getTime()) / 1000);
      now = (verdict.until.getTime() - at(0).getTime()) / 1000;
      entry = applyOutcome(entry, serverError, identity, at(now), capped);
      now += 1;
    }
    expect(rests).toEqual([60, 120, 200, 200]);
    entry = applyOutcome(entry, { ok: true }, identity, at(now + 1000), capped);
    expect(entry).toMatchObject({ failures: 0, cooldownMs: 0, restingUntil: null });
  });

  it('a failure while it rests (a call named with --models) counts but does not lengthen the rest', () => {
    const resting = replay([
      [0, serverError],
      [1, serverError],
      [2, serverError],
      [10, serverError],
    ]);
    expect(verdictOf(resting, identity, at(11))).toEqual({ state: 'resting', until: at(62), failures: 4 });
  });

  it('AUTH and QUOTA_EXCEEDED mark the key unusable until the configuration changes', () => {
    const refused = replay([[0, { ok: false, type: 'AUTH', retryable: false }]]);
    expect(verdictOf(refused, identity, at(99_999))).toMatchObject({ state: 'unusable', type: 'AUTH' });
    const broke = replay([[0, { ok: false, type: 'QUOTA_EXCEEDED', retryable: false }]]);
    expect(verdictOf(broke, identity, at(1))).toMatchObject({ state: 'unusable', type: 'QUOTA_EXCEEDED' });
    // another key is another identity; another base URL the same key with another fingerprint
    const newKey = healthIdentity(resolveModel('openai:gpt-4o', { ...env, OPENAI_API_KEY: 'sk-health-key-2' }));
    expect(newKey.keyHash).not.toBe(identity.keyHash);
    const moved = healthIdentity(resolveModel('openai:gpt-4o', { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }));
    expect(moved.keyHash).toBe(identity.keyHash);
    expect(moved.fingerprint).not.toBe(identity.fingerprint);
    expect(verdictOf(refused, moved, at(1)).state).toBe('ok');
    // and the next outcome under the new configuration starts a fresh entry
    expect(applyOutcome(refused, serverError, moved, at(2), config)).toMatchObject({ unusable: null, failures: 1 });
  });

  it('other failures (bad request, cancelled) say nothing about the provider', () => {
    const entry = replay([
      [0, serverError],
      [1, { ok: false, type: 'BAD_REQUEST', retryable: false }],
      [2, { ok: false, type: 'CANCELLED', retryable: false }],
      [3, { ok: false, type: 'CONTEXT_LENGTH', retryable: false }],
    ]);
    expect(entry).toMatchObject({ failures: 1, lastError: 'SERVER_ERROR' });
  });

  it('keeps the last 20 calls for the recent success rate, across resets, not across configurations', () => {
    const steps: [number, HealthOutcome][] = Array.from({ length: 25 }, (_, index) => [
      index,
      index % 5 === 0 ? serverError : { ok: true },
    ]);
    const entry = replay(steps);
    expect(recentOf(entry, identity)).toEqual({ calls: 20, ok: 16 });
    const moved = healthIdentity(resolveModel('openai:gpt-4o', { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }));
    expect(recentOf(entry, moved)).toBeNull();
  });

  it('never keeps the key, only its hash', () => {
    const entry = replay([[0, { ok: false, type: 'AUTH', retryable: false }]]);
    expect(JSON.stringify(entry)).not.toContain('sk-health-key-1');
    expect(identity.key).toBe(`openai#${identity.keyHash}`);
  });

  it('reads the config: failures, cooldown and cap in seconds; a cap below the cooldown is raised to it', () => {
    expect(healthConfigFrom(null)).toEqual({ failures: 3, cooldownMs: 60_000, maxCooldownMs: 3_600_000 });
    expect(healthConfigFrom({ failures: 5, cooldownSeconds: 30, maxCooldownSeconds: 10 })).toEqual({
      failures: 5,
      cooldownMs: 30_000,
      maxCooldownMs: 30_000,
    });
  });
});
