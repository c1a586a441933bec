import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { t } from '../../i18n/translate.js';
import { ViewError } from './view-error.js';

/** The name of the cookie that carries the token after the first visit. */
export const tokenCookie = 'wechat_writer_token';

/** What the access checks need to know of the server. */
export interface AccessRules {
  token: string;
  /** The host the server is bound to (`127.0.0.1`, `::1`, `0.0.0.0`, a name). */
  host: string;
  port: number;
}

/** A request's cookies by name (the first of each name wins). */
export function readCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
  }
  return cookies;
}

const sameToken = (given: string | undefined, token: string): boolean => {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The Host values the server answers to: its bound host, and the loopback names, each with its port. */
export function allowedHosts(rules: Pick<AccessRules, 'host' | 'port'>): Set<string> {
  const bound = rules.host.includes(':') && !rules.host.startsWith('[') ? `[${rules.host}]` : rules.host;
  return new Set([bound, '127.0.0.1', 'localhost', '[::1]'].map((host) => `${host.toLowerCase()}:${rules.port}`));
}

const wildcardHosts = new Set(['0.0.0.0', '::']);

/** An IP address written as a Host (`192.168.1.5:7788`, `[fe80::1]:7788`) on this port: no DNS name to rebind. */
const isAddressOnPort = (host: string, port: number): boolean => {
  const match = /^(\[[0-9a-f:.]+\]|[0-9.]+):(\d+)$/.exec(host);
  return match !== null && Number(match[2]) === port && isIP((match[1] as string).replace(/^\[|\]$/g, '')) !== 0;
};

/**
 * Refuses (403) a Host header that is not this server's: a DNS-rebinding page would send its own
 * name. Bound to every interface (--host 0.0.0.0), any IP address of this machine is accepted too.
 */
export function checkHost(request: IncomingMessage, rules: AccessRules): void {
  const host = (request.headers.host ?? '').toLowerCase();
  if (allowedHosts(rules).has(host)) return;
  if (wildcardHosts.has(rules.host) && isAddressOnPort(host, rules.port)) return;
  throw new ViewError(403, t('viewServer.error.badHost', { host: host.slice(0, 100) || '-' }));
}

/** How a request proved it knows the token: in the URL (`?token=`), a Bearer header or the cookie. */
export type TokenSource = 'query' | 'bearer' | 'cookie';

/** Which valid token the request carries, or null. A wrong token anywhere counts as none. */
export function tokenSource(request: IncomingMessage, url: URL, rules: AccessRules): TokenSource | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return sameToken(fromQuery, rules.token) ? 'query' : null;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return sameToken(match?.[1], rules.token) ? 'bearer' : null;
  }
  return sameToken(readCookies(request).get(tokenCookie), rules.token) ? 'cookie' : null;
}

/** Refuses (401) a request without the token. */
export function checkToken(request: IncomingMessage, url: URL, rules: AccessRules): TokenSource {
  const source = tokenSource(request, url, rules);
  if (source === null) throw new ViewError(401, t('viewServer.error.noToken'));
  return source;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (403) a state-changing request another site could have sent: it needs a JSON body (a form
 * cannot send one without a preflight), an Origin equal to this server's when it has one, and no
 * `Sec-Fetch-Site: cross-site`.
 */
export function checkSameOrigin(request: IncomingMessage): void {
  if (!unsafeMethods.has(request.method ?? 'GET')) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ViewError(403, t('viewServer.error.notJson'));
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${(request.headers.host ?? '').toLowerCase()}`) {
    throw new ViewError(403, t('viewServer.error.crossOrigin', { origin }));
  }
  if (request.headers['sec-fetch-site'] === 'cross-site')
    throw new ViewError(403, t('viewServer.error.crossOrigin', { origin: 'cross-site' }));
}

/** The Set-Cookie value that keeps the token for the pages' later requests. */
export const tokenCookieHeader = (token: string) => `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`;
