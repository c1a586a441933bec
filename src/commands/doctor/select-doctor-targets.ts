import { presetCatalog } from '../../providers/preset-catalog.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import type { Env } from '../../io/env.js';
import { listProviders, presetEnvNames, resolveModel } from '../../providers/registry.js';
import type { DoctorTarget } from './doctor-target.js';

/** Which providers `doctor` checks, and the built-in presets it leaves alone. */
export interface DoctorSelection {
  targets: DoctorTarget[];
  /** Built-in presets with no key and no base URL set: not checked, only counted. */
  notConfigured: string[];
}

const isSet = (env: Env, name: string) => (env[name] ?? '').trim() !== '';

/**
 * The configured providers: every provider from the config file (even with its key missing, which
 * then fails the check), and every built-in preset whose key is set or whose base URL was given
 * by environment (`<ID>_BASE_URL`, or `OLLAMA_HOST` for Ollama). The offline mock is never checked.
 */
export function selectDoctorTargets(env: Env, catalog: readonly ProviderPreset[]): DoctorSelection {
  const targets: DoctorTarget[] = [];
  const notConfigured: string[] = [];
  for (const status of listProviders(env, catalog)) {
    const { preset } = status;
    if (status.wireFormat === 'mock') continue;
    const fromConfig = !presetCatalog.includes(preset);
    const hostEnv = preset.quirks?.hostEnv?.name;
    const baseUrlGiven = presetEnvNames(preset).baseUrl.some((name) => isSet(env, name)) || (hostEnv !== undefined && isSet(env, hostEnv));
    const keySet = preset.requiresKey && status.keyConfigured;
    if (fromConfig || keySet || baseUrlGiven) targets.push({ status, model: resolveModel(preset.id, env, catalog) });
    else notConfigured.push(preset.id);
  }
  return { targets, notConfigured };
}
