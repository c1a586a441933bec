import type { MessageKey } from '../i18n/catalog/index.js';
import { t } from '../i18n/translate.js';

interface ErrorChainLink {
  name?: string;
  message?: string;
  code?: string;
  cause?: ErrorChainLink;
  /** Set by nodeHttpFetch's ProxyConnectionError: the proxy's host:port, and its status for a refused CONNECT. */
  proxy?: string;
  proxyStatus?: number;
}

/**
 * Why a connection failed, for an error message: `proxy answered 407` for a CONNECT the proxy
 * refused, else the first system error code along the cause chain (an SDK's connection error wraps
 * fetch's `TypeError: fetch failed`, which wraps `ECONNREFUSED`…), else the message at the end of
 * the chain (an unusable `HTTPS_PROXY`, `terminated`…).
 */
export function networkFailureReason(error: unknown): string {
  let last = error as ErrorChainLink | null | undefined;
  for (let link = last?.cause; link; link = link.cause) {
    if (link.proxyStatus) return t('errors.provider.reach.proxyAnswered', { status: link.proxyStatus });
    if (link.code) return link.code;
    last = link;
  }
  return last?.message ?? String(error);
}

/** The proxy (host:port, never its credentials) a failed connection went through, if any. */
export function networkFailureProxy(error: unknown): string | null {
  for (let link = error as ErrorChainLink | null | undefined; link; link = link.cause) if (link.proxy) return link.proxy;
  return null;
}

/** Whether a proxy is to blame or in the way: the connection went through one, or a proxy variable is unusable. */
export function proxyInvolved(error: unknown): boolean {
  for (let link = error as ErrorChainLink | null | undefined; link; link = link.cause) {
    if (link.proxy || link.name === 'ProxySettingError') return true;
  }
  return false;
}

/** Message keys of common system error codes (keys, not texts: the text is looked up when used). */
const reasonKeys: readonly (readonly [RegExp, MessageKey])[] = [
  [/^ECONNREFUSED$/, 'errors.provider.reach.refused'],
  [/^(ENOTFOUND|EAI_AGAIN)$/, 'errors.provider.reach.notFound'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, 'errors.provider.reach.timedOut'],
  [/^(ECONNRESET|EPIPE)$/, 'errors.provider.reach.reset'],
  [/^(EHOSTUNREACH|ENETUNREACH)$/, 'errors.provider.reach.unreachable'],
  [/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT)/, 'errors.provider.reach.tls'],
];

/** A reason as the run's language says it: the code alone in English, the code and what it means in Chinese. */
function explainedReason(reason: string): string {
  const key = reasonKeys.find(([pattern]) => pattern.test(reason))?.[1];
  return key === undefined ? reason : t(key, { code: reason });
}

/** `could not reach the provider (ECONNREFUSED)`, or `… through proxy 127.0.0.1:8888 (proxy answered 407)`. */
export function couldNotReach(error: unknown): string {
  const proxy = networkFailureProxy(error);
  const reason = explainedReason(networkFailureReason(error));
  return proxy === null ? t('errors.provider.reach.direct', { reason }) : t('errors.provider.reach.viaProxy', { proxy, reason });
}
