import type { HealthSettings } from '../health/health-config.js';
import type { Language } from '../i18n/language.js';
import type { ProviderPreset } from '../providers/provider-preset.js';
import type { StrategyName } from '../routing/route-decision.js';

/** A role as the pipeline uses it: models in fallback order, and its overrides. */
export interface RoleSettings {
  models: string[];
  temperature?: number;
  maxTokens?: number;
  system?: string;
  /** How the models are ordered for each call; `priority` (as written) when absent. */
  strategy?: StrategyName;
}

/** Everything the config file adds; with no config file, the built-in catalogue alone. */
export interface Settings {
  configFile: string | null;
  catalog: readonly ProviderPreset[];
  roles: Record<string, RoleSettings>;
  retries: number | null;
  concurrency: number | null;
  /**
   * The config file's `language:` (null when not set). main() already picked the run's language from
   * it before parsing; it is kept here for whoever wants to know what the file asks for.
   */
  language?: Language | null;
  /** The config file's `health:` (rests of failing providers); absent or null: the defaults. */
  health?: HealthSettings | null;
}
