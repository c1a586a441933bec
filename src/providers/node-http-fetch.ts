import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import { ProxyConnectionError, route, type FetchSetup, type TlsCa } from './http-route.js';
import { proxyHostPort } from './proxy-for-url.js';
import { abortReason, NodeHttpResponse } from './node-http-response.js';
import { defaultReplyLimits, type ReplyTooLargeError } from './reply-limits.js';

export { ProxyConnectionError };

/**
 * A redirect to another origin (scheme, host or port), refused: the configured headers (keys and
 * custom ones alike) are never sent anywhere but the base URL's origin.
 */
export class RedirectRefusedError extends Error {
  constructor(readonly origin: string) {
    super(t('errors.provider.redirect.refused', { origin }));
    this.name = 'RedirectRefusedError';
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
// (1xx never gets here: toResponse refuses any status outside 200–599, as the built-in fetch does)
const nullBodyStatuses = new Set([204, 205, 304]);
const maxRedirects = 20;

function requestHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of init instanceof Headers ? init : new Headers(init)) headers[name] = value;
  return headers;
}

function requestBody(body: RequestInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new TypeError(`fetch: unsupported request body (${Object.prototype.toString.call(body)})`);
}

async function decoded(response: IncomingMessage): Promise<Readable> {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate' && encoding !== 'br') return response;
  const zlib = await import('node:zlib');
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const decoder =
    encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'deflate' ? zlib.createInflate(lenient) : zlib.createGunzip(lenient);
  response.on('error', (error) => decoder.destroy(error));
  response.on('close', () => {
    if (!response.complete) decoder.destroy(new Error('the response ended early'));
  });
  // The decoder stopped early (the size limit, a cancel): stop receiving too.
  decoder.on('close', () => {
    if (!response.complete) response.destroy();
  });
  return response.pipe(decoder);
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

/**
 * The request to make after a redirect, as the fetch standard follows one; a redirect to another
 * origin is refused ({@link RedirectRefusedError}), so no configured header ever leaves the origin.
 */
function redirected(hop: Hop, status: number, location: string): Hop {
  const url = new URL(location, hop.url);
  if (url.origin !== hop.url.origin)
    throw new RedirectRefusedError(url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol);
  const toGet = status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
  const headers = { ...hop.headers };
  if (toGet) for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) delete headers[name];
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? null : hop.body };
}

async function send(hop: Hop, signal: AbortSignal | null | undefined, setup: FetchSetup): Promise<IncomingMessage> {
  if (hop.url.protocol !== 'http:' && hop.url.protocol !== 'https:') {
    throw new TypeError(`fetch failed: unsupported protocol ${hop.url.protocol}`);
  }
  const headers = { ...hop.headers };
  if (hop.body !== null) headers['content-length'] = String(Buffer.byteLength(hop.body));
  const target = await route(hop, setup, headers);
  const failure = (error: Error) => {
    if (target.proxy === null || error instanceof ProxyConnectionError) return error;
    return new ProxyConnectionError(proxyHostPort(target.proxy.url), { cause: error });
  };
  return new Promise((resolve, reject) => {
    const request = target.url ? target.request(target.url, target.options, resolve) : target.request(target.options, resolve);
    const onAbort = () => request.destroy(abortReason(signal!) as Error);
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: failure(error) }));
    });
    request.on('response', () => signal?.removeEventListener('abort', onAbort));
    if (signal?.aborted) {
      onAbort(); // aborted while node:https was loading, or between redirects
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    request.end(hop.body ?? undefined);
  });
}

/**
 * `fetch` over node:http and node:https with keep-alive agents, for the SDKs' `fetch` option. It does
 * what their calls need (method, headers, a string or byte body, redirects, abort, streamed bodies,
 * gzip/deflate/br) for a fraction of the built-in fetch's CPU per call, and without compiling its
 * WebAssembly HTTP parser, whose background compilation holds every short run's exit for ~0.1 s
 * (see bench/). It goes through the proxy that `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` in
 * `process.env` name (see {@link proxyForUrl}); {@link createNodeHttpFetch} reads another env.
 */
export const nodeHttpFetch = createNodeHttpFetch();

/** Options for {@link createNodeHttpFetch}. */
export interface NodeHttpFetchOptions {
  /**
   * Where the proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`, upper or lower case) are
   * read, at each call. Default: `process.env`.
   */
  env?: Env;
  /** Certificates to trust for https targets instead of the usual ones (tests use a local CA). */
  ca?: TlsCa;
  /** Most bytes of decoded body one response may bring ({@link ReplyTooLargeError} past it). Default: 16 MiB. */
  maxReplyBytes?: number;
}

/**
 * A {@link nodeHttpFetch} that reads the proxy variables from `env` (the CLI's environment, `.env`
 * included). Every fetch shares the same keep-alive agents: one for direct http, one for direct
 * https, and one per proxy URL.
 */
export function createNodeHttpFetch(
  options: NodeHttpFetchOptions = {},
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  const setup: FetchSetup = { env: () => options.env ?? process.env, ca: options.ca };
  const maxBytes = options.maxReplyBytes ?? defaultReplyLimits.maxReplyBytes;
  return (input, init) => fetchWith(setup, maxBytes, input, init);
}

async function fetchWith(setup: FetchSetup, maxBytes: number, input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  if (input instanceof Request) throw new TypeError('fetch: pass a URL and an init object, not a Request');
  const { signal } = init;
  if (signal?.aborted) throw abortReason(signal);
  let hop: Hop = {
    url: new URL(input),
    method: (init.method ?? 'GET').toUpperCase(),
    headers: requestHeaders(init.headers),
    body: requestBody(init.body),
  };
  for (let redirects = 0; ; redirects += 1) {
    const response = await send(hop, signal, setup);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (redirectStatuses.has(status) && location !== undefined && init.redirect !== 'manual') {
      response.resume();
      if (init.redirect === 'error' || redirects === maxRedirects) throw new TypeError(`fetch failed: redirect to ${location}`);
      hop = redirected(hop, status, location);
      continue;
    }
    return toResponse(response, hop, signal, maxBytes, redirects > 0);
  }
}

async function toResponse(
  response: IncomingMessage,
  hop: Hop,
  signal: AbortSignal | null | undefined,
  maxBytes: number,
  redirected: boolean,
): Promise<Response> {
  const headers = new Headers();
  for (let index = 0; index < response.rawHeaders.length; index += 2) {
    headers.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 599) {
    response.destroy();
    throw new TypeError(`fetch failed: the server answered with status ${status}`);
  }
  const reply = { status, statusText: response.statusMessage ?? '', headers, url: hop.url.href, redirected, signal, maxBytes };
  if (hop.method === 'HEAD' || nullBodyStatuses.has(status)) {
    response.resume();
    return new NodeHttpResponse({ ...reply, source: null, done: () => {} });
  }
  const onAbort = () => response.destroy(abortReason(signal!) as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  const source = await decoded(response);
  return new NodeHttpResponse({ ...reply, source, done: () => signal?.removeEventListener('abort', onAbort) });
}
