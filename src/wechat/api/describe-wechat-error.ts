import { t } from '../../i18n/translate.js';
import { WechatApiError, WechatTransportError } from './wechat-api-error.js';

/**
 * Server text on one line, at most 300 characters, without bidirectional controls (U+202A–202E,
 * U+2066–2069, U+200E/200F, U+061C): a hostile errmsg cannot reorder the line it is quoted in.
 * Escape sequences are the printer's job (terminalSafe).
 */
const quoted = (text: string) =>
  [
    ...text
      .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  ]
    .slice(0, 300)
    .join('');

/** The IP WeChat names in a 40164 errmsg (`invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist`). */
const ipIn = (errmsg: string) => /invalid ip ([0-9a-f.:]+)/i.exec(errmsg)?.[1];

/**
 * One line naming what WeChat refused and the fix, in the run's language. Unknown errcodes are
 * quoted with their errmsg (already redacted by the client).
 */
export function describeWechatError(error: WechatApiError | WechatTransportError): string {
  if (error instanceof WechatTransportError)
    return t(error.kind === 'badAnswer' ? 'publish.error.badAnswer' : 'publish.error.transport', {
      endpoint: error.endpoint,
      reason: quoted(error.reason),
    });
  const code = error.errcode;
  const params = { code, endpoint: error.endpoint };
  switch (code) {
    case 40001:
    case 40125:
      return t(
        error.endpoint === '/cgi-bin/stable_token' || code === 40125 ? 'publish.error.appSecret' : 'publish.error.tokenRejected',
        params,
      );
    case 40013:
      return t('publish.error.appId', params);
    case 40014:
    case 42001:
      return t('publish.error.tokenRejected', params);
    case 40164:
    case 61004: {
      const ip = ipIn(error.errmsg);
      return ip ? t('publish.error.ipWhitelistAt', { ...params, ip }) : t('publish.error.ipWhitelist', params);
    }
    case 45009:
    case 45011:
      return t('publish.error.frequency', params);
    case 40007:
      return t('publish.error.invalidMedia', params);
    case 40004:
    case 40005:
    case 40006:
    case 40009:
    case 45001:
      return t('publish.error.mediaRejected', params);
    case 45003:
      return t('publish.error.titleTooLong', params);
    case 45002:
      return t('publish.error.contentTooLong', params);
    case 45004:
      return t('publish.error.digestTooLong', params);
    case 45110:
      return t('publish.error.authorTooLong', params);
    case 48001:
      return t('publish.error.unauthorized', params);
    default:
      return t('publish.error.other', { ...params, message: quoted(error.errmsg) });
  }
}
