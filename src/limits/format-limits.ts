import { t } from '../i18n/translate.js';
import { formatLimit, type Limit } from './limit-spec.js';
import type { LimitKind } from './limit-rules.js';

/** A limit as messages name it: `5/min` for requests, `200000 tokens/day` for tokens. */
export const limitLabel = (kind: LimitKind, limit: Limit): string =>
  kind === 'rateLimit'
    ? formatLimit(limit)
    : t('limits.tokens', { amount: limit.amount, window: formatLimit(limit).slice(String(limit.amount).length + 1) });

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * When a limit frees, in local time, rounded up to the minute (a slot free at 14:04:10 is shown as
 * 14:05, never earlier than it is): `14:05` on the same day as `now`, else `2026-12-03 14:05`.
 */
export function localTime(at: number, now: number): string {
  const date = new Date(Math.ceil(at / 60_000) * 60_000);
  const today = new Date(now);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay = date.getFullYear() === today.getFullYear() && date.getMonth() === today.getMonth() && date.getDate() === today.getDate();
  return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}
