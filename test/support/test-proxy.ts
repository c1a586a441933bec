import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

/** One CONNECT the proxy received. */
export interface SeenTunnel {
  /** `host:port` asked for. */
  target: string;
  proxyAuthorization: string | undefined;
  /** Every byte the client sent into the tunnel after the CONNECT (TLS records for an https target). */
  bytes: () => Buffer;
}

/** One absolute-URI request (a plain http target) the proxy forwarded. */
export interface SeenForward {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The client's port: the same for requests on one kept-alive connection. */
  remotePort: number;
}

/** A local HTTP proxy on 127.0.0.1: CONNECT tunnels for https targets, absolute-URI forwarding for http ones. */
export interface TestProxy {
  url: string;
  port: number;
  tunnels: SeenTunnel[];
  forwards: SeenForward[];
  /** When set, requests without exactly this `Proxy-Authorization` get a 407. */
  requiredAuthorization: string | null;
  close(): Promise<void>;
}

/** `Basic base64(user:password)`, as a client sends it. */
export const basicAuthorization = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function startTestProxy(): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const proxy: TestProxy = {
    url: '',
    port: 0,
    tunnels: [],
    forwards: [],
    requiredAuthorization: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const authorized = (headers: IncomingHttpHeaders) =>
    proxy.requiredAuthorization === null || headers['proxy-authorization'] === proxy.requiredAuthorization;

  const server = createServer((request, response) => {
    proxy.forwards.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      remotePort: request.socket.remotePort ?? 0,
    });
    if (!authorized(request.headers)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(request.url ?? '');
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });

  server.on('connect', (request, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const chunks: Buffer[] = [];
    proxy.tunnels.push({
      target: request.url ?? '',
      proxyAuthorization: request.headers['proxy-authorization'],
      bytes: () => Buffer.concat(chunks),
    });
    if (!authorized(request.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = (request.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      chunks.push(head);
      upstream.write(head);
      client.on('data', (chunk: Buffer) => chunks.push(chunk));
      client.pipe(upstream).pipe(client);
    });
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  return proxy;
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/** The test certificate (for 127.0.0.1, localhost and ::1): what a client must trust to reach {@link startTlsFront}. */
export const testCertificate = fixture('localhost-cert.pem');

/**
 * An HTTPS endpoint on 127.0.0.1 in front of a plain http server: it ends TLS with the test
 * certificate and pipes the clear bytes to `port`. Puts the fake LLM server behind https.
 */
export async function startTlsFront(port: number): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTlsServer({ key: fixture('localhost-key.pem'), cert: testCertificate }, (secure) => {
    const upstream = connect(port, '127.0.0.1');
    for (const socket of [secure, upstream] as Socket[]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        secure.destroy();
        upstream.destroy();
      });
    }
    secure.pipe(upstream).pipe(secure);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ownPort = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${ownPort}`,
    port: ownPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
