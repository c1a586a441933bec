import type { CommandIO } from '../../cli/command-io.js';
import type { Settings } from '../../config/settings.js';
import { providersHealth, type ProviderHealth } from '../../health/provider-health.js';
import { t } from '../../i18n/translate.js';
import { providersLimitUse, type ProviderLimitUse } from '../../limits/provider-limit-use.js';

/** What `models` and `doctor` tell of each provider beyond its configuration: health and use of its limits. */
export interface ProviderState {
  health: Map<string, ProviderHealth>;
  limits: Map<string, ProviderLimitUse>;
  /** The rows given, each with `health` and `limits` when it has something to tell. */
  join<Row>(rows: readonly Row[], idOf: (row: Row) => string): (Row & { health?: ProviderHealth; limits?: ProviderLimitUse })[];
  /** One line per provider with limits, under the table: `local limits used: #1 5/5/min · #2 1/5/min`. */
  limitLines(): string;
}

/** Reads the health and the limit use of these providers (only those with something to tell appear). */
export async function readProviderState(
  ids: readonly string[],
  io: Pick<CommandIO, 'env' | 'currentDate' | 'stderr'>,
  settings: Pick<Settings, 'catalog' | 'health'>,
): Promise<ProviderState> {
  const health = await providersHealth(ids, io, settings);
  const limits = await providersLimitUse(ids, io, settings);
  return {
    health,
    limits,
    join: (rows, idOf) =>
      rows.map((row) => {
        const known = health.get(idOf(row));
        const used = limits.get(idOf(row));
        return { ...row, ...(known ? { health: known } : {}), ...(used ? { limits: used } : {}) };
      }),
    limitLines: () => [...limits].map(([provider, used]) => `${t('limits.useLine', { provider, text: used.text })}\n`).join(''),
  };
}
