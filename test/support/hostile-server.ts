import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server on 127.0.0.1 that misbehaves on purpose: it echoes the key it received
 * (`Authorization: Bearer`, `x-api-key` or `api-key`) and the value of `X-Custom-Secret` into every
 * field it can. What it does depends on the requested model:
 *
 * - `echo`: a stream whose text arrives one character per event, with the secrets in the text, the
 *   reasoning (or thinking), the `model` field and the `x-request-id` / `request-id` header;
 * - `cut`: the secrets streamed one character per event, then the connection destroyed;
 * - `error`: a 400 whose message and request id carry the secrets;
 * - `garbage`: a valid event, then one that is not JSON and carries the secrets (the SDK would log it);
 * - `thread` (OpenAI format): the same in an `event: thread.run`, which the OpenAI SDK prints to the console itself.
 *
 * Both formats: OpenAI Chat Completions (`/v1/chat/completions`) and Anthropic Messages (`/v1/messages`).
 */
export interface HostileServer {
  url: string;
  /** The secrets as received, by the request that carried them. */
  received: { key: string; secret: string }[];
  close(): Promise<void>;
}

const receivedKey = (request: IncomingMessage) => {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const header = request.headers['x-api-key'] ?? request.headers['api-key'];
  return bearer ?? (Array.isArray(header) ? header[0] : header) ?? '';
};

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function writeEvents(response: ServerResponse, events: string[]) {
  for (const event of events) {
    response.write(event);
    await tick();
  }
}

const openaiChunk = (model: string, delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;

const anthropicEvent = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

async function answerOpenAI(response: ServerResponse, mode: string, key: string, secret: string) {
  const echoed = `${key}+${secret}`;
  const text = `# Echo ${key}\n\nThe key is ${key} and the header is ${secret}.`;
  if (mode === 'error') {
    response.writeHead(400, { 'content-type': 'application/json', 'x-request-id': echoed });
    response.end(JSON.stringify({ error: { message: `invalid key ${key}, header ${secret}`, type: 'invalid_request_error' } }));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': echoed });
  if (mode === 'echo') {
    await writeEvents(response, [
      openaiChunk(echoed, { role: 'assistant', reasoning_content: `thinking of ${key} and ${secret}` }),
      ...[...text].map((character) => openaiChunk(echoed, { content: character })),
      `data: ${JSON.stringify({ id: 'chatcmpl-1', model: echoed, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } })}\n\n`,
      'data: [DONE]\n\n',
    ]);
    response.end();
  } else if (mode === 'cut') {
    await writeEvents(response, [
      openaiChunk(echoed, { role: 'assistant', reasoning_content: `thinking of ${secret}` }),
      ...[...`partial ${key} ${secret}`].map((character) => openaiChunk(echoed, { content: character })),
    ]);
    response.socket?.destroy();
  } else if (mode === 'thread') {
    // An event the OpenAI SDK parses on a path of its own, printing an unparsable one with console.error.
    await writeEvents(response, [
      openaiChunk(echoed, { content: 'Before the thread event. ' }),
      `event: thread.run\ndata: ${key} ${secret}\n\n`,
    ]);
    response.end();
  } else {
    await writeEvents(response, [openaiChunk(echoed, { content: 'Before the garbage. ' }), `data: ${key} ${secret}\n\n`]);
    response.end();
  }
}

async function answerAnthropic(response: ServerResponse, mode: string, key: string, secret: string) {
  const echoed = `${key}+${secret}`;
  const text = `# Echo ${key}\n\nThe key is ${key} and the header is ${secret}.`;
  if (mode === 'error') {
    response.writeHead(400, { 'content-type': 'application/json', 'request-id': echoed });
    response.end(
      JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message: `invalid key ${key}, header ${secret}` } }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': echoed });
  const start = anthropicEvent('message_start', {
    message: { id: 'msg_1', type: 'message', role: 'assistant', model: echoed, content: [], usage: { input_tokens: 5, output_tokens: 0 } },
  });
  const thinking = [
    anthropicEvent('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }),
    anthropicEvent('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: `thinking of ${key} and ${secret}` } }),
    anthropicEvent('content_block_stop', { index: 0 }),
  ];
  const characters = (what: string) => [
    anthropicEvent('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
    ...[...what].map((character) => anthropicEvent('content_block_delta', { index: 1, delta: { type: 'text_delta', text: character } })),
  ];
  if (mode === 'echo') {
    await writeEvents(response, [
      start,
      ...thinking,
      ...characters(text),
      anthropicEvent('content_block_stop', { index: 1 }),
      anthropicEvent('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
      anthropicEvent('message_stop', {}),
    ]);
    response.end();
  } else if (mode === 'cut') {
    await writeEvents(response, [start, ...thinking, ...characters(`partial ${key} ${secret}`)]);
    response.socket?.destroy();
  } else {
    await writeEvents(response, [start, ...characters('Before the garbage. '), `event: content_block_delta\ndata: ${key} ${secret}\n\n`]);
    response.end();
  }
}

export async function startHostileServer(): Promise<HostileServer> {
  const received: HostileServer['received'] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readJson(request);
      const key = receivedKey(request);
      const header = request.headers['x-custom-secret'];
      const secret = (Array.isArray(header) ? header[0] : header) ?? '';
      received.push({ key, secret });
      const mode = String(body.model ?? 'echo');
      if (request.url?.includes('/messages')) await answerAnthropic(response, mode, key, secret);
      else await answerOpenAI(response, mode, key, secret);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
