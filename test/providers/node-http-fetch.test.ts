import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpFetch, nodeHttpFetch, RedirectRefusedError } from '../../src/providers/node-http-fetch.js';
import { ReplyTooLargeError } from '../../src/providers/reply-limits.js';

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
    } else if (path === '/cut-whole') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"half":', () => setTimeout(() => response.socket?.destroy(), 20));
    } else if (path === '/big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(4096));
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

  describe('a reply read whole (json, text: what the SDKs do with an answer that is not streamed)', () => {
    it('a connection cut midway rejects with TypeError: terminated', async () => {
      const failure = await (await nodeHttpFetch(`${main.url}/cut-whole`)).json().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TypeError);
      expect((failure as Error).message).toBe('terminated');
    });

    it('an abort while the body arrives rejects with the AbortError', async () => {
      const late = new AbortController();
      const response = await nodeHttpFetch(`${main.url}/stall`, { signal: late.signal });
      setTimeout(() => late.abort(), 10);
      expect(((await response.text().catch((error: unknown) => error)) as Error).name).toBe('AbortError');
    });

    it('more than the byte limit rejects with ReplyTooLargeError, as a stream does', async () => {
      const fetchSmall = createNodeHttpFetch({ maxReplyBytes: 1024 });
      expect(await (await fetchSmall(`${main.url}/big`)).text().catch((error: unknown) => error)).toBeInstanceOf(ReplyTooLargeError);
      const reader = (await fetchSmall(`${main.url}/big`)).body!.getReader();
      expect(await reader.read().catch((error: unknown) => error)).toBeInstanceOf(ReplyTooLargeError);
    });

    it('is read once: bodyUsed turns true, a second read fails, the body is then a locked stream', async () => {
      const response = await nodeHttpFetch(`${main.url}/json`);
      expect(response.bodyUsed).toBe(false);
      expect(await response.json()).toEqual({ ok: true });
      expect(response.bodyUsed).toBe(true);
      await expect(response.text()).rejects.toThrow(TypeError);
      expect(response.body?.locked).toBe(true);
      expect(() => response.clone()).toThrow(TypeError);
    });

    it('a clone and the original each read the whole body, in any order; arrayBuffer and blob read it too', async () => {
      const response = await nodeHttpFetch(`${main.url}/gzip`);
      const copy = response.clone();
      expect(copy.status).toBe(200);
      expect(copy.headers.get('content-type')).toBe('text/plain');
      expect(await response.text()).toBe('压缩的正文');
      expect(await copy.text()).toBe('压缩的正文');
      expect(Buffer.from(await (await nodeHttpFetch(`${main.url}/gzip`)).arrayBuffer()).toString()).toBe('压缩的正文');
      const blob = await (await nodeHttpFetch(`${main.url}/gzip`)).blob();
      expect(blob.type).toBe('text/plain');
      expect(await blob.text()).toBe('压缩的正文');
    });

    it('a 204 reads as empty text; a redirected reply says so', async () => {
      expect(await (await nodeHttpFetch(`${main.url}/empty`)).text()).toBe('');
      const landed = await nodeHttpFetch(`${main.url}/redirect/307/same`);
      expect(landed.redirected).toBe(true);
      expect(landed.url).toBe(`${main.url}/landed`);
      expect((await nodeHttpFetch(`${main.url}/json`)).redirected).toBe(false);
    });
  });
});
