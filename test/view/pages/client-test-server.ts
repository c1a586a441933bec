import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { runInLanguage } from '../../../src/i18n/language.js';
import type { RunDocument, RunsDocument } from '../../../src/view/api/view-documents.js';
import * as pages from '../../../src/view/pages/index.js';
import { batchRun, duelsDocument, judgedRun, pageContext, runsDocument } from './page-fixtures.js';

/** The view's CSP, as the real server sends it. */
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A stand-in for the view server: the real pages and assets over fixture documents, the API recorded. */
export interface ClientTestServer {
  origin: string;
  /** Bodies POSTed to /api/…, in order. */
  posts: { path: string; body: unknown }[];
  /** The documents the pages render; a test changes them, then sends an event. */
  documents: { runs: RunsDocument; runs21: RunDocument; runs22: RunDocument };
  /** Whether an event stream is open. */
  streams(): number;
  /** Sends one SSE event to every open stream. */
  send(event: string, data: unknown): void;
  close(): Promise<void>;
}

async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../../../src/view/assets/view-client.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** A batch of 20 prompts × 2 models: more than a page holds at once. */
function largeBatch(): RunDocument {
  const run = batchRun();
  const [first, second] = run.results;
  const prompts = Array.from({ length: 20 }, (_, index) => ({
    id: `p${index}`,
    source: `prompts.jsonl:${index + 1}`,
    chars: 10,
    system: false,
  }));
  const results = prompts.flatMap((prompt, index) => [
    { ...first!, promptId: prompt.id, position: index * 2 },
    { ...second!, promptId: prompt.id, position: index * 2 + 1 },
  ]);
  return { ...run, runId: 24, prompts, results };
}

/** Starts the stand-in on a random port of 127.0.0.1, pages in Chinese. */
export async function startClientTestServer(): Promise<ClientTestServer> {
  const script = await bundleClient();
  const css = readFileSync(new URL('../../../src/view/assets/view.css', import.meta.url), 'utf8');
  const posts: ClientTestServer['posts'] = [];
  const streams = new Set<ServerResponse>();
  const documents = { runs: runsDocument(), runs21: judgedRun(), runs22: batchRun() };
  const page = (url: URL): string | null => {
    const context = pageContext('zh-CN', `${url.pathname}${url.search}`);
    return runInLanguage('zh-CN', () => {
      if (url.pathname === '/') return pages.renderRunsPage(documents.runs, context);
      if (url.pathname === '/runs/21') return pages.renderRunPage(documents.runs21, context);
      if (url.pathname === '/runs/22') return pages.renderRunPage(documents.runs22, context);
      if (url.pathname === '/runs/24') return pages.renderRunPage(largeBatch(), context);
      if (url.pathname === '/runs/21/vote') return pages.renderVotePage(documents.runs21, duelsDocument(), context);
      return null;
    });
  };
  const readBody = (request: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let text = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      request.on('end', () => resolve(JSON.parse(text || '{}')));
    });
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = { 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-store' };
    if (url.pathname === '/assets/view.js') return response.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(script);
    if (url.pathname === '/assets/view.css') return response.writeHead(200, { ...headers, 'content-type': 'text/css' }).end(css);
    if (url.pathname === '/api/events') {
      response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
      response.write('event: hello\ndata: {}\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST') {
      const body = (await readBody(request)) as Record<string, unknown>;
      posts.push({ path: url.pathname, body });
      const reply =
        url.pathname === '/api/votes'
          ? { version: 1, a: { position: body.a, model: 'mock:beta' }, b: { position: body.b, model: 'mock:alpha' }, winner: body.winner }
          : { version: 1, messages: [`已记录：选用 ${String(body.model)}`] };
      return response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(reply));
    }
    const html = page(url);
    if (html === null) return response.writeHead(404, headers).end();
    response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    documents,
    streams: () => streams.size,
    send: (event, data) => {
      for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
