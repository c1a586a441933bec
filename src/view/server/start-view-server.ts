import { createServer, type Server } from 'node:http';
import { eventStream } from './event-stream.js';
import { requestHandler, type RequestDeps } from './handle-request.js';
import type { HistoryWatcher } from './history-watcher.js';
import { secretRedactor } from './redact-secrets.js';
import { responder } from './send-response.js';
import { cachedAssets, type ViewAssetFiles } from './view-assets.js';

/** What the view server is built from; the command passes the real pieces, tests their own. */
export interface ViewServerOptions extends Pick<
  RequestDeps,
  'env' | 'cwd' | 'currentDate' | 'readTextFile' | 'language' | 'store' | 'pages'
> {
  host: string;
  /** 0: any free port. */
  port: number;
  token: string;
  /** A watcher over the history file for the event stream (opened when the first client listens). */
  watcher(): Promise<HistoryWatcher>;
  assets(): Promise<ViewAssetFiles> | ViewAssetFiles;
  /** Values no response may carry beyond the env's (keys and base URLs of the config); answers wait for them. */
  secrets?: () => Promise<readonly string[]>;
  /** Hears unexpected failures (500s, a failed poll). */
  onError(error: unknown): void;
}

/** A listening view server. */
export interface ViewServer {
  host: string;
  port: number;
  /** `http://127.0.0.1:PORT` (brackets around an IPv6 host). */
  origin: string;
  /** Stops listening, ends the event streams and open connections. */
  close(): Promise<void>;
}

/** Listens on host:port (EADDRINUSE and the like reject, for the command to decide). */
export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const events = eventStream(options.watcher, options.onError);
  let routes: Promise<typeof import('./view-routes.js')> | undefined;
  const loadRoutes = () => (routes ??= import('./view-routes.js'));
  const access = { token: options.token, host: options.host, port: options.port };
  let redact = secretRedactor(options.env, [options.token]);
  const ready = (options.secrets?.() ?? Promise.resolve([])).then(
    (values) => void (redact = secretRedactor(options.env, [options.token, ...values])),
    options.onError,
  );
  const server: Server = createServer(
    requestHandler({
      access,
      env: options.env,
      cwd: options.cwd,
      currentDate: options.currentDate,
      readTextFile: options.readTextFile,
      language: options.language,
      store: options.store,
      assets: cachedAssets(options.assets),
      pages: options.pages,
      routes: loadRoutes,
      events,
      ready,
      send: responder((text) => redact(text)),
      onError: options.onError,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  access.port = port;
  // the routes (and the API behind them) load while the URL is printed, not on the first request
  loadRoutes().catch(options.onError);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    host: options.host,
    port,
    origin: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
