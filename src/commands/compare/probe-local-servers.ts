import type { Env } from '../../io/env.js';
import { t } from '../../i18n/translate.js';
import { presetCatalog } from '../../providers/preset-catalog.js';
import type { ProviderPreset } from '../../providers/provider-preset.js';
import { providerStatus } from '../../providers/registry.js';

/** How long a local server (Ollama) gets to answer before it counts as not running. */
export const localProbeTimeoutMs = 300;

/** Presets served by a local program rather than a cloud service: no key, a host variable (Ollama). */
export function isLocalServer(preset: ProviderPreset): boolean {
  return !preset.requiresKey && preset.quirks?.hostEnv !== undefined;
}

/** What to do when a local server does not answer: `start Ollama or set OLLAMA_HOST`. */
export function localServerHint(preset: ProviderPreset): string {
  const name = preset.name.replace(/\s*[(（].*[)）]$/, '');
  return t('compare.picker.startLocal', { name, variable: preset.quirks?.hostEnv?.name ?? `${preset.id.toUpperCase()}_BASE_URL` });
}

/** The URL that says a server is up: `/models` under an OpenAI-style `/v1` base, else Ollama's `/api/tags`. */
function probeUrl(baseURL: string): string {
  const base = baseURL.replace(/\/+$/, '');
  return /\/v1$/.test(base) ? `${base}/models` : `${base}/api/tags`;
}

/** True when the server answers GET within `timeoutMs` (any HTTP status: something is listening). */
async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks every local server preset (Ollama at OLLAMA_HOST, else its default address) once, all at
 * once, whether it is running. Returns the ids of those that answered within `timeoutMs`.
 */
export async function probeLocalServers(
  env: Env,
  catalog: readonly ProviderPreset[] = presetCatalog,
  timeoutMs = localProbeTimeoutMs,
): Promise<Set<string>> {
  const local = catalog.filter(isLocalServer).map((preset) => ({ preset, status: providerStatus(preset, env) }));
  const results = await Promise.all(
    local.map(async ({ preset, status }) =>
      status.baseURL !== null && status.problems.length === 0 && (await answers(probeUrl(status.baseURL), timeoutMs)) ? preset.id : null,
    ),
  );
  return new Set(results.filter((id): id is string => id !== null));
}
