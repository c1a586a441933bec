import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import type { ApiFormat, ProviderPreset, WireFormat } from './provider-preset.js';

/** Where a preset's requests go in this environment, and what is still missing. */
export interface ResolvedEndpoint {
  wireFormat: WireFormat;
  region: string | null;
  baseURL: string | null;
  headers: Record<string, string>;
  query: Record<string, string>;
  problems: string[];
}

const placeholder = /\{([A-Z][A-Z0-9_]*)\}/g;

/** Fills `{ENV_VAR}` placeholders; returns the names of variables that are not set. */
export function fillPlaceholders(template: string, env: Env): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = template.replace(placeholder, (_match, name: string) => {
    const found = env[name]?.trim();
    if (!found) missing.push(name);
    return (found ?? '').replace(/\/+$/, '');
  });
  return { value, missing };
}

function fillAll(templates: Record<string, string> | undefined, env: Env): Record<string, string> {
  const filled: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates ?? {})) {
    const { value, missing } = fillPlaceholders(template, env);
    if (missing.length === 0) filled[name] = value;
  }
  return filled;
}

const withScheme = (host: string) => (/^[a-z]+:\/\//i.test(host) ? host : `http://${host}`).replace(/\/+$/, '');

/**
 * Picks the API format (`<ID>_API_FORMAT`), the region (`<ID>_REGION`) and the base URL
 * (`<ID>_BASE_URL`, else a host variable, else the catalog's endpoint for that format and region).
 */
export function resolveEndpoint(
  preset: ProviderPreset,
  env: Env,
  names: { baseUrl: readonly string[]; region: string; format: string },
): ResolvedEndpoint {
  const problems: string[] = [];
  const headers = fillAll(preset.quirks?.headers, env);
  const query = fillAll(preset.quirks?.query, env);
  if (preset.defaultFormat === 'mock') return { wireFormat: 'mock', region: null, baseURL: null, headers, query, problems };

  const requestedFormat = env[names.format]?.trim().toLowerCase();
  let wireFormat: WireFormat = preset.defaultFormat;
  if (requestedFormat === 'openai' || requestedFormat === 'anthropic') wireFormat = requestedFormat;
  else if (requestedFormat) problems.push(t('errors.endpoint.badFormat', { name: names.format, value: requestedFormat }));

  const regions = preset.endpoints[wireFormat as ApiFormat] ?? {};
  const regionNames = Object.keys(regions);
  const requestedRegion = env[names.region]?.trim();
  if (requestedRegion && !regionNames.includes(requestedRegion)) {
    const regions = regionNames.join(', ') || t('errors.endpoint.noRegions');
    problems.push(t('errors.endpoint.badRegion', { name: names.region, regions, value: requestedRegion }));
  }
  const region = requestedRegion && regionNames.includes(requestedRegion) ? requestedRegion : (regionNames[0] ?? null);

  const baseUrlEnv = names.baseUrl.find((name) => env[name]?.trim());
  const host = preset.quirks?.hostEnv;
  const hostValue = host ? env[host.name]?.trim() : undefined;
  let baseURL: string | null = null;
  if (baseUrlEnv) baseURL = (env[baseUrlEnv] as string).trim();
  else if (host && hostValue) baseURL = `${withScheme(hostValue)}${host.paths[wireFormat as ApiFormat] ?? ''}`;
  else if (region) {
    const filled = fillPlaceholders(regions[region] as string, env);
    baseURL = filled.value;
    problems.push(...filled.missing.map((name) => t('errors.registry.setVariable', { name })));
  } else {
    problems.push(t('errors.endpoint.noBuiltIn', { provider: preset.id, format: wireFormat, name: String(names.baseUrl[0]) }));
  }
  return { wireFormat, region, baseURL, headers, query, problems };
}
