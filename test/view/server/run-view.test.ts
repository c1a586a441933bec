import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runView, type ViewDeps } from '../../../src/commands/view/run-view.js';
import { canOpenBrowser } from '../../../src/commands/view/open-browser.js';
import { defaultViewPort, parseViewOptions } from '../../../src/commands/view/view-options.js';
import { UsageError } from '../../../src/errors/usage-error.js';
import type { ViewServer } from '../../../src/view/server/start-view-server.js';
import { createMemoryIO } from '../../support/memory-io.js';
import { call, jsonPages } from './view-test-server.js';

const freshHome = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ww-view-home-')), 'home');

/** Runs `view` until `work` is done with the listening server, then stops it as Ctrl-C does. */
async function withView(
  options: Parameters<typeof runView>[0],
  work: (server: ViewServer, url: string) => Promise<void>,
  extra: { env?: Record<string, string>; deps?: ViewDeps; tty?: boolean } = {},
) {
  const controller = new AbortController();
  const io = createMemoryIO({ env: { WECHAT_WRITER_HOME: freshHome(), ...extra.env }, signal: controller.signal });
  if (extra.tty) io.stdout.isTTY = true;
  let failure: unknown;
  const code = await runView(options, io, {
    pages: async () => jsonPages,
    assets: () => ({ js: '', css: '' }),
    ...extra.deps,
    onListening: (server, url) => {
      work(server, url)
        .catch((error: unknown) => (failure = error))
        .finally(() => controller.abort());
    },
  });
  if (failure) throw failure;
  return { code, io };
}

describe('runView', () => {
  it('prints the URL with the token, says a missing history is empty, answers, and stops with exit 0', async () => {
    let answered = 0;
    const { code, io } = await withView({ port: '0', open: false }, async (server, url) => {
      expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`));
      const token = new URL(url).searchParams.get('token')!;
      const response = await call(server, '/api/runs', { auth: false, headers: { authorization: `Bearer ${token}` } });
      answered = response.status;
      expect(response.json().runs).toEqual([]);
    });
    expect(answered).toBe(200);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^wechat-writer view: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+\n$/);
    expect(io.err()).toContain('no runs yet');
    expect(io.err()).toContain('view stopped');
  });

  it('opens the browser on a desktop terminal, and says so in one line when it cannot', async () => {
    const opened: string[] = [];
    await withView({ port: '0' }, async () => {}, {
      env: { DISPLAY: ':0' },
      tty: true,
      deps: { openBrowser: async (url) => void opened.push(url) },
    });
    expect(opened).toHaveLength(1);
    const { io } = await withView({ port: '0' }, async () => {}, {
      env: { DISPLAY: ':0' },
      tty: true,
      deps: { openBrowser: () => Promise.reject(Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' })) },
    });
    expect(io.err()).toContain('could not open the browser (ENOENT)');
    const noOpen: string[] = [];
    await withView({ port: '0', open: false }, async () => {}, {
      env: { DISPLAY: ':0' },
      tty: true,
      deps: { openBrowser: async (url) => void noOpen.push(url) },
    });
    expect(noOpen).toEqual([]);
  });

  it('refuses a busy --port with one line naming the fix, and moves off a busy default port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const io = createMemoryIO({ env: { WECHAT_WRITER_HOME: freshHome() } });
    await expect(runView({ port: String(port), open: false }, io)).rejects.toThrow(/--port/);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const defaultBlocker: Server = createServer();
    const blocked = await new Promise<boolean>((resolve) => {
      defaultBlocker.once('error', () => resolve(false));
      defaultBlocker.listen(defaultViewPort, '127.0.0.1', () => resolve(true));
    });
    try {
      const { io: moved } = await withView({ open: false }, async (server) => {
        expect(server.port).not.toBe(defaultViewPort);
      });
      expect(moved.err()).toContain(`port ${defaultViewPort} is in use`);
    } finally {
      if (blocked) await new Promise<void>((resolve) => defaultBlocker.close(() => resolve()));
    }
  });

  it('a damaged history is one line and a usage error (exit 2), with the server stopped again', async () => {
    const home = freshHome();
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'history.db'), 'this is not a database'.repeat(100));
    const io = createMemoryIO({ env: { WECHAT_WRITER_HOME: home } });
    const error = await runView({ port: '0', open: false }, io, { pages: async () => jsonPages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).toContain('history.db');
    const port = Number(/:(\d+)\//.exec(io.out())?.[1]);
    const refused = await new Promise<string>((resolve) => {
      const probe = createServer();
      probe.once('error', (listenError: NodeJS.ErrnoException) => resolve(listenError.code ?? ''));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve('free')));
    });
    expect(refused).toBe('free');
  });
});

describe('view options', () => {
  it('takes ports 0–65535 and IP addresses or host names', () => {
    expect(parseViewOptions({})).toEqual({ port: null, host: '127.0.0.1', open: true });
    expect(parseViewOptions({ port: '0', host: '::1', open: false })).toEqual({ port: 0, host: '::1', open: false });
    expect(parseViewOptions({ port: '65535', host: '[::1]' }).host).toBe('::1');
    expect(parseViewOptions({ host: 'localhost' }).host).toBe('localhost');
    for (const port of ['65536', '-1', 'abc', '1.5', '']) expect(() => parseViewOptions({ port }), port).toThrow(UsageError);
    for (const host of ['http://x', 'a b', '']) expect(() => parseViewOptions({ host }), host).toThrow(UsageError);
  });

  it('opens a browser only on a desktop terminal outside CI', () => {
    expect(canOpenBrowser({ DISPLAY: ':0' }, true, 'linux')).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, true, 'linux')).toBe(true);
    expect(canOpenBrowser({}, true, 'linux')).toBe(false);
    expect(canOpenBrowser({}, true, 'darwin')).toBe(true);
    expect(canOpenBrowser({ DISPLAY: ':0' }, false, 'linux')).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ':0', CI: 'true' }, true, 'linux')).toBe(false);
  });
});
