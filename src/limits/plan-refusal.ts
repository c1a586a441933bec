import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import type { ResolvedModel } from '../providers/registry.js';
import type { CallLog } from './call-log.js';
import { limitLabel, localTime } from './format-limits.js';
import { windowMs, type Limit } from './limit-spec.js';
import { reachedLimit, type LimitKind } from './limit-rules.js';
import { limitedKeys, type LimitedKey } from './model-keys.js';

/** The calls a run plans on a model (compare: one per prompt; write: one per stage it leads). */
export interface PlannedCalls {
  model: ResolvedModel;
  calls: number;
}

/** The same number of calls planned on each model. */
export const plannedCalls = (models: readonly ResolvedModel[], calls: number): PlannedCalls[] => models.map((model) => ({ model, calls }));

/** Limits that do not reset soon: an hour or a day (a minute's are paced, never refused). */
const slow = (limit: Limit | undefined): limit is Limit => limit !== undefined && limit.window !== 'minute';

/** What one key still allows under its slow request limit: calls left, and when its next slot frees. */
function requestsLeft(log: Pick<CallLog, 'usage' | 'oldest'>, key: LimitedKey, now: number) {
  const limit = key.limits.rateLimit;
  if (!slow(limit)) return { left: Number.POSITIVE_INFINITY, limit: null, freeAt: null };
  const since = now - windowMs[limit.window] + 1;
  const used = log.usage(key.id, since).calls;
  const oldest = log.oldest(key.id, since, 1)[0];
  return { left: Math.max(0, limit.amount - used), limit, freeAt: oldest ? oldest.sentAt + windowMs[limit.window] : null };
}

/**
 * One line per provider whose keys cannot take the calls a run plans (before any call): every key
 * has used up a slow token limit, or the calls left under the keys' slow request limits are fewer than
 * planned. Each line says why, when the limit frees (local time), and the fix. Empty when all fit.
 */
export function planRefusals(
  planned: readonly PlannedCalls[],
  deps: { log: Pick<CallLog, 'usage' | 'oldest'>; env: Env; now: number; configFile: string | null },
): string[] {
  const byProvider = new Map<string, { model: ResolvedModel; calls: number }>();
  for (const { model, calls } of planned) {
    const known = byProvider.get(model.provider.id);
    byProvider.set(model.provider.id, { model: known?.model ?? model, calls: (known?.calls ?? 0) + calls });
  }
  const lines: string[] = [];
  const config = deps.configFile ?? 'wechat-writer.config.yaml';
  const fix = (kind: LimitKind) => t('limits.plan.fix', { kind, config });
  for (const [provider, { model, calls }] of byProvider) {
    const keys = limitedKeys(model, deps.env).filter((key) => slow(key.limits.rateLimit) || slow(key.limits.tokenLimit));
    if (keys.length === 0) continue;
    const all = limitedKeys(model, deps.env);
    const tokensOut = all.map((key) => (slow(key.limits.tokenLimit) ? reachedLimit(deps.log, key, 'tokenLimit', deps.now) : null));
    const firstOut = tokensOut[0];
    if (firstOut && tokensOut.every(Boolean)) {
      const freeAt = Math.min(...tokensOut.map((reached) => reached?.freeAt ?? Number.POSITIVE_INFINITY));
      const limit = limitLabel('tokenLimit', firstOut.limit);
      lines.push(t('limits.plan.tokens', { provider, limit, time: localTime(freeAt, deps.now), fix: fix('tokenLimit') }));
      continue;
    }
    const open = all.filter((_key, index) => !tokensOut[index]).map((key) => requestsLeft(deps.log, key, deps.now));
    const left = open.reduce((sum, key) => sum + key.left, 0);
    if (left >= calls) continue;
    const bound = open.find((key) => key.limit !== null)?.limit;
    if (!bound) continue;
    const where = { provider, planned: calls, keys: all.length, limit: limitLabel('rateLimit', bound), fix: fix('rateLimit') };
    const capacity = open.reduce((sum, key) => sum + (key.limit?.amount ?? Number.POSITIVE_INFINITY), 0);
    if (calls > capacity) {
      lines.push(t('limits.plan.never', where));
      continue;
    }
    const freeAt = Math.min(...open.map((key) => key.freeAt ?? Number.POSITIVE_INFINITY));
    const time = Number.isFinite(freeAt) ? localTime(freeAt, deps.now) : localTime(deps.now, deps.now);
    lines.push(t('limits.plan.calls', { ...where, left, time }));
  }
  return lines;
}
