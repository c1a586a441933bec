// Helpers shared by the bench/ scripts: flag parsing, medians and percentiles, the bundled fake LLM
// server, timed `node` children, the raw-SDK streaming calls the benches compare against, and the
// text of result lines. bench/bare-sdk-calls.mjs, a startup baseline, imports this module too, so it
// must cost next to nothing to load: Node built-ins come from process.getBuiltinModule (an ESM
// `import` of node:fs alone adds ~1 ms of module set-up; those not already loaded, node:child_process
// (~2 ms) among them, are fetched where used) and esbuild is imported only to bundle the fake server.
const { existsSync } = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');

/** The repository root (absolute, with a trailing separator). */
export const root = fileURLToPath(new URL('..', import.meta.url));

/** The CLI's bin script, as `npx wechat-writer` runs it. */
export const bin = path.join(root, 'bin', 'wechat-writer.js');

/** Environment entries that keep a child's requests to the local servers off any proxy. */
export const noProxy = { NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };

/**
 * Reads a whole-number flag, `--name N` or `--name=N`; exits 2 with a message when it is not one ≥ `min`.
 * @param {string} name flag name without the dashes
 * @param {number} fallback value when the flag is absent
 * @param {number} min smallest value accepted
 * @param {string} [expected] how the error message describes a valid value
 * @returns {number}
 */
export function intOption(name, fallback, min, expected = `a whole number ≥ ${min}`) {
  const argv = process.argv.slice(2);
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index === -1) return fallback;
  const raw = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench: --${name} needs ${expected}, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

/**
 * Reads `--runs N` (or `--runs=N`), a positive integer; exits 2 when it is not one.
 * @param {number} fallback runs when the flag is absent
 * @returns {number}
 */
export const parseRuns = (fallback) => intOption('runs', fallback, 1, 'a positive integer');

/**
 * A sorted copy (ascending) of a list of numbers.
 * @param {number[]} values
 * @returns {number[]}
 */
export const sorted = (values) => [...values].sort((a, b) => a - b);

/**
 * The median; the mean of the two middle values for an even count.
 * @param {number[]} values a non-empty list
 * @returns {number}
 */
export function median(values) {
  const list = sorted(values);
  const middle = Math.floor(list.length / 2);
  return list.length % 2 ? list[middle] : (list[middle - 1] + list[middle]) / 2;
}

/**
 * Nearest-rank percentile.
 * @param {number[]} values a non-empty list
 * @param {number} p percentile, 0–100
 * @returns {number}
 */
export const percentile = (values, p) => sorted(values)[Math.max(0, Math.ceil((p / 100) * values.length) - 1)];

/**
 * A duration as fixed-width text: `value.toFixed(digits)` padded to `width`, then " ms".
 * @param {number} value milliseconds
 * @param {number} [digits]
 * @param {number} [width]
 * @returns {string}
 */
export const formatMs = (value, digits = 2, width = 7) => `${value.toFixed(digits).padStart(width)} ms`;

/**
 * The verdict printed next to a target.
 * @param {boolean} met whether the figure met its target
 * @returns {'ok' | 'OVER'}
 */
export const verdict = (met) => (met ? 'ok' : 'OVER');

/** @returns {boolean} whether `npm run build` has produced dist/cli.js. */
export const isBuilt = () => existsSync(path.join(root, 'dist', 'cli.js'));

/** Exits 1 with a message unless dist/cli.js exists. */
export function requireBuild() {
  if (!isBuilt()) {
    console.error('bench: dist/cli.js is missing: run `npm run build` first');
    process.exit(1);
  }
}

/**
 * The caller's environment minus everything that would change what the CLI does (its own settings,
 * provider keys and URLs, OUTPUT_DIR), and minus `alsoDrop`.
 * @param {string[]} [alsoDrop] further variable names to leave out
 * @returns {Record<string, string>}
 */
export function inheritedEnv(alsoDrop = []) {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(WECHAT_WRITER_|OPENAI_|ANTHROPIC_|CLAUDE_|MINIMAX_|OUTPUT_DIR$)/.test(name) && !alsoDrop.includes(name),
    ),
  );
}

/**
 * Bundles test/support/fake-llm-server.ts into `workDir` with esbuild and starts it (127.0.0.1, this process).
 * @param {string} workDir a scratch directory for the bundle
 * @returns {Promise<any>} the FakeLlmServer (openaiBaseURL, anthropicBaseURL, replies, requests, close)
 */
export async function startFakeServer(workDir) {
  const { build } = await import('esbuild');
  const outfile = path.join(workDir, 'fake-llm-server.mjs');
  await build({
    entryPoints: [path.join(root, 'test', 'support', 'fake-llm-server.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  const { startFakeLlmServer } = await import(pathToFileURL(outfile).href);
  return startFakeLlmServer();
}

/**
 * Makes a temporary directory, starts a server in it, runs `body`, then closes the server and removes
 * the directory (also when something throws).
 * @template S
 * @param {string} prefix name prefix of the temporary directory
 * @param {(workDir: string) => Promise<S & { close(): Promise<void> }>} start
 * @param {(server: S, workDir: string) => Promise<void>} body
 */
export async function withServer(prefix, start, body) {
  const { mkdtemp, rm } = process.getBuiltinModule('node:fs/promises');
  const { tmpdir } = process.getBuiltinModule('node:os');
  const workDir = await mkdtemp(path.join(tmpdir(), prefix));
  let server;
  try {
    server = await start(workDir);
    await body(server, workDir);
  } finally {
    await server?.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * @typedef {object} NodeRun
 * @property {number} ms wall time from spawn to exit (the 'close' event)
 * @property {number | null} code exit code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * Spawns `node …args` asynchronously (stdin ignored, output piped) and times it.
 * @param {string[]} args arguments after the node binary
 * @param {{ cwd?: string, env?: Record<string, string>, encoding?: BufferEncoding, onStdout?: (data: string | Buffer) => void }} options
 *   `encoding` is set on the child's stdout; `onStdout` sees each stdout data event first thing
 * @returns {Promise<NodeRun>} resolves when the child exits, whatever its code; rejects when it cannot start
 */
export function runNode(args, { cwd, env, encoding, onStdout } = {}) {
  const { spawn } = process.getBuiltinModule('node:child_process');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (encoding) child.stdout.setEncoding(encoding);
    child.stdout.on('data', (data) => {
      onStdout?.(data);
      stdout += data;
    });
    child.stderr.on('data', (data) => (stderr += data));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ms: performance.now() - started, code, signal, stdout, stderr }));
  });
}

/**
 * The last lines of a failed child's stderr (or its stdout when stderr is empty), for an error message.
 * @param {{ stdout: string, stderr: string }} run
 * @param {number} [count]
 * @returns {string}
 */
export const outputTail = (run, count = 15) => (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-count).join('\n');

/**
 * Runs a bench's `main`; on an error prints `bench: <message>` (or the stack) and sets exit code 1.
 * @param {() => Promise<void>} main
 * @param {{ stack?: boolean }} [options]
 */
export async function runMain(main, { stack = false } = {}) {
  try {
    await main();
  } catch (error) {
    console.error(`bench: ${stack ? (error.stack ?? error.message) : error.message}`);
    process.exitCode = 1;
  }
}

/**
 * One streaming Chat Completions call with the raw `openai` SDK (system + user message, usage asked
 * for), the stream consumed to the end.
 * @param {import('openai').default} client
 * @param {{ model: string, system: string, prompt: string }} request
 * @returns {Promise<{ text: string, usage: object | null }>} the streamed text, and the usage chunk's usage
 */
export async function streamOpenAIChat(client, { model, system, prompt }) {
  const stream = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: prompt },
    ],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    text += chunk.choices?.[0]?.delta?.content ?? '';
    usage = chunk.usage ?? usage;
  }
  return { text, usage };
}

/**
 * One streaming Messages call with the raw `@anthropic-ai/sdk`, the stream consumed to the end.
 * @param {import('@anthropic-ai/sdk').default} client
 * @param {{ model: string, maxTokens: number, system: string, prompt: string }} request
 * @returns {Promise<{ text: string, usage: object | null }>} the text deltas joined, and message_start's usage
 */
export async function streamAnthropicMessages(client, { model, maxTokens, system, prompt }) {
  const stream = await client.messages.create({
    model,
    max_tokens: maxTokens,
    system,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
  });
  let text = '';
  let usage = null;
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_start') usage = event.message.usage;
  }
  return { text, usage };
}

/**
 * Writes the preloaded module that reports a child's peak RSS (`process.resourceUsage().maxRSS`, KB)
 * to the file `BENCH_RSS_FILE` names when it exits; returns its path.
 * @param {string} workDir a scratch directory
 */
export async function writeRssReporter(workDir) {
  const { writeFile } = process.getBuiltinModule('node:fs/promises');
  const file = path.join(workDir, 'report-rss.mjs');
  await writeFile(
    file,
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  return file;
}

/**
 * Runs the CLI (or `script`) once with the RSS reporter preloaded (see writeRssReporter).
 * @param {string[]} args
 * @param {{ cwd: string, env: Record<string, string>, workDir: string, rssReporter: string }} options
 * @param {string} [script] what node runs (default: the CLI's bin)
 * @returns {Promise<NodeRun & { rssMb: number | null }>} the run, and the child's peak RSS in MB
 */
export async function timeRunWithRss(args, options, script = bin) {
  const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
  const rssFile = path.join(options.workDir, `rss-${Math.random().toString(16).slice(2)}.txt`);
  const run = await runNode(['--import', pathToFileURL(options.rssReporter).href, script, ...args], {
    cwd: options.cwd,
    env: { ...options.env, BENCH_RSS_FILE: rssFile },
  });
  const rssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
  return { ...run, rssMb };
}

/**
 * Bundles `exports` (TypeScript `export … from './src/…'` lines) from src/ and test/ into
 * node_modules/.cache (gitignored; libsql resolves from there) and imports the bundle.
 * @param {string} name the bundle's file name, e.g. `store.mjs`
 * @param {string} exports the module's source
 */
export async function importSources(name, exports) {
  const { build } = await import('esbuild');
  const bundleFile = path.join(root, 'node_modules', '.cache', 'wechat-writer-bench', name);
  await build({
    stdin: { contents: exports, resolveDir: root, loader: 'ts' },
    outfile: bundleFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['libsql'],
    logLevel: 'warning',
  });
  return import(pathToFileURL(bundleFile).href);
}

/** The five providers of the matrix benches, each one OpenAI-format model on the fake server. */
export const matrixProviders = ['p1', 'p2', 'p3', 'p4', 'p5'];

/** The topic of the matrix benches' prompt number `index` (from 0). */
export const matrixTopic = (index) => `选题 ${index + 1}：写一篇短文`;

/**
 * Sets up a prompts × 5 models matrix (batch-bench, scale-bench, promptfoo-bench): each provider's
 * model `m-pN` answers after `answerDelayMs`; a `cwd` with the config naming them; the children's
 * environment; and `writePrompts(file, count)` for a JSONL of `count` prompts.
 * @param {any} server the fake server (startFakeServer)
 * @param {string} workDir the bench's scratch directory
 * @param {number} answerDelayMs
 */
export async function prepareMatrix(server, workDir, answerDelayMs) {
  const { mkdir, writeFile } = process.getBuiltinModule('node:fs/promises');
  for (const provider of matrixProviders)
    server.replies.set(`m-${provider}`, { delayMs: answerDelayMs, chunks: [`# ${provider}\n\n`, '正文。'] });
  const cwd = path.join(workDir, 'cwd');
  await mkdir(cwd, { recursive: true });
  const config = matrixProviders
    .map((id) => `  ${id}:\n    type: openai\n    baseURL: ${server.openaiBaseURL}\n    apiKeyEnv: BENCH_KEY\n`)
    .join('');
  await writeFile(path.join(cwd, 'wechat-writer.config.yaml'), `providers:\n${config}`);
  return {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: workDir,
      WECHAT_WRITER_HOME: path.join(workDir, 'home'),
      BENCH_KEY: 'sk-bench',
      ...noProxy,
      FORCE_COLOR: '0',
    },
    models: matrixProviders.map((id) => `${id}:m-${id}`).join(','),
    /** @param {string} file @param {number} count */
    writePrompts: (file, count) =>
      writeFile(
        path.join(cwd, file),
        `${Array.from({ length: count }, (_, index) => JSON.stringify({ id: `t${index + 1}`, prompt: matrixTopic(index) })).join('\n')}\n`,
      ),
  };
}
