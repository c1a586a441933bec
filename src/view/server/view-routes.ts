import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from '../../io/env.js';
import type { HistoryStore } from '../../store/history-store.js';
import { duelsDocument, recordVote } from '../api/duel-documents.js';
import { parseRunId, parseRunsQuery } from '../api/parse-view-query.js';
import { recordPick } from '../api/record-pick.js';
import { resultsDocument, runDocument, runsDocument } from '../api/run-documents.js';
import { leaderboardDocument, providersDocument, statsDocument } from '../api/summary-documents.js';
import type { EventStream } from './event-stream.js';
import type { Route } from './route-table.js';
import type { ViewPageContext, ViewPages } from './view-pages.js';

/** Everything a route handler is given for one request. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  env: Env;
  cwd: string;
  currentDate(): Date;
  readTextFile(filePath: string): Promise<string>;
  store(): Promise<HistoryStore>;
  events: EventStream;
  json(status: number, document: unknown): void;
  /** Renders and sends a page (200). */
  page(render: (pages: ViewPages, context: ViewPageContext) => string): Promise<void>;
  body(): Promise<Record<string, unknown>>;
}

type ViewRoute = Route<RouteContext>;

const get = (path: RegExp, handle: ViewRoute['handle']): ViewRoute => ({ method: 'GET', path, handle });
const post = (path: RegExp, handle: ViewRoute['handle']): ViewRoute => ({ method: 'POST', path, handle });

/** Answers with the document `build` makes from the store. */
const api =
  (build: (store: HistoryStore, context: RouteContext, params: string[]) => unknown): ViewRoute['handle'] =>
  async (context, params) =>
    context.json(200, await build(await context.store(), context, params));

const runId = (params: string[]) => parseRunId(params[0] ?? '');

/** The JSON API under /api/ and the pages, in matching order. */
export const viewRoutes: ViewRoute[] = [
  get(
    /^\/api\/runs$/,
    api((store, context) => runsDocument(store, parseRunsQuery(context.url.searchParams), context.env)),
  ),
  get(
    /^\/api\/runs\/([^/]+)$/,
    api((store, _context, params) => runDocument(store, runId(params))),
  ),
  get(
    /^\/api\/runs\/([^/]+)\/results$/,
    api((store, _context, params) => resultsDocument(store, runId(params))),
  ),
  get(
    /^\/api\/runs\/([^/]+)\/duels$/,
    api((store, context, params) => duelsDocument(store, runId(params), context.env)),
  ),
  post(
    /^\/api\/votes$/,
    api(async (store, context) => recordVote(store, await context.body(), context)),
  ),
  post(
    /^\/api\/picks$/,
    api(async (store, context) => recordPick(store, await context.body(), context)),
  ),
  get(
    /^\/api\/stats$/,
    api((store, context) => statsDocument(store, context.url.searchParams, context.currentDate())),
  ),
  get(
    /^\/api\/leaderboard$/,
    api((store, context) => leaderboardDocument(store, context.url.searchParams, context.env, context.currentDate())),
  ),
  get(/^\/api\/providers$/, async (context) => context.json(200, await providersDocument(context))),
  get(/^\/api\/events$/, async (context) => {
    await context.store();
    context.events.attach(context.request, context.response);
  }),
  get(/^\/$/, async (context) => {
    const document = runsDocument(await context.store(), parseRunsQuery(context.url.searchParams), context.env);
    await context.page((pages, page) => pages.renderRunsPage(document, page));
  }),
  get(/^\/runs\/([^/]+)$/, async (context, params) => {
    const document = runDocument(await context.store(), runId(params));
    await context.page((pages, page) => pages.renderRunPage(document, page));
  }),
  get(/^\/runs\/([^/]+)\/vote$/, async (context, params) => {
    const store = await context.store();
    const run = runDocument(store, runId(params));
    const duels = duelsDocument(store, run.runId as number, context.env);
    await context.page((pages, page) => pages.renderVotePage(run, duels, page));
  }),
  get(/^\/leaderboard$/, async (context) => {
    const document = leaderboardDocument(await context.store(), context.url.searchParams, context.env, context.currentDate());
    await context.page((pages, page) => pages.renderLeaderboardPage(document, page));
  }),
  get(/^\/stats$/, async (context) => {
    const document = statsDocument(await context.store(), context.url.searchParams, context.currentDate());
    await context.page((pages, page) => pages.renderStatsPage(document, page));
  }),
  get(/^\/providers$/, async (context) => {
    const document = await providersDocument(context);
    await context.page((pages, page) => pages.renderProvidersPage(document, page));
  }),
];
