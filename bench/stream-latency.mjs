// Streaming latency benchmark: `node bench/stream-latency.mjs [--runs N] [--chunks N] [--gap MS]`
// (or `npm run bench:stream`; needs `npm run build` first).
//
// Target (issue 8): a streamed token is on screen within 5 ms of its arrival.
//
// Starts a minimal OpenAI Chat Completions SSE server in this process on 127.0.0.1 (the event shape of
// test/support/fake-llm-server.ts: a role chunk, one content chunk per piece, the finish chunk, the
// usage chunk when asked for, `[DONE]`) that streams --chunks pieces (default 40) --gap ms apart
// (default 20), each ending in a unique marker `⟦i⟧`, and records performance.now() right after each
// response.write(). Spawns the built CLI asynchronously:
//   wechat-writer --live --models openai:bench-gpt "题目"
// (OPENAI_BASE_URL → this server, OPENAI_API_KEY=sk-bench, FORCE_COLOR=0, temporary cwd and
// WECHAT_WRITER_HOME, WECHAT_WRITER_NO_HISTORY=1) and notes, on this process's clock, the stdout data
// event in which each marker is first complete. Delay = seen on stdout − written by the server.
// Reports median, p90 and max over all markers of --runs runs (default 5) next to the target, how many
// pieces took longer than 5 ms, and the first piece alone (cold paths: first parse, first write).
// src/ui/live-text-reporter.ts writes each delta to process.stdout as it arrives, with no buffering of
// its own (and Node writes to pipes and terminals synchronously on Linux and macOS).
//
// The figure includes the loopback socket (server → CLI) and the pipe (CLI → this process), so it is
// an upper bound on the CLI's own delay. For scale, the same is measured, interleaved run by run, for
// a bare child that streams with the raw `openai` SDK and writes each delta straight to stdout: the
// floor that transport, SDK parsing and a stdout write cost without the CLI. A benchmark, not a test:
// exits 0 whatever the figures, 1 only when a run fails (non-zero exit, a marker missing).
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  bin,
  formatMs,
  inheritedEnv,
  intOption,
  median,
  noProxy,
  outputTail,
  percentile,
  requireBuild,
  runMain,
  runNode,
  verdict,
  withServer,
} from './bench-support.mjs';

const targetMs = 5;

const runs = intOption('runs', 5, 1);
const chunkCount = intOption('chunks', 40, 1);
const gapMs = intOption('gap', 20, 0);

const marker = (index) => `⟦${index}⟧`;
const markerPattern = /⟦(\d+)⟧/g;
/** Piece i: a few words of an article, then its marker (so the marker arrives only with the whole piece). */
const piece = (index) =>
  `${index === 0 ? '# 冬季新品\n\n' : ''}第${index + 1}句，肉桂和橙皮的香气慢慢散开。${marker(index)}${index % 8 === 7 ? '\n\n' : ''}`;

/**
 * A minimal OpenAI streaming server. `current` is the run being measured: its server write times go
 * into `current.writtenAt[i]` (performance.now() right after writing piece i).
 */
async function startServer() {
  let current = null;
  let requests = 0;
  const sockets = new Set();
  const server = createServer(async (request, response) => {
    const parts = [];
    for await (const part of request) parts.push(part);
    requests += 1;
    const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions') || !body.stream) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}`, type: 'not_found' } }));
      return;
    }
    const run = current;
    const id = 'chatcmpl-bench1';
    const created = 1_790_000_000;
    const model = `${body.model}-served`;
    const chunk = (choices, extra = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_bench_1' });
    response.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    await sleep(gapMs);
    for (let index = 0; index < chunkCount; index += 1) {
      response.write(chunk([{ index: 0, delta: { content: piece(index) }, finish_reason: null }]));
      if (run) run.writtenAt[index] = performance.now();
      await sleep(gapMs);
    }
    response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    if (body.stream_options?.include_usage === true) {
      response.write(chunk([], { usage: { prompt_tokens: 11, completion_tokens: chunkCount, total_tokens: 11 + chunkCount } }));
    }
    response.end('data: [DONE]\n\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${server.address().port}/v1`,
    get requests() {
      return requests;
    },
    measure: (run) => (current = run),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Environment for the children: the caller's, minus anything that would change what the CLI does. */
function childEnv(baseURL, workDir) {
  return {
    ...inheritedEnv(['NO_COLOR']),
    OPENAI_BASE_URL: baseURL,
    OPENAI_API_KEY: 'sk-bench',
    FORCE_COLOR: '0',
    WECHAT_WRITER_HOME: path.join(workDir, 'home'),
    WECHAT_WRITER_NO_HISTORY: '1',
    ...noProxy,
  };
}

/** The baseline child: raw `openai` SDK, each delta written straight to stdout. */
function bareScript() {
  const openaiUrl = import.meta.resolve('openai');
  // process.stdout is made lazily on first use: make it up front, as the CLI does (createNodeIO).
  return `const stdout = process.stdout;
const { default: OpenAI } = await import(${JSON.stringify(openaiUrl)});
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 });
const stream = await client.chat.completions.create({
  model: 'bench-gpt',
  messages: [{ role: 'user', content: '题目' }],
  stream: true,
  stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  const text = chunk.choices?.[0]?.delta?.content;
  if (text) stdout.write(text);
}
stdout.write('\\n');`;
}

/** Spawns one child, records when each marker is first complete on its stdout; resolves when it exits. */
async function measureRun(server, label, args, options) {
  const run = { writtenAt: [], seenAt: [] };
  let stdout = '';
  const onStdout = (data) => {
    const now = performance.now();
    // Rescan from a little before the new data: a marker may have started in the previous event.
    const from = Math.max(0, stdout.length - 16);
    stdout += data;
    markerPattern.lastIndex = from;
    for (const match of stdout.matchAll(markerPattern)) {
      const index = Number(match[1]);
      run.seenAt[index] ??= now;
    }
  };
  server.measure(run);
  // The encoding decodes characters split across data events.
  const child = await runNode(args, { ...options, encoding: 'utf8', onStdout }).finally(() => server.measure(null));
  const missing = Array.from({ length: chunkCount }, (_, index) => index).filter(
    (index) => run.seenAt[index] === undefined || run.writtenAt[index] === undefined,
  );
  if (child.code !== 0 || missing.length > 0) {
    const problem =
      child.code !== 0 ? `exited with ${child.signal ?? `code ${child.code}`}` : `never showed marker(s) ${missing.slice(0, 5).join(', ')}`;
    throw new Error(`${label} ${problem}\n${outputTail(child)}`);
  }
  return run.seenAt.map((seen, index) => ({ index, delayMs: seen - run.writtenAt[index] }));
}

function summary(label, delays, target) {
  const values = delays.map((delay) => delay.delayMs);
  const worst = delays.reduce((max, delay) => (delay.delayMs > max.delayMs ? delay : max));
  const over = values.filter((value) => value > targetMs).length;
  let line = `  ${label.padEnd(42)}${formatMs(median(values))}${formatMs(percentile(values, 90))}${formatMs(worst.delayMs)}`;
  line += `  ${`${over}/${values.length}`.padStart(7)} > ${targetMs} ms  (max at piece ${String(worst.index).padEnd(2)})`;
  if (target !== undefined) {
    const p90 = percentile(values, 90);
    line += `   target ≤ ${target} ms: median ${verdict(median(values) <= target)}, p90 ${verdict(p90 <= target)}`;
  }
  return line;
}

async function main() {
  requireBuild();
  await withServer('wechat-writer-stream-bench-', startServer, async (server, workDir) => {
    const cwd = path.join(workDir, 'cwd');
    await mkdir(cwd, { recursive: true });
    const env = childEnv(server.baseURL, workDir);
    const commands = [
      { key: 'cli', label: 'wechat-writer --live', args: [bin, '--live', '--models', 'openai:bench-gpt', '题目'] },
      { key: 'bare', label: 'bare SDK child (floor)', args: ['--input-type=module', '-e', bareScript()] },
    ];
    const delays = { cli: [], bare: [] };
    const perRun = [];
    for (let round = 0; round < runs; round += 1) {
      const order = round % 2 === 0 ? commands : [...commands].reverse();
      for (const command of order) {
        const run = await measureRun(server, command.label, command.args, { cwd, env });
        delays[command.key].push(...run);
        if (command.key === 'cli') perRun.push(median(run.map((delay) => delay.delayMs)));
      }
    }
    if (server.requests !== runs * commands.length) {
      throw new Error(`the server saw ${server.requests} requests, expected ${runs * commands.length}`);
    }

    console.log(
      `wechat-writer stream latency (node ${process.version}; ${runs} runs × ${chunkCount} pieces ${gapMs} ms apart, ` +
        `delay = marker complete on the child's stdout − server write)`,
    );
    console.log(`  ${''.padEnd(42)}${'median'.padStart(10)}${'p90'.padStart(10)}${'max'.padStart(10)}`);
    console.log(summary(commands[0].label, delays.cli, targetMs));
    console.log(summary(commands[1].label, delays.bare));
    // The first piece takes the cold paths (first parse, first delta, first write): shown apart.
    const first = (list) => list.filter((delay) => delay.index === 0);
    console.log(summary(`${commands[0].label}, first piece only`, first(delays.cli)));
    console.log(summary(`${commands[1].label.replace(' (floor)', '')}, first piece only`, first(delays.bare)));
    const overFloor = median(delays.cli.map((delay) => delay.delayMs)) - median(delays.bare.map((delay) => delay.delayMs));
    console.log(`  ${'CLI median − floor median'.padEnd(42)}${formatMs(overFloor)}`);
    console.log(`  per-run medians (CLI): ${perRun.map((value) => value.toFixed(2)).join(', ')} ms`);
    console.log(
      'note: delays include the loopback socket (server → child) and the pipe (child → this process): an upper bound\n' +
        "      on the CLI's own delay; the bare SDK child shows that floor. Outliers (tens of ms) that show in both\n" +
        "      rows are the machine's (scheduling, other load on its cores): compare the rows before blaming the CLI.",
    );
  });
}

await runMain(main);
