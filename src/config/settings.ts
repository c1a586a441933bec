import type { ProviderPreset } from '../providers/provider-preset.js';

/** A role as the pipeline uses it: models in fallback order, and its overrides. */
export interface RoleSettings {
  models: string[];
  temperature?: number;
  maxTokens?: number;
  system?: string;
}

/** Everything the config file adds; with no config file, the built-in catalogue alone. */
export interface Settings {
  configFile: string | null;
  catalog: readonly ProviderPreset[];
  roles: Record<string, RoleSettings>;
  retries: number | null;
  concurrency: number | null;
}
