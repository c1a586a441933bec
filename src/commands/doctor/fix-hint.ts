import { presetCatalog } from '../../providers/preset-catalog.js';
import { redactUrlCredentials } from '../../providers/redact-secrets.js';
import { presetEnvNames } from '../../providers/registry.js';
import { t } from '../../i18n/translate.js';
import type { DoctorErrorType, DoctorTarget } from './doctor-target.js';

/** `2000` → `2 s`, `1500` → `1.5 s` (`2 秒` in Chinese). */
export const formatSeconds = (milliseconds: number): string => t('doctor.seconds', { seconds: Number((milliseconds / 1000).toFixed(1)) });

/**
 * What to do about one failed check, naming the variable (or config field) to change. Never
 * contains a key: it names variables, not their values. `throughProxy`: the failed connection went
 * through a proxy (by default read from an English network message).
 */
export function fixHint(
  type: DoctorErrorType,
  target: DoctorTarget,
  message: string,
  timeoutMs = 2000,
  throughProxy = message.includes(' through proxy '),
): string | null {
  const { preset, baseURL, apiKeyEnv } = target.status;
  const names = presetEnvNames(preset);
  const fromConfig = !presetCatalog.includes(preset);
  const where = baseURL === null ? preset.id : redactUrlCredentials(baseURL);
  const baseUrlName = names.baseUrl[0] ?? t('doctor.fix.theBaseUrl');
  const baseUrl = fromConfig ? t('doctor.fix.orConfigBaseUrl', { name: baseUrlName, id: preset.id }) : baseUrlName;
  const modelVar = names.model[0] ?? t('doctor.fix.theModel');
  const configKeys = preset.apiKeys !== undefined && preset.apiKeys.length > 0;
  const key = apiKeyEnv ?? t('doctor.fix.configApiKeys', { id: preset.id });
  const model = target.model.modelId;
  // a local CLI has no variable or URL to fix: its own words (or the install hint) say what to do
  if (target.status.command && type !== 'TIMEOUT') return type === 'CANCELLED' ? null : message;
  switch (type) {
    case 'MISSING_KEY':
      return apiKeyEnv ? t('doctor.fix.setKey', { name: apiKeyEnv }) : t('doctor.fix.giveKey', { id: preset.id });
    case 'CONFIG':
      return message;
    case 'AUTH':
    case 'PERMISSION':
      return t(configKeys && apiKeyEnv ? 'doctor.fix.keyRejectedOrConfig' : 'doctor.fix.keyRejected', { key });
    case 'NETWORK':
      if (throughProxy) {
        const variable = baseURL?.startsWith('http:') ? 'HTTP_PROXY' : 'HTTPS_PROXY';
        return t('doctor.fix.proxy', { where, variable });
      }
      return t('doctor.fix.network', { where, baseUrl });
    case 'TIMEOUT':
      return t('doctor.fix.timeout', { time: formatSeconds(timeoutMs), where });
    case 'RATE_LIMIT':
      return t('doctor.fix.rateLimit');
    case 'QUOTA_EXCEEDED':
      return t('doctor.fix.quota');
    case 'MODEL_NOT_FOUND':
      return t('doctor.fix.modelNotFound', { model, where, modelVar, baseUrl });
    case 'BAD_REQUEST':
    case 'CONTEXT_LENGTH':
    case 'CONTENT_FILTER':
      return t('doctor.fix.refused', { model, modelVar });
    case 'BAD_RESPONSE':
      return t('doctor.fix.badResponse', { where, format: target.status.wireFormat, baseUrl });
    case 'SERVER_ERROR':
    case 'OVERLOADED':
      return t('doctor.fix.serverError');
    case 'CANCELLED':
      return null;
    default:
      return t('doctor.fix.default', { baseUrl, key });
  }
}
