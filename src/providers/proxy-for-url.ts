import { BlockList, isIP } from 'node:net';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';

/** The HTTP proxy one request goes through, from the environment. */
export interface ProxyRoute {
  /** The proxy URL (`http://` added when the variable has no scheme); may carry `user:password@`. */
  url: URL;
  /** The variable it came from (`https_proxy`, `HTTPS_PROXY`, `http_proxy`, `HTTP_PROXY`). */
  variable: string;
}

/** A proxy variable this tool cannot use. The message names the variable, never its value (it may hold a password). */
export class ProxySettingError extends Error {
  override name = 'ProxySettingError';
  constructor(
    /** The variable at fault (`HTTPS_PROXY`…). */
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

/** A variable's value, lower case first as curl reads them; an empty value counts as unset. */
function setting(env: Env, name: string): { value: string; variable: string } | null {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return { value, variable };
  }
  return null;
}

function parseProxyUrl(value: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new ProxySettingError(variable, t('errors.provider.proxy.invalidUrl', { variable }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxySettingError(variable, t('errors.provider.proxy.badScheme', { variable, scheme: url.protocol.slice(0, -1) }));
  }
  if (url.hostname === '') throw new ProxySettingError(variable, t('errors.provider.proxy.noHost', { variable }));
  return url;
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '');
const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);

/** One NO_PROXY entry: `*`, a host name (its subdomains too), `.domain`, `*.domain`, an IP, a CIDR range, each with an optional `:port`. */
function matchesEntry(rawEntry: string, host: string, port: number): boolean {
  const entry = rawEntry.toLowerCase();
  if (entry === '*') return true;
  let pattern = entry;
  let entryPort: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    pattern = bracketed[1]!;
    entryPort = bracketed[2] === undefined ? null : Number(bracketed[2]);
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    const withPort = /^(.+):(\d+)$/.exec(entry);
    if (withPort) {
      pattern = withPort[1]!;
      entryPort = Number(withPort[2]);
    }
  }
  if (entryPort !== null && entryPort !== port) return false;
  const [address, prefix] = pattern.split('/');
  const family = isIP(address ?? '');
  if (family !== 0) {
    if (isIP(host) !== family) return false;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const list = new BlockList();
    if (prefix === undefined) list.addAddress(address!, type);
    else if (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)) list.addSubnet(address!, Number(prefix), type);
    else return false;
    return list.check(host, type);
  }
  const name = pattern.replace(/^\*/, '').replace(/^\./, '').replace(/\.$/, '');
  return name !== '' && (host === name || host.endsWith(`.${name}`));
}

/** Whether NO_PROXY (or no_proxy) says to reach this URL directly. */
export function bypassesProxy(url: URL, env: Env): boolean {
  const list = setting(env, 'no_proxy');
  if (!list) return false;
  const host = bare(url.hostname).replace(/\.$/, '').toLowerCase();
  const port = url.port === '' ? defaultPort(url.protocol) : Number(url.port);
  return list.value.split(/[\s,]+/).some((entry) => entry !== '' && matchesEntry(entry, host, port));
}

/**
 * The proxy for one request, read as curl reads it: `https_proxy`/`HTTPS_PROXY` for https URLs,
 * `http_proxy`/`HTTP_PROXY` for http URLs (lower case wins when both are set), unless `no_proxy`/
 * `NO_PROXY` lists the host. Loopback addresses are proxied like any other unless listed.
 * `ALL_PROXY` is not read (it often names a SOCKS proxy, which this tool does not speak).
 * Null means a direct connection. Throws {@link ProxySettingError} for a proxy URL it cannot use.
 */
export function proxyForUrl(target: URL | string, env: Env): ProxyRoute | null {
  const url = typeof target === 'string' ? new URL(target) : target;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const proxy = setting(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!proxy || bypassesProxy(url, env)) return null;
  return { url: parseProxyUrl(proxy.value, proxy.variable), variable: proxy.variable };
}

/** `host:port` of a proxy, for error messages: never its credentials. */
export function proxyHostPort(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port === '' ? defaultPort(proxy.protocol) : proxy.port}`;
}

/**
 * A proxy URL for display: the password hidden, the user name kept (`http://user:***@proxy:8080`);
 * a user name with no password, often a token, is hidden too (`http://***@proxy:8080`).
 */
export function displayProxyUrl(proxy: URL): string {
  const credentials = proxy.password !== '' ? `${proxy.username}:***@` : proxy.username !== '' ? '***@' : '';
  return `${proxy.protocol}//${credentials}${proxy.host}`;
}

/** The passwords in the proxy variables, decoded and as written, for redaction. */
export function proxyPasswords(env: Env): string[] {
  const passwords: string[] = [];
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
    const value = env[name]?.trim();
    if (!value) continue;
    try {
      const { password } = new URL(value.includes('://') ? value : `http://${value}`);
      if (password !== '') passwords.push(password, decodeURIComponent(password));
    } catch {
      // Not a URL: no password to find.
    }
  }
  return passwords;
}
