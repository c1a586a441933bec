import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake server answers one model (matched by the request's `model`). */
export interface FakeReply {
  /** The pieces of text; streamed one SSE event each, concatenated otherwise. */
  chunks?: readonly string[];
  /** Usage the server reports; `null` reports none. Default: { input: 11, output: 7 }. */
  usage?: { input: number; output: number; cacheRead?: number; cacheWrite?: number; reasoning?: number } | null;
  /** Reasoning / thinking text streamed before the answer. */
  reasoning?: string;
  finishReason?: string;
  /** Answer with this HTTP error status and body instead. */
  status?: number;
  errorBody?: unknown;
  headers?: Record<string, string>;
  /** Wait before the headers are sent. */
  delayMs?: number;
  /** Only the first N requests for this model get `status`; later ones succeed. */
  failFirst?: number;
  /** Only requests carrying one of these keys (Bearer, x-api-key or api-key) get `status`; others succeed. */
  failForKeys?: readonly string[];
  /** Stop sending (but keep the connection open) after this many stream events. */
  stallAfterEvents?: number;
  /** Destroy the connection after this many stream events (a stream cut midway). */
  cutAfterEvents?: number;
  /** End the response cleanly after this many stream events: no finish reason, no [DONE], no message_stop. */
  endAfterEvents?: number;
  /** Wait between stream events (default 1 ms). */
  chunkDelayMs?: number;
  /** Awaited before each stream event after the first, instead of `chunkDelayMs`: a test paces the stream. */
  pace?: (eventIndex: number) => Promise<unknown>;
  /** Awaited before answering at all (after the request is recorded): e.g. until other requests have arrived. */
  gate?: () => Promise<unknown>;
  /** Never send a response at all. */
  neverAnswer?: boolean;
  /** Send a 200 whose body (or stream event) is not valid JSON. */
  malformed?: boolean;
  /** Where OpenAI-format reasoning goes (default `reasoning_content`). */
  reasoningField?: 'reasoning_content' | 'reasoning' | 'reasoning_details';
  /** Report streamed usage inside the final choice (Moonshot) instead of a usage chunk. */
  usageInChoice?: boolean;
  /** Send an error event in the stream after the text chunks. */
  inStreamError?: { type: string; message: string };
  /** Model id the server says it used. Default: the requested id with a `-served` suffix. */
  servedModel?: string;
}

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, without `?`. */
  query: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** When the whole request had arrived (`performance.now()` of the test process). */
  receivedAt: number;
}

/** A local server on 127.0.0.1 speaking OpenAI Chat Completions and Anthropic Messages. */
export interface FakeLlmServer {
  url: string;
  /** Base URL for the OpenAI SDK (`…/v1`). */
  openaiBaseURL: string;
  /** Base URL for the Anthropic SDK (the SDK adds `/v1/messages`). */
  anthropicBaseURL: string;
  requests: RecordedRequest[];
  replies: Map<string, FakeReply>;
  /** Replies by exact request path (e.g. `/no-list/v1/models`), taking precedence over the per-model reply. */
  pathReplies: Map<string, FakeReply>;
  /** When not empty, only these keys are accepted (`Authorization: Bearer` or `x-api-key`); other requests get a real 401. */
  acceptedKeys: Set<string>;
  /** Requests received for one model. */
  requestCount(model: string): number;
  /** Replies left hanging on purpose so far: `neverAnswer`, or a stream stopped by `stallAfterEvents`. */
  readonly hangs: number;
  /** Resolves once `check()` holds, checked again whenever a request arrives or a reply hangs: wait for events, not for time. */
  until(check: () => boolean): Promise<void>;
  /** Forget every request and reply. */
  reset(): void;
  close(): Promise<void>;
}

const defaultChunks = (model: string) => [`# Title from ${model}\n\n`, 'Hello, ', '世界', '!'];
// Captured at load, so the server keeps real time while a test fakes the CLI's timers (vi.useFakeTimers).
const realSetTimeout = globalThis.setTimeout;
const sleep = (milliseconds: number) => new Promise((resolve) => realSetTimeout(resolve, milliseconds));

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Told when a reply is left hanging on purpose. */
type OnHang = () => void;

async function sendEvents(response: ServerResponse, events: string[], reply: FakeReply, headers: Record<string, string>, onHang: OnHang) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  for (const [index, event] of events.entries()) {
    if (index > 0 && reply.pace) await reply.pace(index);
    if (reply.stallAfterEvents !== undefined && index >= reply.stallAfterEvents) return onHang(); // leave it hanging
    if (reply.cutAfterEvents !== undefined && index >= reply.cutAfterEvents) {
      response.socket?.destroy();
      return;
    }
    if (reply.endAfterEvents !== undefined && index >= reply.endAfterEvents) break;
    response.write(event);
    if (!reply.pace) await sleep(reply.chunkDelayMs ?? 1);
  }
  response.end();
}

function reasoningFields(reply: FakeReply): Record<string, unknown> {
  if (!reply.reasoning) return {};
  const field = reply.reasoningField ?? 'reasoning_content';
  return field === 'reasoning_details'
    ? { reasoning_details: [{ type: 'reasoning.text', text: reply.reasoning }] }
    : { [field]: reply.reasoning };
}

function openaiUsage(reply: FakeReply) {
  const usage = reply.usage === undefined ? { input: 11, output: 7 } : reply.usage;
  if (usage === null) return undefined;
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    ...(usage.cacheRead !== undefined ? { prompt_tokens_details: { cached_tokens: usage.cacheRead } } : {}),
    ...(usage.reasoning !== undefined ? { completion_tokens_details: { reasoning_tokens: usage.reasoning } } : {}),
  };
}

async function answerOpenAI(body: Record<string, unknown>, reply: FakeReply, response: ServerResponse, onHang: OnHang) {
  const model = String(body.model);
  const served = reply.servedModel ?? `${model}-served`;
  const chunks = reply.chunks ?? defaultChunks(model);
  const headers = { 'x-request-id': 'req_openai_123', ...reply.headers };
  const usage = openaiUsage(reply);
  const id = 'chatcmpl-fake1';
  const created = 1_790_000_000;
  if (!body.stream) {
    sendJson(
      response,
      200,
      {
        id,
        object: 'chat.completion',
        created,
        model: served,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: chunks.join(''),
              ...(reply.reasoning ? { reasoning_content: reply.reasoning } : {}),
              refusal: null,
            },
            logprobs: null,
            finish_reason: reply.finishReason ?? 'stop',
          },
        ],
        ...(usage ? { usage } : {}),
      },
      headers,
    );
    return;
  }
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: served, choices, ...extra })}\n\n`;
  const events = [chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])];
  if (reply.reasoning) events.push(chunk([{ index: 0, delta: reasoningFields(reply), finish_reason: null }]));
  for (const piece of chunks) events.push(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
  if (reply.malformed) events.push('data: {"id": "chatcmpl-fake1", "choices": [\n\n');
  if (reply.inStreamError) events.push(`data: ${JSON.stringify({ error: reply.inStreamError })}\n\n`);
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const usageInChoice = reply.usageInChoice && usage ? { usage } : {};
  events.push(chunk([{ index: 0, delta: {}, finish_reason: reply.finishReason ?? 'stop', ...usageInChoice }]));
  if (usage && includeUsage && !reply.usageInChoice) events.push(chunk([], { usage }));
  events.push('data: [DONE]\n\n');
  await sendEvents(response, events, reply, headers, onHang);
}

/** Simulates Anthropic prompt caching: blocks marked cache_control are written once, then read. */
function promptCache(body: Record<string, unknown>, cachedPrompts: Set<string>): { cacheRead?: number; cacheWrite?: number } {
  const marked = JSON.stringify([body.system, body.messages]);
  if (!marked.includes('"cache_control"')) return {};
  const tokens = Math.ceil(marked.length / 4);
  if (cachedPrompts.has(marked)) return { cacheRead: tokens, cacheWrite: 0 };
  cachedPrompts.add(marked);
  return { cacheRead: 0, cacheWrite: tokens };
}

async function answerAnthropic(
  body: Record<string, unknown>,
  reply: FakeReply,
  response: ServerResponse,
  onHang: OnHang,
  cachedPrompts: Set<string>,
) {
  const model = String(body.model);
  const served = reply.servedModel ?? `${model}-served`;
  const chunks = reply.chunks ?? defaultChunks(model);
  const headers = { 'request-id': 'req_anthropic_456', ...reply.headers };
  const usage = reply.usage === undefined ? { input: 11, output: 7, ...promptCache(body, cachedPrompts) } : reply.usage;
  const id = 'msg_fake1';
  const fullUsage = usage
    ? {
        input_tokens: usage.input,
        output_tokens: usage.output,
        cache_creation_input_tokens: usage.cacheWrite ?? null,
        cache_read_input_tokens: usage.cacheRead ?? null,
      }
    : undefined;
  if (!body.stream) {
    const content = [
      ...(reply.reasoning ? [{ type: 'thinking', thinking: reply.reasoning, signature: 'sig' }] : []),
      { type: 'text', text: chunks.join('') },
    ];
    sendJson(
      response,
      200,
      {
        id,
        type: 'message',
        role: 'assistant',
        model: served,
        content,
        stop_reason: reply.finishReason ?? 'end_turn',
        stop_sequence: null,
        usage: fullUsage ?? {},
      },
      headers,
    );
    return;
  }
  const event = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const events = [
    event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: served,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: fullUsage ? { ...fullUsage, output_tokens: 1 } : {},
      },
    }),
  ];
  let blockIndex = 0;
  if (reply.reasoning) {
    events.push(event('content_block_start', { index: blockIndex, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    events.push(event('content_block_delta', { index: blockIndex, delta: { type: 'thinking_delta', thinking: reply.reasoning } }));
    events.push(event('content_block_stop', { index: blockIndex }));
    blockIndex += 1;
  }
  events.push(event('content_block_start', { index: blockIndex, content_block: { type: 'text', text: '' } }));
  events.push(event('ping', {}));
  for (const piece of chunks) events.push(event('content_block_delta', { index: blockIndex, delta: { type: 'text_delta', text: piece } }));
  if (reply.malformed) events.push('event: content_block_delta\ndata: {"type": "content_block_delta", \n\n');
  if (reply.inStreamError) events.push(event('error', { error: reply.inStreamError }));
  events.push(event('content_block_stop', { index: blockIndex }));
  events.push(
    event('message_delta', {
      delta: { stop_reason: reply.finishReason ?? 'end_turn', stop_sequence: null },
      usage: fullUsage ? { output_tokens: fullUsage.output_tokens } : {},
    }),
  );
  events.push(event('message_stop', {}));
  await sendEvents(response, events, reply, headers, onHang);
}

/** `GET /v1/models` in the OpenAI list format, or the Anthropic one when the request carries anthropic-version. */
function answerModelList(_path: string, headers: IncomingMessage['headers'], response: ServerResponse) {
  const ids = ['served-model-b', 'served-model-a'];
  if (headers['anthropic-version']) {
    const data = ids.map((id) => ({ id, type: 'model', display_name: id, created_at: '2026-01-01T00:00:00Z' }));
    sendJson(response, 200, { data, has_more: false, first_id: ids[0], last_id: ids[1] });
    return;
  }
  sendJson(response, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_790_000_000, owned_by: 'fake' })) });
}

/** The key a request carries, as `Authorization: Bearer` or `x-api-key`. */
const keysOf = (headers: IncomingMessage['headers']) =>
  [headers.authorization?.replace(/^Bearer\s+/i, ''), headers['x-api-key']].filter((key): key is string => typeof key === 'string');

/** A 401 body as each API sends it (OpenAI's echoes the key it got, so output can be checked for leaks). */
function sendUnauthorized(headers: IncomingMessage['headers'], response: ServerResponse) {
  if (headers['anthropic-version']) {
    sendJson(response, 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    return;
  }
  const message = `Incorrect API key provided: ${keysOf(headers)[0] ?? '(none)'}.`;
  sendJson(response, 401, { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
}

/** The key a request carries, in whichever header its format puts it. */
export function requestKey(headers: IncomingMessage['headers']): string {
  const bearer = headers.authorization?.replace(/^Bearer\s+/i, '');
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return bearer ?? header('x-api-key') ?? header('api-key') ?? '';
}

/** Starts the fake server on a random port of 127.0.0.1. */
export async function startFakeLlmServer(replies: Record<string, FakeReply> = {}): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const replyMap = new Map(Object.entries(replies));
  const pathReplies = new Map<string, FakeReply>();
  const acceptedKeys = new Set<string>();
  let hangs = 0;
  // each server its own prompt cache, so test files sharing a worker (isolate: false) never share one
  const cachedPrompts = new Set<string>();
  const waiters = new Set<{ check: () => boolean; resolve: () => void }>();
  const recheck = () => {
    for (const waiter of waiters) {
      if (!waiter.check()) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const onHang = () => {
    hangs += 1;
    recheck();
  };
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').split('?')[0] ?? '';
      const query = (request.url ?? '').split('?')[1] ?? '';
      requests.push({ method: request.method ?? '', path, query, headers: request.headers, body, receivedAt: performance.now() });
      recheck();
      if (acceptedKeys.size > 0 && !keysOf(request.headers).some((key) => acceptedKeys.has(key))) {
        sendUnauthorized(request.headers, response);
        return;
      }
      const model = String(body.model);
      const reply = pathReplies.get(path) ?? replyMap.get(model) ?? {};
      const seen = (counts.get(model) ?? 0) + 1;
      counts.set(model, seen);
      if (reply.gate) await reply.gate();
      if (reply.neverAnswer) return onHang();
      if (reply.delayMs) await sleep(reply.delayMs);
      if (reply.malformed && !body.stream) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"id": "broken", "choices": [');
        return;
      }
      const keyed = reply.failForKeys === undefined || reply.failForKeys.includes(requestKey(request.headers));
      if (reply.status && keyed && (reply.failFirst === undefined || seen <= reply.failFirst)) {
        sendJson(response, reply.status, reply.errorBody ?? { error: { message: 'fake failure', type: 'server_error' } }, reply.headers);
        return;
      }
      if (request.method === 'POST' && path.endsWith('/chat/completions')) return answerOpenAI(body, reply, response, onHang);
      if (request.method === 'POST' && path.endsWith('/v1/messages')) return answerAnthropic(body, reply, response, onHang, cachedPrompts);
      if (request.method === 'GET' && path.endsWith('/models')) return answerModelList(path, request.headers, response);
      sendJson(response, 404, { error: { message: `no route ${path}`, type: 'not_found' } });
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error), type: 'server_error' } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests,
    replies: replyMap,
    pathReplies,
    acceptedKeys,
    requestCount: (model) => requests.filter((request) => request.body.model === model).length,
    get hangs() {
      return hangs;
    },
    until: (check) =>
      check()
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.add({ check, resolve });
          }),
    reset: () => {
      requests.splice(0);
      hangs = 0;
      counts.clear();
      replyMap.clear();
      pathReplies.clear();
      acceptedKeys.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
