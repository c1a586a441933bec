// Per-call overhead benchmark: `node bench/call-overhead.mjs [--calls N] [--warmup N] [--chunks N]`
// (or `npm run bench:overhead`; needs no build: src/ is bundled on the fly).
//
// Target (issue 8): in-process overhead per call over the raw SDK ≤ 2 ms (median).
//
// In one process, against test/support/fake-llm-server.ts (run in this process on 127.0.0.1, no delay
// before the headers, `chunkDelayMs: 0` between events), makes N sequential streaming calls (default
// 200, after --warmup 20 of each) per wire format, two ways, interleaved call by call (the order
// swaps every call, so drift, GC and JIT affect both equally):
//   a. the raw SDK: one client made up front (maxRetries 0), `create({ stream: true, … })`, iterate,
//      collect the text and usage — the same request body the adapter sends;
//   b. our stack, as the CLI calls a model: runWithFallbacks (src/run/run-with-fallbacks.ts) →
//      callWithRetries → deps.createModel = createLanguageModel(model, env) — which, like the CLI,
//      builds a fresh adapter and SDK client on every call — then the idle-timeout guard, the
//      think-tag splitter, usage / finish-reason mapping, checkReply, cost and redaction.
// for OpenAI Chat Completions (openai:bench-gpt) and Anthropic Messages (anthropic:bench-claude),
// models resolved with resolveModel() against an env pointing at the fake server. src/ and the fake
// server are bundled with esbuild (splitting, like scripts/build.mjs, so the adapters are real
// dynamic imports; packages external, so a and b run the very same SDK code from node_modules) into
// node_modules/.cache/wechat-writer-bench/ (gitignored).
//
// Reports per call: median and p90 wall time, median CPU time (process.cpuUsage: server + client,
// the server's share is the same for both), and the overhead b − a as the median of the paired
// differences next to the target. Note: the fake server waits ≥ 1 ms (a timer) between stream events
// even at `chunkDelayMs: 0`, so per-chunk client work that fits in that gap is hidden in wall time; the
// CPU line shows it. A benchmark, not a test: exits 0 whatever the figures, 1 only when a call fails.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  formatMs,
  intOption,
  median,
  percentile,
  root,
  runMain,
  streamAnthropicMessages,
  streamOpenAIChat,
  verdict,
} from './bench-support.mjs';

const targetMs = 2;

const calls = intOption('calls', 200, 1);
const warmup = intOption('warmup', 20, 0);
const chunkCount = intOption('chunks', 20, 1);

/** Bundles the src/ modules the bench calls, and the fake server, into one entry (plus chunks). */
async function loadModules() {
  const outdir = path.join(root, 'node_modules', '.cache', 'wechat-writer-bench', 'call-overhead');
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    stdin: {
      contents: `export { startFakeLlmServer } from './test/support/fake-llm-server.ts';
        export { createLanguageModel } from './src/providers/create-language-model.ts';
        export { runWithFallbacks } from './src/run/run-with-fallbacks.ts';
        export { resolveModel } from './src/providers/registry.ts';
        export { defaultRetryPolicy } from './src/run/retry-policy.ts';
        export { defaultTimeoutMs } from './src/plan/build-run-plan.ts';
        export { defaultSystemPrompt, promptFromTopic } from './src/plan/default-system-prompt.ts';
        export { defaultAnthropicMaxTokens } from './src/providers/wire-formats/anthropic/anthropic-messages-model.ts';`,
      resolveDir: root,
      sourcefile: 'call-overhead-entry.ts',
      loader: 'ts',
    },
    outdir,
    entryNames: 'entry',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(path.join(outdir, 'entry.js')).href);
}

async function sdkVersion(name) {
  const file = path.join(root, 'node_modules', ...name.split('/'), 'package.json');
  return JSON.parse(await readFile(file, 'utf8')).version;
}

/** The reply pieces: `count` pieces of ~12 Chinese characters, as a model streams an article. */
function replyChunks(count) {
  const text = '冬天的第一杯咖啡，总是带着一点仪式感。我们把肉桂、橙皮和黑糖放进拿铁，让香气慢慢散开。';
  return Array.from({ length: count }, (_, index) => text.slice((index * 12) % 36, ((index * 12) % 36) + 12));
}

/** Times one call: wall ms and CPU ms (user + system, whole process). */
async function timed(call) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const text = await call();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, text };
}

/** Runs `raw` and `stack` alternately (order swapped every call); checks each returned the expected text. */
async function interleave(label, raw, stack, expected) {
  const check = (variant, text) => {
    if (text !== expected) throw new Error(`${label} ${variant} returned ${JSON.stringify(text.slice(0, 80))}…, not the reply sent`);
  };
  const runPair = async (index) => {
    const order = index % 2 === 0 ? ['raw', 'stack'] : ['stack', 'raw'];
    const pair = {};
    for (const variant of order) {
      pair[variant] = await timed(variant === 'raw' ? raw : stack);
      check(variant, pair[variant].text);
    }
    return pair;
  };
  for (let index = 0; index < warmup; index += 1) await runPair(index);
  const pairs = [];
  for (let index = 0; index < calls; index += 1) pairs.push(await runPair(index));
  return pairs;
}

function report(label, pairs) {
  const pick = (variant, key) => pairs.map((pair) => pair[variant][key]);
  const ms = (value, width = 7) => formatMs(value, 2, width);
  const row = (name, variant) =>
    `  ${name.padEnd(46)}${ms(median(pick(variant, 'wallMs')))}${ms(percentile(pick(variant, 'wallMs'), 90))}${ms(median(pick(variant, 'cpuMs')), 9)}`;
  const overhead = median(pairs.map((pair) => pair.stack.wallMs - pair.raw.wallMs));
  const cpuOverhead = median(pairs.map((pair) => pair.stack.cpuMs - pair.raw.cpuMs));
  const ofMedians = median(pick('stack', 'wallMs')) - median(pick('raw', 'wallMs'));
  console.log(label);
  console.log(`  ${''.padEnd(46)}${'median'.padStart(10)}${'p90'.padStart(10)}${'cpu median'.padStart(12)}`);
  console.log(row('a. raw SDK (one client)', 'raw'));
  console.log(row('b. runWithFallbacks + createLanguageModel', 'stack'));
  console.log(
    `  ${'overhead b − a (median of paired differences)'.padEnd(46)}${ms(overhead)}   target ≤ ${targetMs} ms  ${verdict(overhead <= targetMs)}`,
  );
  console.log(`  ${'  difference of the medians'.padEnd(46)}${ms(ofMedians)}`);
  console.log(`  ${'  CPU overhead (median of paired differences)'.padEnd(46)}${ms(cpuOverhead)}`);
}

async function main() {
  const modules = await loadModules();
  const { startFakeLlmServer, createLanguageModel, runWithFallbacks, resolveModel } = modules;
  const chunks = replyChunks(chunkCount);
  const expected = chunks.join('');
  const server = await startFakeLlmServer({
    'bench-gpt': { chunks, chunkDelayMs: 0 },
    'bench-claude': { chunks, chunkDelayMs: 0 },
  });
  try {
    const env = {
      OPENAI_BASE_URL: server.openaiBaseURL,
      OPENAI_API_KEY: 'sk-bench',
      ANTHROPIC_BASE_URL: server.anthropicBaseURL,
      ANTHROPIC_API_KEY: 'sk-ant-bench',
    };
    const system = modules.defaultSystemPrompt;
    const prompt = modules.promptFromTopic('咖啡店的冬季新品');

    // b. What the CLI does per model per call (src/commands/compare/run-compare.ts → run-models.ts).
    const interrupt = new AbortController(); // the CLI always passes its Ctrl-C signal
    const task = {
      system,
      prompt,
      maxTokens: null,
      temperature: null,
      timeoutMs: modules.defaultTimeoutMs,
      stream: true,
      cache: false,
      retryPolicy: modules.defaultRetryPolicy,
    };
    const viaStack = (spec) => {
      const model = resolveModel(spec, env);
      return async () => {
        let streamed = '';
        const deps = {
          createModel: (target) => createLanguageModel(target, env),
          now: () => performance.now(),
          sleep: (milliseconds, signal) => sleep(milliseconds, undefined, { signal }),
          signal: interrupt.signal,
          events: { delta: (_model, text) => (streamed += text) },
        };
        const result = await runWithFallbacks([model], task, deps, { leftMs: task.retryPolicy.runBudgetMs });
        if (result.status !== 'ok') throw new Error(`${spec} failed: ${result.error?.message}`);
        if (streamed !== result.text) throw new Error(`${spec}: streamed text differs from the result text`);
        return result.text;
      };
    };

    // a. The raw SDKs: one client each, the same request body as the adapters send.
    const { default: OpenAI } = await import('openai');
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const openai = new OpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, maxRetries: 0 });
    const anthropic = new Anthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, maxRetries: 0 });
    const rawOpenAI = async () => {
      const { text, usage } = await streamOpenAIChat(openai, { model: 'bench-gpt', system, prompt });
      if (!usage) throw new Error('raw openai call got no usage');
      return text;
    };
    const rawAnthropic = async () => {
      const request = { model: 'bench-claude', maxTokens: modules.defaultAnthropicMaxTokens, system, prompt };
      const { text, usage } = await streamAnthropicMessages(anthropic, request);
      if (!usage) throw new Error('raw anthropic call got no usage');
      return text;
    };

    const versions = `openai ${await sdkVersion('openai')}, @anthropic-ai/sdk ${await sdkVersion('@anthropic-ai/sdk')}`;
    console.log(
      `wechat-writer call overhead (node ${process.version}, ${versions}; ${calls} calls each after ${warmup} warm-up, ` +
        `interleaved; ${chunkCount} text chunks per reply, fake server in-process, chunkDelayMs 0)`,
    );
    const openaiPairs = await interleave('openai', rawOpenAI, viaStack('openai:bench-gpt'), expected);
    report('openai:bench-gpt (Chat Completions, streaming)', openaiPairs);
    const anthropicPairs = await interleave('anthropic', rawAnthropic, viaStack('anthropic:bench-claude'), expected);
    report('anthropic:bench-claude (Messages, streaming)', anthropicPairs);

    const expectedRequests = 4 * (calls + warmup);
    if (server.requests.length !== expectedRequests) {
      throw new Error(`the fake server saw ${server.requests.length} requests, expected ${expectedRequests}`);
    }
    console.log(
      'note: b builds a new adapter and SDK client on every call (the runner now reuses one per model and key within a\n' +
        '      run, so this is an upper bound); the fake server waits ≥ 1 ms\n' +
        '      between stream events, so per-chunk client work mostly shows in the CPU figures, not in wall time.',
    );
  } finally {
    await server.close();
  }
}

await runMain(main, { stack: true });
