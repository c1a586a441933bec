import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awkwardPieces, sseBody, type Recording } from './recorded-traffic.js';

/** A local server that answers every request with one recording, as it was sent. */
export interface ReplayServer {
  url: string;
  /** The recording the next request gets. */
  serve(recording: Recording): void;
  /** Requests received since the last `serve`. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts the replay server on 127.0.0.1 (random port). Streams are written in awkward pieces (split
 * inside JSON and inside every multi-byte character), each flushed on its own.
 */
export async function startReplayServer(): Promise<ReplayServer> {
  let current: Recording | null = null;
  const requests: ReplayServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      void (async () => {
        requests.push({ method: request.method ?? '', path: request.url ?? '' });
        const recording = current;
        if (!recording) {
          response.writeHead(500).end();
          return;
        }
        const { status, headers, events, json, text } = recording.response;
        response.socket?.setNoDelay(true);
        if (events) {
          response.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
          response.flushHeaders();
          for (const piece of awkwardPieces(Buffer.from(sseBody(events)))) {
            response.write(piece);
            await nextTurn();
          }
          response.end();
          return;
        }
        const body = json !== undefined ? JSON.stringify(json) : (text ?? '');
        const type = json !== undefined ? 'application/json' : /^\s*</.test(body) ? 'text/html' : 'text/plain';
        response.writeHead(status, { 'content-type': type, ...headers }).end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve(recording) {
      current = recording;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
