import { ProviderError } from '../errors/provider-error.js';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { CallLog } from './call-log.js';
import { limitLabel, localTime } from './format-limits.js';
import { lastToFree, reachedLimits, type Reached } from './limit-rules.js';
import { limitedKeys, type LimitedKey } from './model-keys.js';

/**
 * The longest one wait for a slot may be: a minute, so a `/min` limit is always paced, and an `/hour`
 * or `/day` limit only when its next slot frees within the minute. A longer wait is not made: the call
 * fails at once (with when the limit frees), and a fallback, if any, is tried.
 */
export const paceCapMs = 60_000;

/**
 * All of one call's waits together: a batch of many prompts under a `/min` limit waits as long as it
 * takes (calls at once take turns), but never past a day (a clock that does not move cannot hold a call).
 */
export const maxPacedMs = 86_400_000;

/**
 * A call refused by a limit kept here (nothing was sent): RATE_LIMIT, not retryable. It is not the
 * server refusing the key, so provider health does not count it (a non-retryable RATE_LIMIT leaves
 * the health entry as it was; only AUTH and QUOTA_EXCEEDED mark a key unusable).
 */
export class LimitReachedError extends ProviderError {
  constructor(
    message: string,
    model: ResolvedModel,
    /** When the limit frees (epoch ms). */
    readonly freeAt: number,
  ) {
    super({
      type: 'RATE_LIMIT',
      message,
      provider: model.provider.id,
      model: model.id,
      status: null,
      requestId: null,
      retryable: false,
      retryAfterMs: null,
    });
    this.name = 'LimitReachedError';
  }
}

/** What to do before a request: send it with this key, wait, or give up without calling. */
export type LimitGrant =
  | { kind: 'go'; keyIndex: number; ticket: number; note: string | null }
  | { kind: 'wait'; ms: number; note: string | null }
  | { kind: 'refuse'; error: LimitReachedError };

/** Keeps each key under its limits (see callWithRetries): RunDeps.limits. */
export interface LimitKeeper {
  /**
   * Before each request: `keyIndex` is the key the call means to use (null for its first request:
   * the key the provider's calls use now), `waitedMs` how long this call has already waited for a
   * slot. A `go` has recorded the request as sent (in flight): give its ticket to `ended`.
   */
  acquire(model: ResolvedModel, keyIndex: number | null, waitedMs: number): LimitGrant;
  /** The request is over; its tokens (input + output reported), or null. */
  ended(ticket: number, tokens: number | null): void;
}

/** What the keeper needs. */
export interface LimitKeeperDeps {
  log: CallLog;
  env: Env;
  /** Wall clock, epoch ms (limits are kept across runs). */
  now(): number;
  /** The history run the calls belong to, once it is known. */
  runId(): number | null;
}

/**
 * A keeper over a calls log. A key at a limit gives way to the next key under its limits (one line
 * per hand-over; the provider's calls then stay on the new key); when every key is at a limit the
 * call waits for the first free slot if that is within `paceCapMs`, else it is refused. Checking and
 * recording are one synchronous step, so calls running at once count each other.
 */
/** The ticket of a request that was not logged (its provider has no limits). */
const unlogged = -1;

export function createLimitKeeper(deps: LimitKeeperDeps): LimitKeeper {
  const keysByModel = new WeakMap<ResolvedModel, LimitedKey[]>();
  const keysOf = (model: ResolvedModel) => {
    const known = keysByModel.get(model);
    if (known) return known;
    const keys = limitedKeys(model, deps.env);
    keysByModel.set(model, keys);
    return keys;
  };
  /** The key each provider's calls use now, by provider and key set. */
  const current = new Map<string, number>();
  const toldWaits = new Set<string>();
  const send = (model: ResolvedModel, key: LimitedKey, now: number) =>
    deps.log.sent({ sentAt: now, provider: model.provider.id, keyId: key.id, model: model.id, runId: deps.runId() });

  return {
    acquire(model, keyIndex, waitedMs) {
      const keys = keysOf(model);
      const now = deps.now();
      const limited = keys.some((key) => key.limits.rateLimit || key.limits.tokenLimit);
      const set = `${model.provider.id}\n${keys.map((key) => key.id).join(',')}`;
      const start = Math.min(keyIndex ?? (limited ? (current.get(set) ?? 0) : 0), keys.length - 1);
      // a provider without limits is not logged: nothing will count its calls, and a batch of thousands
      // would pay two history writes per request for nothing
      if (!limited) return { kind: 'go', keyIndex: start, ticket: unlogged, note: null };
      const blocked: { key: LimitedKey; reached: Reached }[] = [];
      for (let step = 0; step < keys.length; step += 1) {
        const key = keys[(start + step) % keys.length] as LimitedKey;
        const reached = lastToFree(reachedLimits(deps.log, key, now));
        if (reached) {
          blocked.push({ key, reached });
          continue;
        }
        current.set(set, key.index);
        const first = blocked[0];
        const note = first
          ? t('limits.handOver', {
              provider: model.provider.id,
              key: first.key.index + 1,
              keys: keys.length,
              limit: limitLabel(first.reached.kind, first.reached.limit),
              next: key.index + 1,
            })
          : null;
        return { kind: 'go', keyIndex: key.index, ticket: send(model, key, now), note };
      }
      const soonest = blocked.reduce((best, one) => (one.reached.freeAt < best.reached.freeAt ? one : best));
      const { freeAt, kind, limit } = soonest.reached;
      const where = { provider: model.provider.id, limit: limitLabel(kind, limit), time: localTime(freeAt, now) };
      const wait = Math.max(1, freeAt - now);
      if (wait <= paceCapMs && waitedMs + wait <= maxPacedMs) {
        const told = `${set}\n${freeAt}`;
        const note = toldWaits.has(told) ? null : t('limits.pacing', { ...where, seconds: Math.ceil(wait / 1000) });
        toldWaits.add(told);
        return { kind: 'wait', ms: wait, note };
      }
      return { kind: 'refuse', error: new LimitReachedError(t('limits.callRefused', where), model, freeAt) };
    },
    ended: (ticket, tokens) => {
      if (ticket !== unlogged) deps.log.ended(ticket, tokens);
    },
  };
}
