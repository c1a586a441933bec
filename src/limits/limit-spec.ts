/** The windows a limit is counted over (sliding: the last minute, hour or 24 hours). */
export type LimitWindow = 'minute' | 'hour' | 'day';

/** `60/min`: at most `amount` (requests, or tokens) in any `window`. */
export interface Limit {
  amount: number;
  window: LimitWindow;
}

/** What one key may spend: requests and tokens (input + output), each over its own window. */
export interface KeyLimits {
  rateLimit?: Limit;
  tokenLimit?: Limit;
}

/**
 * A provider's limits as the config file sets them: the provider's own apply to each of its keys
 * (each key is an account with its own allowance), unless a key entry sets its own.
 */
export interface ProviderLimits extends KeyLimits {
  /** By key variable name (`apiKeyEnvs: [{ env: NAME, rateLimit }]`). */
  byEnv?: Readonly<Record<string, KeyLimits>>;
  /** By position in the preset's `apiKeys` (`apiKeys: [{ key, rateLimit }]`). */
  byKey?: readonly (KeyLimits | undefined)[];
}

export const windowMs: Readonly<Record<LimitWindow, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const windowNames: Readonly<Record<string, LimitWindow>> = {
  min: 'minute',
  minute: 'minute',
  m: 'minute',
  hour: 'hour',
  h: 'hour',
  hr: 'hour',
  day: 'day',
  d: 'day',
};

/** Reads `60/min`, `1000 / hour`, `200000/d`; null when it is not a positive whole number over a window. */
export function parseLimit(text: string): Limit | null {
  const match = /^\s*(\d+)\s*\/\s*([A-Za-z]+)\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const window = windowNames[(match[2] ?? '').toLowerCase()];
  if (!window || !Number.isSafeInteger(amount) || amount <= 0) return null;
  return { amount, window };
}

/** `5/min`, `1000/hour`, `200000/day`: how a limit is shown (the config's own spelling). */
export const formatLimit = (limit: Limit): string => `${limit.amount}/${limit.window === 'minute' ? 'min' : limit.window}`;

/** Whether any limit is set anywhere in these provider limits. */
export const hasLimits = (limits: ProviderLimits | undefined): boolean =>
  Boolean(
    limits &&
    (limits.rateLimit ||
      limits.tokenLimit ||
      Object.values(limits.byEnv ?? {}).some((entry) => entry.rateLimit || entry.tokenLimit) ||
      (limits.byKey ?? []).some((entry) => entry?.rateLimit || entry?.tokenLimit)),
  );
