import type { CommandIO } from '../cli/command-io.js';
import { resolveHomeDirectory } from '../config/home-directory.js';
import type { Settings } from '../config/settings.js';
import { resolveModelList } from '../providers/registry.js';
import type { CallLog } from './call-log.js';
import { formatLimit, hasLimits, windowMs, type Limit } from './limit-spec.js';
import { limitedKeys } from './model-keys.js';

/** One limit of one key, and what the calls log says it has used in its window now. */
export interface LimitUse {
  limit: string;
  used: number;
}

/** A provider's keys against their limits, as `models --json` and `doctor` may show them (never a key). */
export interface ProviderLimitUse {
  keys: { key: number; rateLimit?: LimitUse; tokenLimit?: LimitUse }[];
  /** One cell: `key 1: 3/5/min · key 2: 0/5/min`. */
  text: string;
}

const use = (log: Pick<CallLog, 'usage'>, keyId: string, limit: Limit, now: number, what: 'calls' | 'tokens'): LimitUse => ({
  limit: formatLimit(limit),
  used: log.usage(keyId, now - windowMs[limit.window] + 1)[what],
});

/** The use of each listed provider that has limits, from the history's calls log (read only). Never throws. */
export async function providersLimitUse(
  ids: readonly string[],
  io: Pick<CommandIO, 'env' | 'currentDate'>,
  settings: Pick<Settings, 'catalog'>,
): Promise<Map<string, ProviderLimitUse>> {
  const found = new Map<string, ProviderLimitUse>();
  const limited = ids.filter((id) => hasLimits(settings.catalog.find((preset) => preset.id === id)?.limits));
  if (limited.length === 0) return found;
  let reader: (Pick<CallLog, 'usage'> & { close(): void }) | null = null;
  try {
    const { openCallLogReader } = await import('../store/call-log-store.js');
    reader = await openCallLogReader(resolveHomeDirectory(io.env));
  } catch {
    reader = null; // no history: nothing used as far as we know
  }
  const log: Pick<CallLog, 'usage'> = reader ?? { usage: () => ({ calls: 0, tokens: 0 }) };
  const now = io.currentDate().getTime();
  try {
    for (const id of limited) {
      let model;
      try {
        [model] = resolveModelList(id, io.env, settings.catalog);
      } catch {
        continue; // not configured here (no key): nothing to count
      }
      if (!model) continue;
      const keys = limitedKeys(model, io.env).map((key) => ({
        key: key.index + 1,
        ...(key.limits.rateLimit ? { rateLimit: use(log, key.id, key.limits.rateLimit, now, 'calls') } : {}),
        ...(key.limits.tokenLimit ? { tokenLimit: use(log, key.id, key.limits.tokenLimit, now, 'tokens') } : {}),
      }));
      const cell = (entry: (typeof keys)[number]) =>
        [entry.rateLimit, entry.tokenLimit].flatMap((one) => (one ? [`${one.used}/${one.limit}`] : [])).join(', ');
      const text = keys.length === 1 ? cell(keys[0]!) : keys.map((entry) => `#${entry.key} ${cell(entry)}`).join(' · ');
      found.set(id, { keys, text });
    }
  } finally {
    reader?.close();
  }
  return found;
}
