import { createServer } from 'node:net';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { Env } from '../../src/io/env.js';
import { mapSdkError } from '../../src/providers/map-sdk-error.js';
import { createNodeHttpFetch, ProxyConnectionError } from '../../src/providers/node-http-fetch.js';
import { displayProxyUrl, proxyForUrl, ProxySettingError } from '../../src/providers/proxy-for-url.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { basicAuthorization, startTestProxy, startTlsFront, testCertificate, type TestProxy } from '../support/test-proxy.js';

const apiKey = 'sk-proxy-test-key-0123456789abcdef';

let llm: FakeLlmServer;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let proxy: TestProxy;

beforeAll(async () => {
  llm = await startFakeLlmServer();
  front = await startTlsFront(Number(new URL(llm.url).port));
});

afterAll(async () => {
  await Promise.all([front.close(), llm.close()]);
});

// A fresh proxy (so a fresh port and agent) per test: a tunnel kept alive from one test would carry the next one's calls.
beforeEach(async () => {
  llm.reset();
  proxy = await startTestProxy();
});

afterEach(() => proxy.close());

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real OpenAI SDK over nodeHttpFetch with this env, trusting the test certificate (unless `ca` is false). */
const openai = (env: Env, baseURL = `${front.url}/v1`, ca = true) =>
  new OpenAI({ apiKey, baseURL, maxRetries: 0, fetch: createNodeHttpFetch({ env, ...(ca ? { ca: testCertificate } : {}) }) });

const chat = (client: OpenAI) => client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });

/** What a failed SDK call becomes in the CLI: a ProviderError, with everything printed about it. */
async function failure(env: Env, baseURL?: string, ca = true): Promise<{ error: ProviderError; printed: string }> {
  const caught = await chat(openai(env, baseURL, ca)).then(
    () => null,
    (error: unknown) => error,
  );
  const context = {
    provider: 'openai',
    model: 'gpt-test',
    apiKeyEnv: 'OPENAI_API_KEY',
    timeoutMs: 5000,
    timedOut: false,
    cancelled: false,
  };
  const error = mapSdkError(caught, OpenAI, { ...context, secrets: [apiKey] });
  const chain: string[] = [];
  for (let link: unknown = error; link instanceof Error; link = link.cause) chain.push(`${link.name}: ${link.message}`, link.stack ?? '');
  return { error, printed: chain.join('\n') };
}

describe('https targets go through a CONNECT tunnel', () => {
  it('an OpenAI SDK call takes exactly one tunnel to the right host:port, and the proxy never sees the key', async () => {
    const client = openai({ HTTPS_PROXY: proxy.url });
    const first = await chat(client);
    const second = await chat(client);
    expect(first.choices[0]?.message.content).toBe('# Title from gpt-test\n\nHello, 世界!');
    expect(second.choices[0]?.message.content).toContain('Hello');
    expect(proxy.tunnels.map((tunnel) => tunnel.target)).toEqual([`127.0.0.1:${front.port}`]); // kept alive for the second call
    expect(proxy.forwards).toHaveLength(0);
    // The server behind the tunnel got the key; the proxy saw only TLS records.
    expect(llm.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${apiKey}`, `Bearer ${apiKey}`]);
    const tunnelled = proxy.tunnels[0]!.bytes();
    expect(tunnelled.length).toBeGreaterThan(500);
    expect(tunnelled[0]).toBe(0x16); // a TLS handshake record
    for (const clear of [apiKey, 'Bearer', 'authorization', 'chat/completions', 'gpt-test']) {
      expect(tunnelled.includes(Buffer.from(clear)), clear).toBe(false);
    }
    expect(proxy.tunnels[0]!.proxyAuthorization).toBeUndefined();
  });

  it('NO_PROXY reaches the host directly: no tunnel', async () => {
    for (const noProxy of ['127.0.0.1', `127.0.0.1:${front.port}`, '*', '127.0.0.0/8', 'example.com, 127.0.0.1']) {
      const reply = await chat(openai({ HTTPS_PROXY: proxy.url, NO_PROXY: noProxy }));
      expect(reply.choices[0]?.message.content, noProxy).toContain('Hello');
    }
    expect(proxy.tunnels).toHaveLength(0);
    expect(llm.requests).toHaveLength(5);
  });

  it('reads lower-case variables, and they win over upper-case ones', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    await chat(openai({ https_proxy: proxy.url, HTTPS_PROXY: dead }));
    expect(proxy.tunnels).toHaveLength(1);
    await chat(openai({ HTTPS_PROXY: proxy.url, no_proxy: '127.0.0.1', NO_PROXY: 'example.com' }));
    expect(proxy.tunnels).toHaveLength(1);
    // HTTP_PROXY is for http targets only.
    await chat(openai({ HTTP_PROXY: dead }));
    expect(llm.requests).toHaveLength(3);
  });

  it('proxy credentials go to the proxy as Proxy-Authorization, decoded from the URL', async () => {
    proxy.requiredAuthorization = basicAuthorization('writer', 'p@ss w0rd:陈');
    const url = `http://writer:${encodeURIComponent('p@ss w0rd:陈')}@127.0.0.1:${proxy.port}`;
    const reply = await chat(openai({ HTTPS_PROXY: url }));
    expect(reply.choices[0]?.message.content).toContain('Hello');
    expect(proxy.tunnels.map((tunnel) => tunnel.proxyAuthorization)).toEqual([proxy.requiredAuthorization]);
  });

  it("still checks the host's certificate, end to end through the tunnel", async () => {
    const { error } = await failure({ HTTPS_PROXY: proxy.url }, undefined, false);
    expect(error.type).toBe('NETWORK');
    expect(error.message).toMatch(
      new RegExp(`through proxy 127\\.0\\.0\\.1:${proxy.port} \\((SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)\\)`),
    );
    expect(proxy.tunnels).toHaveLength(1);
    expect(llm.requests).toHaveLength(0);
  });
});

describe('proxy failures are NETWORK errors naming the proxy, never its password', () => {
  const password = 'hunter2-proxy-password';

  it('a proxy that refuses the connection', async () => {
    const port = await closedPort();
    const { error, printed } = await failure({ HTTPS_PROXY: `http://writer:${password}@127.0.0.1:${port}` });
    expect(error.type).toBe('NETWORK');
    expect(error.message).toBe(
      `NETWORK: could not reach the provider through proxy 127.0.0.1:${port} (ECONNREFUSED); check the proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and your network`,
    );
    expect(printed).not.toContain(password);
    expect(printed).not.toContain(apiKey);
    const fetchFailed = (error.cause as Error).cause as TypeError;
    expect(fetchFailed).toBeInstanceOf(TypeError);
    expect(fetchFailed.message).toBe('fetch failed');
    expect(fetchFailed.cause).toBeInstanceOf(ProxyConnectionError);
    expect(fetchFailed.cause).toMatchObject({ proxy: `127.0.0.1:${port}`, code: 'ECONNREFUSED' });
  });

  it('a CONNECT answered with 407 (wrong password) or 502 (the proxy cannot reach the host)', async () => {
    proxy.requiredAuthorization = basicAuthorization('writer', 'the-right-one');
    const refused = await failure({ HTTPS_PROXY: `http://writer:${password}@127.0.0.1:${proxy.port}` });
    expect(refused.error.type).toBe('NETWORK');
    expect(refused.error.message).toContain(`could not reach the provider through proxy 127.0.0.1:${proxy.port} (proxy answered 407)`);
    expect(refused.printed).not.toContain(password);
    expect(proxy.tunnels[0]!.proxyAuthorization).toBe(basicAuthorization('writer', password));
    expect(proxy.tunnels[0]!.bytes()).toHaveLength(0); // the request (and its key) never went in

    proxy.requiredAuthorization = null;
    const gone = await failure({ HTTPS_PROXY: proxy.url }, `https://127.0.0.1:${await closedPort()}/v1`);
    expect(gone.error.type).toBe('NETWORK');
    expect(gone.error.message).toContain(`through proxy 127.0.0.1:${proxy.port} (proxy answered 502)`);
    expect(llm.requests).toHaveLength(0);
  });

  it('a proxy variable that cannot be used says which, without its value', async () => {
    const { error, printed } = await failure({ HTTPS_PROXY: `socks5://writer:${password}@127.0.0.1:1080` });
    expect(error.type).toBe('NETWORK');
    expect(error.message).toContain(
      '(HTTPS_PROXY must be an http:// or https:// proxy URL; socks5 proxies are not supported); check the proxy',
    );
    expect(printed).not.toContain(password);
    expect(llm.requests).toHaveLength(0);
  });
});

describe('plain http targets through a proxy', () => {
  it('are sent to the proxy as absolute-URI requests, with Proxy-Authorization (the proxy sees them whole)', async () => {
    proxy.requiredAuthorization = basicAuthorization('writer', 'secret');
    const env = { HTTP_PROXY: `http://writer:secret@127.0.0.1:${proxy.port}` };
    const reply = await chat(openai(env, llm.openaiBaseURL));
    expect(reply.choices[0]?.message.content).toContain('Hello');
    expect(proxy.tunnels).toHaveLength(0);
    expect(proxy.forwards.map((forward) => `${forward.method} ${forward.url}`)).toEqual([`POST ${llm.openaiBaseURL}/chat/completions`]);
    expect(proxy.forwards[0]!.headers).toMatchObject({
      host: new URL(llm.url).host,
      'proxy-authorization': proxy.requiredAuthorization,
      authorization: `Bearer ${apiKey}`, // clear text over http: documented
    });
    expect(llm.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);
  });

  it('keep the connection to the proxy alive, and a 407 comes back as an HTTP error', async () => {
    const fetch = createNodeHttpFetch({ env: { http_proxy: proxy.url } });
    await (await fetch(`${llm.openaiBaseURL}/models`)).text();
    await (await fetch(`${llm.openaiBaseURL}/models`)).text();
    expect(proxy.forwards).toHaveLength(2);
    expect(proxy.forwards[1]!.remotePort).toBe(proxy.forwards[0]!.remotePort);
    proxy.requiredAuthorization = basicAuthorization('writer', 'secret');
    expect((await fetch(`${llm.openaiBaseURL}/models`)).status).toBe(407);
  });
});

describe('proxyForUrl', () => {
  const via = (url: string, env: Env) => proxyForUrl(url, env)?.url.href ?? 'direct';
  const proxied = 'http://proxy.example:8080/';

  it('picks the variable for the scheme, lower case first, and adds http:// when the scheme is missing', () => {
    expect(via('https://api.openai.com/v1', { HTTPS_PROXY: 'proxy.example:8080' })).toBe(proxied);
    expect(via('https://api.openai.com/v1', { HTTP_PROXY: proxied })).toBe('direct');
    expect(via('http://localhost:11434/v1', { HTTP_PROXY: proxied })).toBe(proxied); // loopback is not special
    expect(via('https://a.example', { https_proxy: proxied, HTTPS_PROXY: 'http://other:1' })).toBe(proxied);
    expect(via('https://a.example', { https_proxy: '  ', HTTPS_PROXY: proxied })).toBe(proxied); // empty counts as unset
    expect(via('https://a.example', {})).toBe('direct');
    expect(proxyForUrl('https://a.example', { https_proxy: proxied })?.variable).toBe('https_proxy');
  });

  it('NO_PROXY: names with their subdomains, .domain, *.domain, host:port, *, IPs and CIDR ranges', () => {
    const cases: [string, string, boolean][] = [
      ['https://api.openai.com', 'openai.com', true],
      ['https://api.openai.com', '.openai.com', true],
      ['https://api.openai.com', '*.openai.com', true],
      ['https://openai.com', '.openai.com', true],
      ['https://notopenai.com', 'openai.com', false],
      ['https://API.OpenAI.com.', 'api.openai.com', true],
      ['https://api.openai.com', 'api.openai.com:443', true],
      ['https://api.openai.com', 'api.openai.com:8443', false],
      ['https://api.openai.com:8443', 'api.openai.com:8443', true],
      ['https://anything.example', '*', true],
      ['http://10.1.2.3:8080', '10.1.2.3', true],
      ['http://10.1.2.3', '10.0.0.0/8', true],
      ['http://11.1.2.3', '10.0.0.0/8', false],
      ['http://127.0.0.1:11434', 'localhost', false],
      ['http://[::1]:11434', '::1', true],
      ['http://[::1]:11434', '[::1]:11434', true],
      ['http://[fd00::5]', 'fd00::/8', true],
      ['https://a.example', 'b.example, a.example', true],
      ['https://a.example', 'b.example c.example', false],
    ];
    for (const [url, noProxy, bypassed] of cases) {
      expect(via(url, { HTTPS_PROXY: proxied, HTTP_PROXY: proxied, NO_PROXY: noProxy }), `${url} with NO_PROXY=${noProxy}`).toBe(
        bypassed ? 'direct' : proxied,
      );
    }
  });

  it('rejects a proxy it cannot use, naming the variable and not its value', () => {
    const attempt = () => proxyForUrl('https://a.example', { HTTPS_PROXY: 'socks5h://user:pw-123@127.0.0.1:1080' });
    expect(attempt).toThrow(ProxySettingError);
    expect(attempt).toThrow(/^HTTPS_PROXY must be an http:\/\/ or https:\/\/ proxy/);
    expect(attempt).not.toThrow(/pw-123/);
    expect(() => proxyForUrl('https://a.example', { https_proxy: 'http://[bad' })).toThrow(
      'https_proxy is not a valid proxy URL; expected http://host:port',
    );
    // Not even parsed when NO_PROXY sends the host direct.
    expect(proxyForUrl('https://a.example', { HTTPS_PROXY: 'socks5://x', NO_PROXY: 'a.example' })).toBeNull();
  });

  it('shows a proxy URL with its password hidden', () => {
    expect(displayProxyUrl(new URL('http://writer:s3cret@127.0.0.1:8888/'))).toBe('http://writer:***@127.0.0.1:8888');
    expect(displayProxyUrl(new URL('http://token-only@proxy.example:3128'))).toBe('http://***@proxy.example:3128');
    expect(displayProxyUrl(new URL('https://proxy.example'))).toBe('https://proxy.example');
  });
});
