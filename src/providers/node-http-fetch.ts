import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';
import { proxyForUrl, proxyHostPort, type ProxyRoute } from './proxy-for-url.js';
import type { Env } from '../io/env.js';

type HttpsModule = typeof import('node:https');
type HttpsProxyAgentClass = typeof import('https-proxy-agent').HttpsProxyAgent;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
/** Headers that carry a credential: never sent on to another origin by a redirect. */
const credentialHeaders = ['authorization', 'x-api-key', 'api-key', 'cookie', 'proxy-authorization'];
const maxRedirects = 20;

const httpAgent = new HttpAgent({ keepAlive: true });
let https:
  | Promise<{ request: HttpsModule['request']; agent: InstanceType<HttpsModule['Agent']>; newAgent(): InstanceType<HttpsModule['Agent']> }>
  | undefined;
const loadHttps = () =>
  (https ??= import('node:https').then((module) => ({
    request: module.request,
    agent: new module.Agent({ keepAlive: true }),
    newAgent: () => new module.Agent({ keepAlive: true }),
  })));

/**
 * A connection that failed on the way through a proxy (refused, reset, or a CONNECT answered with
 * 407/502…): the `cause` of fetch's `TypeError: fetch failed`. Names the proxy by host:port only,
 * never its credentials.
 */
export class ProxyConnectionError extends Error {
  override name = 'ProxyConnectionError';
  /** `host:port` of the proxy. */
  readonly proxy: string;
  /** The proxy's status when it refused the CONNECT. */
  readonly proxyStatus: number | undefined;
  /** The system error code underneath (ECONNREFUSED…), where the built-in fetch's cause has it. */
  readonly code: string | undefined;

  constructor(proxy: string, detail: { status?: number; cause?: unknown }) {
    const cause = detail.cause as NodeJS.ErrnoException | undefined;
    const reason = detail.status !== undefined ? `answered ${detail.status}` : `failed: ${cause?.message ?? String(cause)}`;
    super(`proxy ${proxy} ${reason}`, detail.cause === undefined ? undefined : { cause: detail.cause });
    this.proxy = proxy;
    this.proxyStatus = detail.status;
    this.code = typeof cause?.code === 'string' ? cause.code : undefined;
  }
}

/** Keep-alive agents for proxied requests, one per proxy URL (and per target scheme), made on first use. */
const proxyAgents = new Map<string, Promise<HttpAgent>>();
let tunnelAgentClass: Promise<HttpsProxyAgentClass> | undefined;

/**
 * https-proxy-agent's agent, but a CONNECT the proxy refuses (407, 502…) fails the request with a
 * {@link ProxyConnectionError}; the library would hand the proxy's answer over as the response.
 * Loaded only when an https call goes through a proxy.
 */
const loadTunnelAgentClass = () =>
  (tunnelAgentClass ??= import('https-proxy-agent').then(
    ({ HttpsProxyAgent }) =>
      class TunnelAgent extends HttpsProxyAgent<string> {
        override async connect(request: ClientRequest, options: Parameters<InstanceType<HttpsProxyAgentClass>['connect']>[1]) {
          let status = 200;
          request.once('proxyConnect', (answer: { statusCode?: number }) => (status = answer.statusCode ?? 0));
          const socket = await super.connect(request, options);
          if (status === 200) return socket;
          socket.destroy();
          throw new ProxyConnectionError(proxyHostPort(this.proxy), { status });
        }
      },
  ));

/**
 * The agent for requests through this proxy: for https targets a CONNECT tunnel (the proxy sees only
 * host:port; TLS runs end to end inside it), for http targets a keep-alive agent to the proxy itself.
 */
function proxyAgent(proxy: URL, targetProtocol: string): Promise<HttpAgent> {
  const key = `${targetProtocol} ${proxy.href}`;
  let agent = proxyAgents.get(key);
  if (!agent) {
    agent =
      targetProtocol === 'https:'
        ? loadTunnelAgentClass().then((TunnelAgent) => {
            // The credentials go as a header, never in the agent's URL, which its DEBUG logging prints.
            const bare = new URL(proxy);
            bare.username = '';
            bare.password = '';
            const headers = proxy.username || proxy.password ? { 'Proxy-Authorization': basicCredentials(proxy) } : {};
            return new TunnelAgent(bare, { keepAlive: true, headers });
          })
        : proxy.protocol === 'https:'
          ? loadHttps().then((module) => module.newAgent())
          : Promise.resolve(new HttpAgent({ keepAlive: true }));
    proxyAgents.set(key, agent);
  }
  return agent;
}

const basicCredentials = (url: URL) =>
  `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;

const abortReason = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

function requestHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of new Headers(init)) headers[name] = value;
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
  return response.pipe(decoder);
}

/**
 * A web stream over a Node stream. A connection cut before the end errors it with
 * `TypeError: terminated`, as the built-in fetch does; an abort errors it with the signal's reason.
 */
function webStream(source: Readable, signal: AbortSignal | null | undefined, done: () => void): ReadableStream<Uint8Array> {
  let settled = false;
  const settleWith = (finish: () => void) => {
    if (settled) return;
    settled = true;
    done();
    finish();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const failure = (cause?: unknown) =>
        signal?.aborted ? abortReason(signal) : new TypeError('terminated', cause === undefined ? undefined : { cause });
      source.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.on('end', () => settleWith(() => controller.close()));
      source.on('error', (error) => settleWith(() => controller.error(failure(error))));
      source.on('close', () => settleWith(() => controller.error(failure())));
    },
    pull() {
      source.resume();
    },
    cancel(reason) {
      settleWith(() => source.destroy(reason instanceof Error ? reason : undefined));
    },
  });
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

/** The request to make after a redirect, as the fetch standard follows one. */
function redirected(hop: Hop, status: number, location: string): Hop {
  const url = new URL(location, hop.url);
  const toGet = status === 303 ? hop.method !== 'HEAD' : (status === 301 || status === 302) && hop.method === 'POST';
  const headers = { ...hop.headers };
  if (toGet) for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) delete headers[name];
  if (url.origin !== hop.url.origin) for (const name of credentialHeaders) delete headers[name];
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? null : hop.body };
}

/** What one fetch function reads besides its arguments. */
interface FetchSetup {
  env: () => Env;
  ca: TlsCa | undefined;
}

type TlsCa = string | Buffer | Array<string | Buffer>;

/** Where one request goes: the function, URL and options for node:http(s), and the proxy if any. */
async function route(hop: Hop, setup: FetchSetup, headers: Record<string, string>) {
  let proxy: ProxyRoute | null;
  try {
    proxy = proxyForUrl(hop.url, setup.env());
  } catch (error) {
    throw new TypeError('fetch failed', { cause: error });
  }
  const secure = hop.url.protocol === 'https:';
  const tls = secure && setup.ca !== undefined ? { ca: setup.ca } : {};
  const options: RequestOptions = { method: hop.method, headers, ...tls };
  if (proxy === null) {
    const transport = secure ? await loadHttps() : { request: httpRequest, agent: httpAgent };
    return { request: transport.request, url: hop.url, options: { ...options, agent: transport.agent }, proxy };
  }
  const agent = await proxyAgent(proxy.url, hop.url.protocol);
  if (secure) return { request: (await loadHttps()).request, url: hop.url, options: { ...options, agent }, proxy };
  // Plain http through a proxy: an absolute-URI request to the proxy, which sees it whole (it is clear text anyway).
  const target = new URL(hop.url);
  if ((target.username || target.password) && headers.authorization === undefined) headers.authorization = basicCredentials(target);
  target.username = '';
  target.password = '';
  Object.assign(
    headers,
    { host: target.host },
    proxy.url.username || proxy.url.password ? { 'proxy-authorization': basicCredentials(proxy.url) } : {},
  );
  const request = proxy.url.protocol === 'https:' ? (await loadHttps()).request : httpRequest;
  const proxyOptions: RequestOptions = {
    ...options,
    protocol: proxy.url.protocol,
    hostname: proxy.url.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.url.port === '' ? (proxy.url.protocol === 'https:' ? 443 : 80) : Number(proxy.url.port),
    path: target.href,
    agent,
  };
  return { request, url: null, options: proxyOptions, proxy };
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
  return (input, init) => fetchWith(setup, input, init);
}

async function fetchWith(setup: FetchSetup, input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
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
    return toResponse(response, hop, signal);
  }
}

async function toResponse(response: IncomingMessage, hop: Hop, signal: AbortSignal | null | undefined): Promise<Response> {
  const headers = new Headers();
  for (let index = 0; index < response.rawHeaders.length; index += 2) {
    headers.append(response.rawHeaders[index]!, response.rawHeaders[index + 1]!);
  }
  const status = response.statusCode ?? 0;
  let body: ReadableStream<Uint8Array> | null = null;
  if (hop.method === 'HEAD' || nullBodyStatuses.has(status)) response.resume();
  else {
    const onAbort = () => response.destroy(abortReason(signal!) as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    body = webStream(await decoded(response), signal, () => signal?.removeEventListener('abort', onAbort));
  }
  let result: Response;
  try {
    result = new Response(body, { status, statusText: response.statusMessage ?? '', headers });
  } catch (error) {
    response.destroy();
    throw new TypeError(`fetch failed: the server answered with status ${status}`, { cause: error });
  }
  Object.defineProperty(result, 'url', { value: hop.url.href });
  return result;
}
