// How one request leaves the machine: direct over keep-alive agents, or through the proxy the environment names
// (a CONNECT tunnel for https targets, an absolute-URI request for http ones).
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { t } from '../i18n/translate.js';
import type { Env } from '../io/env.js';
import { proxyForUrl, proxyHostPort, type ProxyRoute } from './proxy-for-url.js';

type HttpsModule = typeof import('node:https');
type HttpsProxyAgentClass = typeof import('https-proxy-agent').HttpsProxyAgent;

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
    const message =
      detail.status !== undefined
        ? t('errors.provider.proxy.answered', { proxy, status: detail.status })
        : t('errors.provider.proxy.failed', { proxy, reason: cause?.message ?? String(cause) });
    super(message, detail.cause === undefined ? undefined : { cause: detail.cause });
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

/** What every request of one fetch shares: the environment (proxy variables) and extra trusted CAs. */
export interface FetchSetup {
  env: () => Env;
  ca: TlsCa | undefined;
}

/** Certificates to trust besides the system's (tests). */
export type TlsCa = string | Buffer | Array<string | Buffer>;

/** Where one request goes: the function, URL and options for node:http(s), and the proxy if any. */
export async function route(hop: { url: URL; method: string }, setup: FetchSetup, headers: Record<string, string>) {
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
