import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch, RedirectRefusedError } from '../../src/providers/node-http-fetch.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  remotePort: number;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body,
      remotePort: request.socket.remotePort ?? 0,
    });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

let main: Awaited<ReturnType<typeof listen>>;
let other: Awaited<ReturnType<typeof listen>>;
let releaseSecondChunk: () => void = () => {};

beforeAll(async () => {
  other = await listen((request, response) => response.end(JSON.stringify({ at: 'other', path: request.url })));
  main = await listen((request, response) => {
    const path = request.url ?? '';
    if (path === '/json') {
      response.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      response.end(JSON.stringify({ ok: true }));
    } else if (path === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      releaseSecondChunk = () => response.end('data: two\n\n');
    } else if (path === '/cut') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n', () => setTimeout(() => response.socket?.destroy(), 20));
    } else if (path === '/slow-headers') {
      setTimeout(() => response.end('late'), 2000);
    } else if (path === '/stall') {
      response.writeHead(200);
      response.write('first');
    } else if (path === '/gzip') {
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
      response.end(gzipSync('压缩的正文'));
    } else if (path === '/empty') {
      response.writeHead(204).end();
    } else if (path.startsWith('/redirect/')) {
      const [, , status, target] = path.split('/');
      response.writeHead(Number(status), { location: target === 'other' ? `${other.url}/landed` : '/landed' }).end();
    } else {
      response.end(JSON.stringify({ at: 'main', path, method: request.method }));
    }
  });
});

afterAll(async () => {
  for (const server of [main.server, other.server]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('nodeHttpFetch', () => {
  it('sends the method, headers and body, and returns status, headers and a readable body', async () => {
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: '你好' }] });
    const headers = new Headers({ authorization: 'Bearer sk-test', 'content-type': 'application/json' });
    const response = await nodeHttpFetch(`${main.url}/json`, { method: 'post', headers, body });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(response.url).toBe(`${main.url}/json`);
    expect(await response.json()).toEqual({ ok: true });
    const request = main.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/json', body });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
  });

  it('hands over each piece of a stream as it arrives, not at the end', async () => {
    const response = await nodeHttpFetch(`${main.url}/stream`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: one\n\n');
    releaseSecondChunk();
    expect(decoder.decode((await reader.read()).value)).toBe('data: two\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('a connection cut midway errors the body with TypeError: terminated, after what arrived', async () => {
    const response = await nodeHttpFetch(`${main.url}/cut`);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: one\n\n');
    const failure = await reader.read().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toBe('terminated');
  });

  it('a refused connection rejects with TypeError: fetch failed, the cause naming the code', async () => {
    const closed = await listen(() => {});
    const url = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    const failure = await nodeHttpFetch(`${url}/x`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toBe('fetch failed');
    expect(((failure as Error).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('an abort before the headers rejects with the AbortError; one during the body errors the body with it', async () => {
    const early = new AbortController();
    setTimeout(() => early.abort(), 30);
    // Resolving with the (late) response instead would fail here: only the abort makes it an AbortError.
    const failure = await nodeHttpFetch(`${main.url}/slow-headers`, { signal: early.signal }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');

    const late = new AbortController();
    const response = await nodeHttpFetch(`${main.url}/stall`, { signal: late.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first');
    setTimeout(() => late.abort(), 10);
    const bodyFailure = await reader.read().catch((error: unknown) => error);
    expect((bodyFailure as Error).name).toBe('AbortError');
  });

  it('a body cancelled before its end closes quietly', async () => {
    const response = await nodeHttpFetch(`${main.url}/stall`);
    await response.body!.cancel();
    await sleep(20);
    const again = await nodeHttpFetch(`${main.url}/json`);
    expect(await again.json()).toEqual({ ok: true });
  });

  it('an already aborted signal rejects at once and sends nothing', async () => {
    const before = main.seen.length;
    const failure = await nodeHttpFetch(`${main.url}/json`, { signal: AbortSignal.abort() }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');
    await sleep(20);
    expect(main.seen.length).toBe(before);
  });

  it('decodes a gzip body, and gives a 204 a null body', async () => {
    expect(await (await nodeHttpFetch(`${main.url}/gzip`)).text()).toBe('压缩的正文');
    const empty = await nodeHttpFetch(`${main.url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('follows redirects: 307 keeps the method and body, 303 turns into a GET, a redirect to another origin is refused', async () => {
    const init = { method: 'POST', body: '{"a":1}', headers: { authorization: 'Bearer sk-secret', 'x-api-key': 'sk-secret' } };
    expect(await (await nodeHttpFetch(`${main.url}/redirect/307/same`, init)).json()).toEqual({
      at: 'main',
      path: '/landed',
      method: 'POST',
    });
    expect(main.seen.at(-1)).toMatchObject({ body: '{"a":1}', headers: expect.objectContaining({ authorization: 'Bearer sk-secret' }) });

    expect(await (await nodeHttpFetch(`${main.url}/redirect/303/same`, init)).json()).toEqual({
      at: 'main',
      path: '/landed',
      method: 'GET',
    });
    expect(main.seen.at(-1)!.body).toBe('');

    const seenByOther = other.seen.length;
    const refused = await nodeHttpFetch(`${main.url}/redirect/308/other`, init).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RedirectRefusedError);
    expect((refused as RedirectRefusedError).origin).toBe(other.url);
    expect(other.seen.length).toBe(seenByOther);

    const manual = await nodeHttpFetch(`${main.url}/redirect/302/same`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
  });

  it('keeps the connection alive between calls', async () => {
    await (await nodeHttpFetch(`${main.url}/one`)).text();
    await (await nodeHttpFetch(`${main.url}/two`)).text();
    const [first, second] = main.seen.slice(-2);
    expect(second!.remotePort).toBe(first!.remotePort);
  });
});
