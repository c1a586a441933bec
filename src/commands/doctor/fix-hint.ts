import { presetCatalog } from '../../providers/preset-catalog.js';
import { redactUrlCredentials } from '../../providers/redact-secrets.js';
import { presetEnvNames } from '../../providers/registry.js';
import type { DoctorErrorType, DoctorTarget } from './doctor-target.js';

/** `2000` → `2 s`, `1500` → `1.5 s`. */
export const formatSeconds = (milliseconds: number): string => `${Number((milliseconds / 1000).toFixed(1))} s`;

/**
 * What to do about one failed check, naming the variable (or config field) to change. Never
 * contains a key: it names variables, not their values.
 */
export function fixHint(type: DoctorErrorType, target: DoctorTarget, message: string, timeoutMs = 2000): string | null {
  const { preset, baseURL, apiKeyEnv } = target.status;
  const names = presetEnvNames(preset);
  const fromConfig = !presetCatalog.includes(preset);
  const where = baseURL === null ? preset.id : redactUrlCredentials(baseURL);
  const baseUrlVar = `${names.baseUrl[0] ?? 'the base URL'}${fromConfig ? ` (or providers.${preset.id}.baseURL)` : ''}`;
  const modelVar = names.model[0] ?? 'the model';
  const configKeys = preset.apiKeys !== undefined && preset.apiKeys.length > 0;
  const keyVar = apiKeyEnv ?? `providers.${preset.id}.apiKeys in the config file`;
  switch (type) {
    case 'MISSING_KEY':
      return apiKeyEnv
        ? `set ${apiKeyEnv} in the environment or .env`
        : `give providers.${preset.id} an apiKeyEnv or apiKeys in the config file`;
    case 'CONFIG':
      return message;
    case 'AUTH':
    case 'PERMISSION':
      return `key rejected: check ${keyVar}${configKeys && apiKeyEnv ? ' (or the config apiKeys)' : ''}`;
    case 'NETWORK':
      if (message.includes(' through proxy ')) {
        const proxyVar = baseURL?.startsWith('http:') ? 'HTTP_PROXY' : 'HTTPS_PROXY';
        return `cannot reach ${where} through the proxy: check ${proxyVar} (its host, port, user and password) or add the host to NO_PROXY`;
      }
      return `cannot reach ${where}: check ${baseUrlVar} / the proxy`;
    case 'TIMEOUT':
      return `no answer within ${formatSeconds(timeoutMs)} from ${where}: check the network or proxy, or try again`;
    case 'RATE_LIMIT':
      return 'the key works but is rate-limited right now: try again later';
    case 'QUOTA_EXCEEDED':
      return 'the key works but the account is out of quota: add credit or raise the quota';
    case 'MODEL_NOT_FOUND':
      return `model "${target.model.modelId}" not found at ${where}: set ${modelVar}, or check ${baseUrlVar}`;
    case 'BAD_REQUEST':
    case 'CONTEXT_LENGTH':
    case 'CONTENT_FILTER':
      return `the 1-token test call with "${target.model.modelId}" was refused: check ${modelVar}`;
    case 'BAD_RESPONSE':
      return `${where} does not answer like an ${target.status.wireFormat}-format API: check ${baseUrlVar} (a missing or extra /v1?)`;
    case 'SERVER_ERROR':
    case 'OVERLOADED':
      return 'the provider is failing on its side: try again later';
    case 'CANCELLED':
      return null;
    default:
      return `check ${baseUrlVar} and ${keyVar}`;
  }
}
