import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandIO } from '../../cli/command-io.js';
import { resolveHomeDirectory } from '../../config/home-directory.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import { UsageError } from '../../errors/usage-error.js';
import { currentLanguage } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import type { HistoryStore } from '../../store/history-store.js';
import { startViewServer, type ViewServer, type ViewServerOptions } from '../../view/server/start-view-server.js';
import type { ViewAssetFiles } from '../../view/server/view-assets.js';
import type { ViewPages } from '../../view/server/view-pages.js';
import { openHistory } from '../history/open-history.js';
import { canOpenBrowser, openBrowser } from './open-browser.js';
import { defaultViewPort, parseViewOptions, type ViewCommandOptions } from './view-options.js';

/** The pieces of `view` a test swaps in; the real command passes none. */
export interface ViewDeps {
  /** Opens the URL in a browser (xdg-open / open / start when absent). */
  openBrowser?: (url: string) => Promise<void>;
  /** The page's script and stylesheet (dist/view-assets when absent). */
  assets?: () => Promise<ViewAssetFiles> | ViewAssetFiles;
  /** The page renderers (src/view/pages when absent). */
  pages?: () => Promise<ViewPages>;
  /** Hears the server once it answers (tests read its port). */
  onListening?: (server: ViewServer, url: string) => void;
}

const unusableHost = new Set(['EADDRNOTAVAIL', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN', 'EAFNOSUPPORT']);

/** Listens on the port asked for; without --port a busy default gives way to any free port (said in one line). */
async function listen(options: Omit<ViewServerOptions, 'port'>, port: number | null, io: CommandIO): Promise<ViewServer> {
  const attempt = (on: number) => startViewServer({ ...options, port: on });
  try {
    return await attempt(port ?? defaultViewPort);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EADDRINUSE' && port === null) {
      const server = await attempt(0);
      io.stderr.write(`${t('viewServer.portTaken', { port: defaultViewPort, chosen: server.port })}\n`);
      return server;
    }
    if (code === 'EADDRINUSE') throw new UsageError(t('viewServer.portBusy', { port: port ?? defaultViewPort }));
    if (unusableHost.has(code))
      throw new UsageError(t('viewServer.hostUnusable', { host: options.host, port: port ?? defaultViewPort, code }));
    throw error;
  }
}

/** Waits until the signal aborts (Ctrl-C), forever without one. */
const stopped = (signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });

/**
 * `wechat-writer view`: serves the dashboard and JSON API over the history on 127.0.0.1 (by default)
 * behind a random token, prints the URL, opens the browser on a desktop, and runs until Ctrl-C (exit 0).
 * A history that cannot be opened is one line and exit 2 (after the URL, which is printed as soon as
 * the server listens); a missing one is an empty history, said once.
 */
export async function runView(options: ViewCommandOptions, io: CommandIO, deps: ViewDeps = {}): Promise<ExitCodeValue> {
  const settings = parseViewOptions(options);
  const home = resolveHomeDirectory(io.env);
  const fresh = !existsSync(path.join(home, 'history.db'));
  const token = randomBytes(24).toString('base64url');
  // the history (libsql's native module, the schema check) opens once the server listens: the URL first
  let opening: Promise<HistoryStore> | undefined;
  const openStore = () => {
    opening ??= openHistory(io);
    opening.catch(() => undefined);
    return opening;
  };
  let store: HistoryStore | undefined;
  let server: ViewServer | undefined;
  const onError = (error: unknown) => {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    io.stderr.write(`${t('viewServer.serverError', { reason })}\n`);
  };
  try {
    server = await listen(
      {
        host: settings.host,
        token,
        env: io.env,
        cwd: io.cwd,
        currentDate: () => io.currentDate(),
        readTextFile: (filePath) => io.readTextFile(filePath),
        language: currentLanguage(),
        store: openStore,
        watcher: async () => {
          const { openHistoryWatcher } = await import('../../view/server/history-watcher.js');
          return openHistoryWatcher((await openStore()).path);
        },
        assets: deps.assets ?? (async () => (await import('../../view/server/view-assets.js')).readBuiltAssets()),
        pages: deps.pages ?? (() => import('../../view/pages/index.js')),
        secrets: async () => (await import('../../view/api/config-secrets.js')).configSecrets(io),
        onError,
      },
      settings.port,
      io,
    );
    const shownHost = ['0.0.0.0', '::'].includes(settings.host)
      ? '127.0.0.1'
      : server.host.includes(':')
        ? `[${server.host}]`
        : server.host;
    const url = `http://${shownHost}:${server.port}/?token=${token}`;
    io.stdout.write(`${t('viewServer.listening', { url })}\n`);
    if (fresh) io.stderr.write(`${t('viewServer.noRuns', { path: path.join(home, 'history.db') })}\n`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(settings.host))
      io.stderr.write(`${t('viewServer.publicHost', { host: settings.host })}\n`);
    io.stderr.write(`${t('viewServer.stopHint')}\n`);
    // the history opens while the URL is printed; one that cannot be opened ends the view (exit 2)
    store = await openStore();
    deps.onListening?.(server, url);
    if (settings.open && canOpenBrowser(io.env, io.stdout.isTTY === true)) {
      await (deps.openBrowser ?? openBrowser)(url).catch((error: Error) =>
        io.stderr.write(`${t('viewServer.openFailed', { reason: (error as NodeJS.ErrnoException).code ?? error.message })}\n`),
      );
    }
    await stopped(io.signal);
    io.stderr.write(`${t('viewServer.stopped')}\n`);
    return ExitCode.ok;
  } finally {
    await server?.close();
    (store ?? (await opening?.catch(() => undefined)))?.close();
  }
}
