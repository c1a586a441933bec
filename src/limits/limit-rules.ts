import type { CallLog } from './call-log.js';
import { windowMs, type Limit } from './limit-spec.js';
import type { LimitedKey } from './model-keys.js';

/** Which of a key's limits: its requests or its tokens. */
export type LimitKind = 'rateLimit' | 'tokenLimit';

/** A limit a key has reached: which, and when it is under it again (epoch ms). */
export interface Reached {
  kind: LimitKind;
  limit: Limit;
  freeAt: number;
}

type Reader = Pick<CallLog, 'usage' | 'oldest'>;

/**
 * Whether the key is at this limit now, and if so when it is under it again: sliding windows, so a
 * request slot frees when the oldest call that fills it leaves the window; tokens free as the oldest
 * calls leave until what is left is under the limit. Calls in flight count as requests at once, and
 * as tokens once they end.
 */
export function reachedLimit(log: Reader, key: LimitedKey, kind: LimitKind, now: number): Reached | null {
  const limit = key.limits[kind];
  if (!limit) return null;
  const since = now - windowMs[limit.window] + 1;
  const used = log.usage(key.id, since);
  if (kind === 'rateLimit') {
    if (used.calls < limit.amount) return null;
    const oldest = log.oldest(key.id, since, used.calls - limit.amount + 1);
    return { kind, limit, freeAt: (oldest.at(-1)?.sentAt ?? now) + windowMs[limit.window] };
  }
  if (used.tokens < limit.amount) return null;
  let left = used.tokens;
  const calls = log.oldest(key.id, since, used.calls);
  for (const call of calls) {
    left -= call.tokens;
    if (left < limit.amount) return { kind, limit, freeAt: call.sentAt + windowMs[limit.window] };
  }
  return { kind, limit, freeAt: (calls.at(-1)?.sentAt ?? now) + windowMs[limit.window] };
}

/** The limits a key is at now; it is usable when there are none. Its free time is the latest of theirs. */
export function reachedLimits(log: Reader, key: LimitedKey, now: number): Reached[] {
  return (['rateLimit', 'tokenLimit'] as const).flatMap((kind) => reachedLimit(log, key, kind, now) ?? []);
}

/** The one of several reached limits that frees last (the one that keeps the key waiting). */
export const lastToFree = (reached: readonly Reached[]): Reached | undefined =>
  reached.reduce<Reached | undefined>((latest, one) => (!latest || one.freeAt > latest.freeAt ? one : latest), undefined);
