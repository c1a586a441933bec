/** When a provider rests: `health:` in the config file, with these defaults. */
export interface HealthConfig {
  /** Retryable failures in a row (each call after its retries) before the provider rests. */
  failures: number;
  /** The first rest. */
  cooldownMs: number;
  /** A rest doubles each time the provider fails again after resting, up to this. */
  maxCooldownMs: number;
}

/** `health:` as the config file writes it (every key optional). */
export interface HealthSettings {
  failures?: number;
  cooldownSeconds?: number;
  maxCooldownSeconds?: number;
}

export const defaultHealthConfig: HealthConfig = { failures: 3, cooldownMs: 60_000, maxCooldownMs: 3_600_000 };

/** The config's `health:` over the defaults; a cap below the first rest is raised to it. */
export function healthConfigFrom(settings: HealthSettings | null | undefined): HealthConfig {
  const cooldownMs = settings?.cooldownSeconds !== undefined ? settings.cooldownSeconds * 1000 : defaultHealthConfig.cooldownMs;
  const cap = settings?.maxCooldownSeconds !== undefined ? settings.maxCooldownSeconds * 1000 : defaultHealthConfig.maxCooldownMs;
  return { failures: settings?.failures ?? defaultHealthConfig.failures, cooldownMs, maxCooldownMs: Math.max(cap, cooldownMs) };
}
