import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  anthropicBatch,
  nowSeconds,
  openaiBatch,
  readMultipart,
  resultLine,
  type FakeBatch,
  type FakeBatchCell,
} from '../batch-api/fake-batch-wire.js';

export type { FakeBatch, FakeBatchCell };

/**
 * A local server (127.0.0.1, random port) speaking both batch wire formats as documented:
 * OpenAI `POST /v1/files` (multipart), `POST /v1/batches`, `GET /v1/batches/{id}`,
 * `POST /v1/batches/{id}/cancel`, `GET /v1/files/{id}/content`; Anthropic `POST /v1/messages/batches`,
 * `GET /v1/messages/batches/{id}`, `GET …/results`, `POST …/cancel`. Object shapes follow the
 * OpenAI API reference's batch and file objects and "request output object", and the Anthropic SDK's
 * `MessageBatch` / `MessageBatchIndividualResponse` types (openai 6.49, @anthropic-ai/sdk 1.12).
 * Nothing moves by itself: the test drives each batch (`advance`, `process`, `expire`), or sets
 * `advanceAfterPolls`. Each server keeps its own state (tests run in shared threads).
 */

/** One request as received. `body` is parsed JSON, or for a multipart upload `{ purpose, filename, content }`. */
export interface RecordedBatchRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeBatchServer {
  url: string;
  /** For the OpenAI SDK (`…/v1`). */
  openaiBaseURL: string;
  /** For the Anthropic SDK (it adds `/v1/messages/batches`). */
  anthropicBaseURL: string;
  requests: RecordedBatchRequest[];
  /** When not empty, only these keys (Bearer or x-api-key) are accepted; others get the format's 401. */
  acceptedKeys: Set<string>;
  cells: Map<string, FakeBatchCell>;
  batches: Map<string, FakeBatch>;
  files: Map<string, string>;
  /** Advance a batch one step after every N status polls (null: only when the test says). */
  advanceAfterPolls: number | null;
  /** Put the key the caller sent into every reply text and error message (a hostile proxy). */
  echoKey: boolean;
  /** Pad every result line with this many bytes (a result file over the file limit). */
  padEveryLine: number;
  /** Leave cells the batch never ran out of the OpenAI error file (the status alone says why). */
  omitNotRunLines: boolean;
  /** Anthropic `results_url` at this origin instead of the server's own. */
  resultsOrigin: string | null;
  /** Answer `METHOD /path` (e.g. `POST /v1/batches`) with this status and body instead (5xx, garbage, …). */
  answers: Map<string, { status: number; body: unknown }>;
  /** Send the first result line of a download, then nothing more (a stalled download). */
  stallDownloads: boolean;
  /** OpenAI: refuse the input file at validation (status `failed`, these errors). */
  failValidation: { code: string; message: string; line?: number }[] | null;
  /** Moves a batch one step: validating → in_progress → finalizing → completed; in_progress → ended; cancelling → cancelled. */
  advance(batchId: string): void;
  /** Marks the first `count` cells processed (their results are in the files once the batch ends). */
  process(batchId: string, count: number): void;
  /** Ends the batch as expired: processed cells keep their results, the others expire. */
  expire(batchId: string): void;
  /** Runs the batch to its end. */
  finish(batchId: string): void;
  /** The one batch (most tests have one). */
  only(): FakeBatch;
  close(): Promise<void>;
}

async function readRaw(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${status}` });
  response.end(JSON.stringify(body));
};

const keyOf = (request: IncomingMessage) =>
  (request.headers['x-api-key'] as string | undefined) ?? /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';

export async function startFakeBatchServer(): Promise<FakeBatchServer> {
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${(counter += 1).toString().padStart(4, '0')}`;

  /** At the end of an OpenAI batch: the output file (successes) and error file (failures, cells not run). */
  const writeFiles = (batch: FakeBatch, key: string) => {
    const lines = batch.cells.map((cell) => ({ cell, line: resultLine(server, batch, cell, key) }));
    const ok = lines.filter(({ cell, line }) => line !== null && cell.done && !server.cells.get(cell.customId)?.error);
    const bad = lines.filter((entry) => entry.line !== null && !ok.includes(entry));
    const store = (entries: typeof lines) => {
      if (entries.length === 0) return null;
      const id = nextId('file-out');
      server.files.set(id, entries.map(({ line }) => `${line}\n`).join(''));
      return id;
    };
    batch.outputFileId = store(ok);
    batch.errorFileId = store(bad);
  };

  const lastKey = new Map<string, string>();
  const end = (batch: FakeBatch, status: string, notRun: FakeBatch['notRun']) => {
    batch.status = status;
    batch.notRun = notRun;
    if (batch.format === 'openai') writeFiles(batch, lastKey.get(batch.id) ?? '');
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readRaw(request);
    const path = (request.url ?? '').split('?')[0] ?? '';
    const contentType = request.headers['content-type'] ?? '';
    let body: unknown = {};
    if (contentType.startsWith('multipart/form-data')) {
      const parts = readMultipart(raw, contentType);
      body = { purpose: parts.purpose?.content, filename: parts.file?.filename, content: parts.file?.content ?? '' };
    } else if (raw.length > 0) body = JSON.parse(raw.toString('utf8')) as unknown;
    server.requests.push({ method: request.method ?? '', path, headers: request.headers, body });
    const key = keyOf(request);
    const anthropic = path.startsWith('/v1/messages/');
    if (server.acceptedKeys.size > 0 && !server.acceptedKeys.has(key)) {
      const echoed = server.echoKey ? key : `${key.slice(0, 3)}****`;
      return anthropic
        ? sendJson(response, 401, { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${echoed}` } })
        : sendJson(response, 401, {
            error: {
              message: `Incorrect API key provided: ${echoed}.`,
              type: 'invalid_request_error',
              param: null,
              code: 'invalid_api_key',
            },
          });
    }
    const answer = server.answers.get(`${request.method} ${path}`);
    if (answer) return sendJson(response, answer.status, answer.body);
    const parts = path.split('/').filter(Boolean); // v1, batches|files|messages, …
    const batch = server.batches.get(anthropic ? (parts[3] ?? '') : (parts[2] ?? ''));
    if (batch) lastKey.set(batch.id, key);
    const show = (found: FakeBatch) =>
      sendJson(response, 200, found.format === 'anthropic' ? anthropicBatch(server, found) : openaiBatch(server, found));
    const notFound = () => sendJson(response, 404, { error: { message: `No such object: ${path}`, type: 'invalid_request_error' } });

    if (request.method === 'POST' && path === '/v1/files') {
      const upload = body as { purpose?: string; filename?: string; content: string };
      const id = nextId('file-in');
      server.files.set(id, upload.content);
      const bytes = Buffer.byteLength(upload.content);
      return sendJson(response, 200, {
        id,
        object: 'file',
        bytes,
        created_at: nowSeconds,
        filename: upload.filename,
        purpose: upload.purpose,
        status: 'processed',
      });
    }
    if (request.method === 'POST' && (path === '/v1/batches' || path === '/v1/messages/batches')) {
      const lines: { custom_id: string; body?: { model: string }; params?: { model: string } }[] = anthropic
        ? (body as { requests: never[] }).requests
        : (server.files.get((body as { input_file_id: string }).input_file_id) ?? '')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line));
      const created: FakeBatch = {
        id: nextId(anthropic ? 'msgbatch_' : 'batch_'),
        format: anthropic ? 'anthropic' : 'openai',
        status: anthropic ? 'in_progress' : 'validating',
        cells: lines.map((line) => ({ customId: line.custom_id, model: (line.body ?? line.params)?.model ?? '', done: false })),
        notRun: null,
        polls: 0,
        inputFileId: anthropic ? null : (body as { input_file_id: string }).input_file_id,
        outputFileId: null,
        errorFileId: null,
      };
      server.batches.set(created.id, created);
      lastKey.set(created.id, key);
      return show(created);
    }
    /** A download, or (`stallDownloads`) its first line and then silence. */
    const download = (contentType: string, text: string) => {
      response.writeHead(200, { 'content-type': contentType });
      if (server.stallDownloads) return void response.write(text.slice(0, text.indexOf('\n') + 1));
      response.end(text);
    };
    if (request.method === 'GET' && path.endsWith('/results') && batch?.status === 'ended') {
      return download('application/binary', batch.cells.map((cell) => `${resultLine(server, batch, cell, key)}\n`).join(''));
    }
    if (request.method === 'GET' && batch && parts.length === (anthropic ? 4 : 3)) {
      batch.polls += 1;
      if (server.advanceAfterPolls !== null && batch.polls % server.advanceAfterPolls === 0) server.advance(batch.id);
      return show(batch);
    }
    if (request.method === 'POST' && batch && path.endsWith('/cancel')) {
      if (['in_progress', 'validating', 'finalizing'].includes(batch.status)) batch.status = anthropic ? 'canceling' : 'cancelling';
      return show(batch);
    }
    const file = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (request.method === 'GET' && file && server.files.has(file[1]!))
      return download('application/octet-stream', server.files.get(file[1]!)!);
    const fileId = /^\/v1\/files\/([^/]+)$/.exec(path)?.[1];
    if (request.method === 'DELETE' && fileId && server.files.delete(fileId)) {
      return sendJson(response, 200, { id: fileId, object: 'file', deleted: true });
    }
    return notFound();
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      sendJson(response, 500, { error: { message: String(error), type: 'server_error' } }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const get = (batchId: string) => {
    const batch = server.batches.get(batchId);
    if (!batch) throw new Error(`fake batch server: no batch ${batchId}`);
    return batch;
  };

  const server: FakeBatchServer = {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests: [],
    acceptedKeys: new Set(),
    cells: new Map(),
    batches: new Map(),
    files: new Map(),
    advanceAfterPolls: null,
    echoKey: false,
    padEveryLine: 0,
    omitNotRunLines: false,
    resultsOrigin: null,
    answers: new Map(),
    stallDownloads: false,
    failValidation: null,
    advance(batchId) {
      const batch = get(batchId);
      const next: Record<string, () => void> = {
        validating: () => (server.failValidation ? end(batch, 'failed', null) : void (batch.status = 'in_progress')),
        in_progress: () => {
          server.process(batchId, batch.cells.length);
          if (batch.format === 'anthropic') end(batch, 'ended', null);
          else batch.status = 'finalizing';
        },
        finalizing: () => end(batch, 'completed', null),
        cancelling: () => end(batch, 'cancelled', 'cancelled'),
        canceling: () => end(batch, 'ended', 'cancelled'),
      };
      next[batch.status]?.();
    },
    process(batchId, count) {
      for (const cell of get(batchId).cells.slice(0, count)) cell.done = true;
    },
    expire(batchId) {
      const batch = get(batchId);
      end(batch, batch.format === 'anthropic' ? 'ended' : 'expired', 'expired');
    },
    finish(batchId) {
      for (let step = 0; step < 5 && !['completed', 'ended', 'cancelled', 'expired', 'failed'].includes(get(batchId).status); step += 1) {
        server.advance(batchId);
      }
    },
    only() {
      const [batch, ...others] = server.batches.values();
      if (!batch || others.length > 0) throw new Error(`fake batch server: ${server.batches.size} batches, not one`);
      return batch;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
  return server;
}
