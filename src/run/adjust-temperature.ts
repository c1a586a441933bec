import { t } from '../i18n/translate.js';
import type { TemperatureLimits } from '../providers/provider-preset.js';

/** The temperature to send, and why it differs from what was asked, if it does. */
export interface AdjustedTemperature {
  value: number | null;
  warning: string | null;
}

const smallestAboveZero = 0.01;

/**
 * Fits a requested temperature to what the model accepts, so it is clamped or left out (with a
 * warning) instead of failing with a 400: MiniMax accepts (0, 1], some models only 1.
 */
export function adjustTemperature(requested: number | null, limits: TemperatureLimits | null): AdjustedTemperature {
  if (requested === null || limits === null) return { value: requested, warning: null };
  if (limits.only !== undefined) {
    if (requested === limits.only) return { value: requested, warning: null };
    return { value: null, warning: t('errors.run.temperatureOnly', { only: limits.only, requested }) };
  }
  const min = limits.min ?? 0;
  const max = limits.max ?? 2;
  const range = `${limits.minExclusive ? '(' : '['}${min}, ${max}]`;
  let value = requested;
  if (limits.minExclusive ? value <= min : value < min) value = limits.minExclusive ? min + smallestAboveZero : min;
  if (value > max) value = max;
  return value === requested ? { value, warning: null } : { value, warning: t('errors.run.temperatureRange', { range, requested, value }) };
}
