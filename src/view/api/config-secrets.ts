import { loadSettings, type SettingsDeps } from '../../config/load-settings.js';
import { listProviders } from '../../providers/registry.js';

/**
 * Every value no response may carry, as the configuration knows them: the keys written in the config
 * file, its other secrets, the values of each provider's key variables, and each provider's base URL
 * and endpoints (built-in ones included).
 */
export async function configSecrets(deps: SettingsDeps): Promise<string[]> {
  const settings = await loadSettings(undefined, deps);
  const values = new Set<string>();
  for (const preset of settings.catalog) {
    for (const value of [...(preset.apiKeys ?? []), ...(preset.secrets ?? [])]) values.add(value);
    for (const name of preset.apiKeyEnvs ?? []) {
      const value = deps.env[name]?.trim();
      if (value) values.add(value);
    }
    for (const regions of Object.values(preset.endpoints)) for (const url of Object.values(regions ?? {})) values.add(url);
  }
  for (const status of listProviders(deps.env, settings.catalog)) if (status.baseURL) values.add(status.baseURL);
  // `{ENV}` placeholders are not URLs anyone sees; a URL without its trailing slash is the same URL
  return [...values].filter((value) => !value.includes('{')).flatMap((value) => [value, value.replace(/\/+$/, '')]);
}
