import type { CommandIO } from '../cli/command-io.js';
import type { Settings } from '../config/settings.js';
import { resolveModelList } from '../providers/registry.js';
import { healthCell } from './format-health.js';
import type { HealthVerdict } from './health-rules.js';
import { openHealth } from './open-health.js';

/** A provider's health as `models` and `doctor` show it (`--json` too). */
export interface ProviderHealth {
  state: HealthVerdict['state'];
  /** ISO end of the rest, when resting. */
  until: string | null;
  /** AUTH or QUOTA_EXCEEDED, when the key is unusable. */
  type: string | null;
  /** Retryable failures in a row so far. */
  failures: number;
  /** Its last calls (up to 20) and how many succeeded; null when none is recorded. */
  recent: { calls: number; ok: number } | null;
  /** The state alone: `ok`, `resting until 10:01`, `key unusable (AUTH)` (the `models` table's cell). */
  label: string;
  /** The state, then the recent success rate (doctor's line). */
  text: string;
}

/**
 * The health of each provider with something to tell (a rest, a mark, recorded calls), keyed by id,
 * judged for the key and endpoint the provider is configured with now (from the state file alone:
 * cheap enough for `models`).
 */
export async function providersHealth(
  ids: readonly string[],
  io: Pick<CommandIO, 'env' | 'currentDate' | 'stderr'>,
  settings: Pick<Settings, 'catalog' | 'health'>,
): Promise<Map<string, ProviderHealth>> {
  const store = await openHealth(io, settings);
  const found = new Map<string, ProviderHealth>();
  for (const id of ids) {
    let model;
    try {
      [model] = resolveModelList(id, io.env, settings.catalog);
    } catch {
      continue; // not configured here: nothing to judge
    }
    if (!model) continue;
    const verdict = store.verdict(model);
    const recent = store.recent(model);
    if (verdict.state === 'ok' && verdict.failures === 0 && !recent) continue;
    found.set(id, {
      state: verdict.state,
      until: verdict.state === 'resting' ? verdict.until.toISOString() : null,
      type: verdict.state === 'unusable' ? verdict.type : null,
      failures: verdict.state === 'unusable' ? 0 : verdict.failures,
      recent,
      label: healthCell(verdict),
      text: healthCell(verdict, recent),
    });
  }
  return found;
}
