import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterConfig } from '../../src/providers/adapter-config.js';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { createAnthropicMessagesModel } from '../../src/providers/wire-formats/anthropic/anthropic-messages-model.js';
import { createOpenAIChatModel } from '../../src/providers/wire-formats/openai/openai-chat-model.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { providerErrorOf } from '../support/use-fake-llm-server.js';

/**
 * A hostile server: gzip bombs, endless streams, one giant SSE line, redirects to another origin.
 * Every assertion is on what the writer keeps and how much memory it takes, never on time.
 */

const MiB = 1024 * 1024;
const secret = 'sk-bounded-test-key-123456';
const customSecret = 'team-secret-value-7890';

interface Listening {
  server: Server;
  url: string;
  seen: { url: string; headers: IncomingMessage['headers']; closed: Promise<void> }[];
}

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Listening> {
  const seen: Listening['seen'] = [];
  const server = createServer((request, response) => {
    const closed = new Promise<void>((resolve) => response.on('close', resolve));
    seen.push({ url: request.url ?? '', headers: request.headers, closed });
    request.resume();
    request.on('end', () => handler(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Writes `next()` until it returns null or the client goes away, waiting for each drain. */
async function pump(response: ServerResponse, next: () => Buffer | string | null): Promise<void> {
  let closed = false;
  let wake = () => {};
  response.on('close', () => {
    closed = true;
    wake();
  });
  response.on('drain', () => wake());
  for (let chunk = next(); chunk !== null && !closed; chunk = next()) {
    if (!response.write(chunk)) await new Promise<void>((resolve) => (wake = resolve));
  }
  if (!closed) response.end();
}

// 16 MiB of zeros gzip to ~16 KB; 64 such members back to back inflate to 1 GiB (gunzip reads on
// through concatenated members), from about 1 MB on the wire.
const bombMember = gzipSync(Buffer.alloc(16 * MiB));
const bombMembers = 64;
const inflatedBomb = bombMembers * 16 * MiB;

const openaiChunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', model: 'gpt-x', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const anthropicDelta = (text: string) =>
  `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`;
const completion = JSON.stringify({
  id: 'c1',
  model: 'gpt-x',
  choices: [{ index: 0, message: { role: 'assistant', content: '# 标题\n正文' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
});

let hostile: Listening;
let other: Listening;

beforeAll(async () => {
  other = await listen((_request, response) => response.end(completion));
  hostile = await listen((request, response) => {
    const route = (request.url ?? '').split('/')[1];
    if (route === 'bomb-json' || route === 'bomb-sse') {
      const type = route === 'bomb-json' ? 'application/json' : 'text/event-stream';
      response.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
      let sent = 0;
      void pump(response, () => (sent++ < bombMembers ? bombMember : null));
    } else if (route === 'endless') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      void pump(response, () => openaiChunk('秋天的第一杯奶茶。'.repeat(4)));
    } else if (route === 'endless-anthropic') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const start = { type: 'message_start', message: { id: 'm1', model: 'claude-x', usage: { input_tokens: 3, output_tokens: 0 } } };
      response.write(`event: message_start\ndata: ${JSON.stringify(start)}\n\n`);
      void pump(response, () => anthropicDelta('秋天的第一杯奶茶。'.repeat(4)));
    } else if (route === 'giant-line') {
      // 50 MB of one `data:` line that never ends, in 64 KB writes.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const piece = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      void pump(response, () => (sent === 0 ? (sent++, 'data: {"x":"') : sent++ * piece.length < 50 * MiB ? piece : null));
    } else if (route === 'redirect-other') {
      response.writeHead(307, { location: `${other.url}/v1/chat/completions` }).end();
    } else if (route === 'redirect-same') {
      response.writeHead(307, { location: '/ok/v1/chat/completions' }).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(completion);
    }
  });
});

afterAll(async () => {
  for (const { server } of [hostile, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const config = (route: string, extra: Partial<AdapterConfig> = {}): AdapterConfig => ({
  provider: 'openai',
  modelId: 'gpt-x',
  apiKey: secret,
  baseURL: `${hostile.url}/${route}/v1`,
  apiKeyEnv: 'OPENAI_API_KEY',
  headers: { 'X-Custom-Secret': customSecret },
  ...extra,
});
const request: GenerateRequest = {
  modelId: 'gpt-x',
  system: null,
  prompt: '写一篇',
  maxTokens: null,
  temperature: null,
  timeoutMs: 10_000,
};

/** Runs `call` and returns how much the process's resident memory grew meanwhile. */
async function rssGrowth<T>(call: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage().rss;
  const value = await call();
  return { value, growth: process.memoryUsage().rss - before };
}

const oneLine = (message: string) => expect(message).not.toContain('\n');

describe('a reply is bounded in bytes and characters', () => {
  it('a gzip bomb as a JSON reply stops at the byte limit with a typed error, not gigabytes in memory', async () => {
    const { value: error, growth } = await rssGrowth(() => providerErrorOf(createOpenAIChatModel(config('bomb-json')).generate(request)));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('the reply exceeded 16 MiB');
    expect(error.message).toContain('WECHAT_WRITER_MAX_REPLY_BYTES');
    oneLine(error.message);
    expect(growth).toBeLessThan(200 * MiB);
    await hostile.seen.at(-1)!.closed;
    expect(growth).toBeLessThan(inflatedBomb / 5);
  });

  it('a gzip bomb as an event stream stops too (it inflates to one endless line: the 1 MiB line limit ends it first)', async () => {
    const model = createOpenAIChatModel(config('bomb-sse', { maxReplyBytes: 2 * MiB }));
    const { value: error, growth } = await rssGrowth(() => providerErrorOf(model.stream(request, () => {})));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.message).toContain('a line longer than 1 MiB');
    expect(growth).toBeLessThan(200 * MiB);
    await hostile.seen.at(-1)!.closed;
  });

  it('one 50 MB SSE line with no newline is cut before the SDK buffers it', async () => {
    const model = createOpenAIChatModel(config('giant-line', { maxReplyBytes: 2 * MiB }));
    const { value: error, growth } = await rssGrowth(() => providerErrorOf(model.stream(request, () => {})));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.message).toContain('a line longer than 1 MiB');
    expect(growth).toBeLessThan(200 * MiB);
    await hostile.seen.at(-1)!.closed;
  });

  it.each(['openai', 'anthropic'] as const)(
    '%s: with the default limits, a line of many MiB fails at 1 MiB as BAD_RESPONSE, before the SDK joins it again and again',
    async (format) => {
      const model =
        format === 'openai'
          ? createOpenAIChatModel(config('giant-line'))
          : createAnthropicMessagesModel({ ...config('giant-line'), baseURL: `${hostile.url}/giant-line` });
      const error = await providerErrorOf(model.stream(request, () => {}));
      expect(error).toMatchObject({ type: 'BAD_RESPONSE', retryable: false });
      expect(error.message).toContain('a line longer than 1 MiB');
      oneLine(error.message);
      await hostile.seen.at(-1)!.closed;
    },
  );

  it('an endless stream stops at the character limit, the text up to it kept (OpenAI format)', async () => {
    const deltas: string[] = [];
    const model = createOpenAIChatModel(config('endless', { maxReplyChars: 5000 }));
    const error = await providerErrorOf(model.stream(request, (delta) => deltas.push(delta.text)));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('5,000 characters');
    expect(error.message).toContain('WECHAT_WRITER_MAX_REPLY_CHARS');
    oneLine(error.message);
    expect(error.partialText).toHaveLength(5000);
    expect(error.partialText!.startsWith('秋天的第一杯奶茶。')).toBe(true);
    expect(deltas.join('')).toBe(error.partialText);
    // The connection is closed, not left open for the server to keep the process alive.
    await hostile.seen.at(-1)!.closed;
  });

  it('a stream over the byte limit keeps the text that arrived before it', async () => {
    const model = createOpenAIChatModel(config('endless', { maxReplyBytes: 64 * 1024 }));
    const error = await providerErrorOf(model.stream(request, () => {}));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.message).toContain('the reply exceeded 65,536 bytes');
    expect(error.partialText!.length).toBeGreaterThan(1000);
    expect(error.partialText!.length).toBeLessThan(64 * 1024);
  });

  it('an endless stream stops at the character limit (Anthropic format)', async () => {
    const model = createAnthropicMessagesModel({
      ...config('endless-anthropic', { maxReplyChars: 3000 }),
      baseURL: `${hostile.url}/endless-anthropic`,
    });
    const error = await providerErrorOf(model.stream({ ...request, modelId: 'claude-x' }, () => {}));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.partialText).toHaveLength(3000);
    expect(error.reply?.responseModel).toBe('claude-x');
    await hostile.seen.at(-1)!.closed;
  });

  it('through the CLI: WECHAT_WRITER_MAX_REPLY_CHARS sets the limit; the result is an error, incomplete, with its text', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-bounded-'));
    const calls = () => hostile.seen.filter((seen) => seen.url.startsWith('/endless/')).length;
    const before = calls();
    const env = { OPENAI_API_KEY: secret, OPENAI_BASE_URL: `${hostile.url}/endless/v1`, WECHAT_WRITER_MAX_REPLY_CHARS: '4096' };
    const run = await runCliInProcess(['-m', 'openai:gpt-x', '--json', '--retries', '3', '秋天'], { cwd, env });
    const [result] = (JSON.parse(run.stdout) as { results: Record<string, unknown>[] }).results;
    expect(result).toMatchObject({ status: 'error', incomplete: true, error: { type: 'BAD_RESPONSE' } });
    expect(JSON.stringify(result)).toContain('秋天的第一杯奶茶');
    // Not retried: the same server would send the same again.
    expect(calls() - before).toBe(1);

    const bad = await runCliInProcess(['-m', 'mock:alpha', '秋天'], { cwd, env: { WECHAT_WRITER_MAX_REPLY_BYTES: 'lots' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toContain('WECHAT_WRITER_MAX_REPLY_BYTES must be a whole number');
    oneLine(bad.stderr.trim());
  });
});

describe('redirects never carry configured headers to another origin', () => {
  it('a 307 to another origin is refused in one line naming it; that server receives nothing', async () => {
    const error = await providerErrorOf(createOpenAIChatModel(config('redirect-other')).generate(request));
    expect(other.seen).toEqual([]);
    expect(error.type).toBe('NETWORK');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`another origin (${other.url})`);
    expect(error.message).toContain('set the base URL');
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(customSecret);
    oneLine(error.message);
  });

  it('a same-origin redirect still works, with the headers', async () => {
    const result = await createOpenAIChatModel(config('redirect-same')).generate(request);
    expect(result.text).toBe('# 标题\n正文');
    const landed = hostile.seen.at(-1)!;
    expect(landed.url).toBe('/ok/v1/chat/completions');
    expect(landed.headers['x-custom-secret']).toBe(customSecret);
    expect(landed.headers.authorization).toBe(`Bearer ${secret}`);
  });
});

describe('input files are bounded', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-bounded-files-'));

  it('a 27 MB config file is refused in one line before parsing (exit 2)', async () => {
    writeFileSync(path.join(cwd, 'big.yaml'), `providers:\n${'  # padding\n'.repeat((27 * MiB) / 12)}`);
    const run = await runCliInProcess(['--config', 'big.yaml', '-m', 'mock:alpha', '秋天'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/the config file big\.yaml is 27\.0 MiB, over the 1 MiB a config file may be/);
    oneLine(run.stderr.trim());
  });

  it('a brief over 2 MiB is refused in one line before any call (exit 2)', async () => {
    writeFileSync(path.join(cwd, 'huge.md'), '写'.repeat(MiB));
    const run = await runCliInProcess(['-m', 'mock:alpha', '-p', 'huge.md'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/the --prompt file "huge\.md" is 3 MiB, over the 2 MiB a brief may be/);
    oneLine(run.stderr.trim());
  });
});
