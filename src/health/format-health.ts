import type { ResolvedModel } from '../providers/registry.js';
import { t } from '../i18n/translate.js';
import type { HealthVerdict } from './health-rules.js';

/** A rest's end as the terminal shows it: HH:MM in local time (a rest is at most hours long). */
export const formatRestEnd = (until: Date): string =>
  `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;

/** The health cell of `models` and `doctor`: ok / resting until HH:MM / key unusable (AUTH), and the recent success rate when known. */
export function healthCell(verdict: HealthVerdict, rate: { calls: number; ok: number } | null = null): string {
  const state =
    verdict.state === 'ok'
      ? t('health.ok')
      : verdict.state === 'resting'
        ? t('health.resting', { time: formatRestEnd(verdict.until) })
        : t('health.unusable', { type: verdict.type });
  if (!rate || rate.calls === 0) return state;
  return `${state} · ${t('health.successRate', { rate: Math.round((100 * rate.ok) / rate.calls), calls: rate.calls })}`;
}

/** The line for a model a chain skips. */
export function skippedLine(model: ResolvedModel, verdict: Exclude<HealthVerdict, { state: 'ok' }>): string {
  const where = { model: model.id, provider: model.provider.id };
  return verdict.state === 'resting'
    ? t('health.skippedResting', { ...where, time: formatRestEnd(verdict.until), failures: verdict.failures })
    : t('health.skippedUnusable', { ...where, type: verdict.type });
}

/** The warning for a model called although it rests, because the user named it. */
export function namedAnywayLine(model: ResolvedModel, verdict: Exclude<HealthVerdict, { state: 'ok' }>): string {
  const where = { model: model.id, provider: model.provider.id };
  return verdict.state === 'resting'
    ? t('health.namedResting', { ...where, time: formatRestEnd(verdict.until), failures: verdict.failures })
    : t('health.namedUnusable', { ...where, type: verdict.type });
}
