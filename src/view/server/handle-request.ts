import type { IncomingMessage, ServerResponse } from 'node:http';
import { languages, runInLanguage, type Language } from '../../i18n/language.js';
import { t } from '../../i18n/translate.js';
import type { Env } from '../../io/env.js';
import type { HistoryStore } from '../../store/history-store.js';
import { checkHost, checkSameOrigin, checkToken, readCookies, tokenCookieHeader, type AccessRules } from './check-access.js';
import type { EventStream } from './event-stream.js';
import { readJsonBody } from './read-json-body.js';
import { findRoute } from './route-table.js';
import { setSecurityHeaders } from './security-headers.js';
import type { Responder } from './send-response.js';
import type { ViewAssets } from './view-assets.js';
import { ViewError } from './view-error.js';
import type { ViewPageContext, ViewPages } from './view-pages.js';
import type { RouteContext } from './view-routes.js';
import { escapeHtml } from '../../report/escape-html.js';

/** What the request handler is built from. */
export interface RequestDeps {
  access: AccessRules;
  env: Env;
  cwd: string;
  currentDate(): Date;
  readTextFile(filePath: string): Promise<string>;
  /** The page language when the request says none (the CLI's). */
  language: Language;
  /** The history store, opened once (lazily) and shared by every request. */
  store(): Promise<HistoryStore>;
  assets(): Promise<ViewAssets>;
  pages(): Promise<ViewPages>;
  routes(): Promise<typeof import('./view-routes.js')>;
  events: EventStream;
  /** Settles once every secret to redact is known. */
  ready: Promise<void>;
  send: Responder;
  /** Hears an unexpected failure (a 500), once per request. */
  onError(error: unknown): void;
}

const languageCookie = 'wechat_writer_lang';

/** Adds a cookie to those the response already sets. */
function appendCookie(response: ServerResponse, cookie: string): void {
  const set = response.getHeader('Set-Cookie');
  response.setHeader('Set-Cookie', [...(Array.isArray(set) ? set : set === undefined ? [] : [String(set)]), cookie]);
}

/** `zh`, `zh-cn`, `zh-CN` → zh-CN; `en…` → en; anything else null. */
function readLanguage(value: string | null | undefined): Language | null {
  const lower = value?.trim().toLowerCase() ?? '';
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The request's language: `?lang=` (kept in a cookie), the cookie, else the CLI's. */
function requestLanguage(request: IncomingMessage, url: URL, fallback: Language, response: ServerResponse): Language {
  const asked = readLanguage(url.searchParams.get('lang'));
  if (asked) {
    appendCookie(response, `${languageCookie}=${asked}; SameSite=Strict; Path=/`);
    return asked;
  }
  return readLanguage(readCookies(request).get(languageCookie)) ?? fallback;
}

const both = (status: number, message: string) =>
  status === 401 ? languages.map((language) => t('viewServer.error.noToken', {}, language)).join(' · ') : message;

/** Answers one request: Host check, token, CSRF check, then the asset, API route or page. */
export function requestHandler(deps: RequestDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    setSecurityHeaders(response);
    const url = new URL(request.url ?? '/', 'http://view.invalid');
    const language = requestLanguage(request, url, deps.language, response);
    runInLanguage(language, () => answer(deps, request, response, url, language)).catch((error: unknown) =>
      runInLanguage(language, () => fail(deps, request, response, url, language, error)),
    );
  };
}

async function answer(deps: RequestDeps, request: IncomingMessage, response: ServerResponse, url: URL, language: Language) {
  checkHost(request, deps.access);
  const source = checkToken(request, url, deps.access);
  const isApi = url.pathname.startsWith('/api/');
  if (source === 'query' && request.method === 'GET' && !isApi) {
    url.searchParams.delete('token');
    appendCookie(response, tokenCookieHeader(deps.access.token));
    // one leading slash: `//other.example` would be another site
    deps.send.redirect(response, `/${url.pathname.replace(/^\/+/, '')}${url.search}`);
    return;
  }
  checkSameOrigin(request);
  if (request.method === 'GET' && (url.pathname === '/assets/view.js' || url.pathname === '/assets/view.css')) {
    const assets = await deps.assets();
    const script = url.pathname.endsWith('.js');
    if (url.searchParams.get('v') === assets.version) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    const body = script ? assets.js : assets.css;
    response.writeHead(200, {
      'Content-Type': script ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    });
    response.end(body);
    return;
  }
  if (request.method === 'GET' && url.pathname === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  // every body from here on is redacted: wait until the config's secrets are known (our own assets
  // above carry none, so the first page's stylesheet does not wait for the config)
  await deps.ready;
  const { viewRoutes } = await deps.routes();
  const { route, params } = findRoute(viewRoutes, request.method ?? 'GET', url.pathname);
  const context: RouteContext = {
    request,
    response,
    url,
    env: deps.env,
    cwd: deps.cwd,
    currentDate: deps.currentDate,
    readTextFile: deps.readTextFile,
    store: deps.store,
    events: deps.events,
    json: (status, document) => deps.send.json(response, status, document),
    page: async (render) => {
      const [pages, assets] = await Promise.all([deps.pages(), deps.assets()]);
      // the page's own address (the Host was checked above), without a token
      const pageUrl = new URL(`${url.pathname}${url.search}`, `http://${request.headers.host}`);
      deps.send.html(response, 200, render(pages, { language, url: pageUrl, assetVersion: assets.version }));
    },
    body: () => readJsonBody(request),
  };
  await route.handle(context, params);
}

/** The refusal or failure as JSON under /api/, else as the error page. */
async function fail(deps: RequestDeps, request: IncomingMessage, response: ServerResponse, url: URL, language: Language, error: unknown) {
  await deps.ready;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const usage = error instanceof Error && error.name === 'UsageError';
  const status = error instanceof ViewError ? error.status : usage ? 400 : 500;
  if (status === 500) deps.onError(error);
  const message = status === 500 ? t('viewServer.error.internal') : (error as Error).message.split('\n')[0]!;
  const headers = { ...(error instanceof ViewError ? error.headers : {}), ...(status === 413 ? { Connection: 'close' } : {}) };
  if (url.pathname.startsWith('/api/') || request.method !== 'GET') {
    deps.send.json(response, status, { error: message }, headers);
    return;
  }
  let page: string;
  try {
    const [pages, assets] = await Promise.all([deps.pages(), deps.assets()]);
    page = pages.renderErrorPage(status, both(status, message), { language, url, assetVersion: assets.version });
  } catch {
    page = `<!doctype html><meta charset="utf-8"><title>${status}</title><p>${escapeHtml(both(status, message))}</p>\n`;
  }
  deps.send.html(response, status, page, headers);
}
