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
    if (link.proxyStatus) return `proxy answered ${link.proxyStatus}`;
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

/** `could not reach the provider (ECONNREFUSED)`, or `… through proxy 127.0.0.1:8888 (proxy answered 407)`. */
export function couldNotReach(error: unknown): string {
  const proxy = networkFailureProxy(error);
  return `could not reach the provider${proxy === null ? '' : ` through proxy ${proxy}`} (${networkFailureReason(error)})`;
}
