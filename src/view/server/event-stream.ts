import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HistoryChanges, HistoryWatcher } from './history-watcher.js';

/** The server-sent events of the view: clients, and the polling that feeds them while any listens. */
export interface EventStream {
  /** Answers GET /api/events: keeps the response open and sends events until the client leaves. */
  attach(request: IncomingMessage, response: ServerResponse): void;
  /** How many clients listen now. */
  readonly clients: number;
  /** Ends every stream and stops polling. */
  close(): void;
}

/** How often the history is looked at while a client listens, and how often idle streams are pinged. */
export const pollIntervalMs = 500;
const pingIntervalMs = 15_000;

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** An event stream over a watcher (opened on first use); `onError` hears a failed poll once. */
export function eventStream(watcher: () => Promise<HistoryWatcher>, onError: (error: unknown) => void): EventStream {
  const clients = new Set<ServerResponse>();
  let poller: NodeJS.Timeout | null = null;
  let pinger: NodeJS.Timeout | null = null;
  let opened: HistoryWatcher | null = null;
  let failed = false;
  let closed = false;
  const broadcast = (changes: HistoryChanges) => {
    const text = [...changes.runs.map((run) => frame('run', run)), ...changes.results.map((result) => frame('result', result))].join('');
    if (text) for (const client of clients) client.write(text);
  };
  const stop = () => {
    if (poller) clearInterval(poller);
    if (pinger) clearInterval(pinger);
    poller = pinger = null;
  };
  let opening: Promise<HistoryWatcher> | null = null;
  const start = async () => {
    opening ??= watcher().then((ready) => {
      if (closed) ready.close();
      else opened = ready;
      return ready;
    });
    const ready = await opening;
    if (poller || closed || clients.size === 0) return;
    ready.reset();
    poller = setInterval(() => {
      try {
        broadcast(ready.poll());
      } catch (error) {
        if (!failed) onError(error);
        failed = true;
      }
    }, pollIntervalMs);
    pinger = setInterval(() => {
      for (const client of clients) client.write(': ping\n\n');
    }, pingIntervalMs);
    poller.unref();
    pinger.unref();
  };
  return {
    attach(request, response) {
      response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      clients.add(response);
      const leave = () => {
        clients.delete(response);
        if (clients.size === 0) stop();
      };
      request.on('close', leave);
      response.on('close', leave);
      // hello only once the watcher knows where the history stands: what is written after it is told
      start().then(
        () => response.write(`retry: 2000\n${frame('hello', {})}`),
        (error: unknown) => {
          onError(error);
          response.end();
        },
      );
    },
    get clients() {
      return clients.size;
    },
    close() {
      closed = true;
      stop();
      for (const client of clients) client.end();
      clients.clear();
      opened?.close();
      opened = null;
      opening = null;
    },
  };
}
