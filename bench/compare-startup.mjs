// Startup and overhead benchmark: `node bench/compare-startup.mjs [--runs N]` (or `npm run bench`).
//
// Measures the median wall time (spawn → exit, N runs each after one warm-up, commands interleaved)
// of:
//   - `node -e 0`, the floor any Node CLI pays;
//   - `wechat-writer --version`                        target ≤ 1.50× `node -e 0`;
//   - bench/bare-sdk-calls.mjs: both SDKs imported, the same two streaming calls, nothing else;
//   - a 2-model run (openai:bench-gpt + anthropic:bench-claude)  target ≤ 1.00× the bare SDK script;
//   - a mock-only run (mock:alpha + mock:beta), for information.
// Both network runs talk to test/support/fake-llm-server.ts (bundled on the fly with esbuild), which
// runs in this process on 127.0.0.1 and answers at once; the children are spawned asynchronously so
// it can. The CLI runs in a temporary cwd (no .env). A benchmark, not a test: it exits 0 whatever the
// ratios, and 1 only when a run itself fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'wechat-writer.js');
const bareScript = path.join(root, 'bench', 'bare-sdk-calls.mjs');

function parseRuns(argv) {
  const index = argv.findIndex((arg) => arg === '--runs' || arg.startsWith('--runs='));
  if (index === -1) return 15;
  const value = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  const runs = Number(value);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`bench: --runs needs a positive integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return runs;
}

/** Environment for the children: the caller's, minus anything that would change what the CLI does. */
function childEnv(server) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(WECHAT_WRITER_|OPENAI_|ANTHROPIC_|CLAUDE_|MINIMAX_|OUTPUT_DIR$)/.test(name)),
  );
  return {
    ...env,
    OPENAI_BASE_URL: server.openaiBaseURL,
    ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    OPENAI_API_KEY: 'sk-bench',
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    NO_PROXY: '127.0.0.1',
    no_proxy: '127.0.0.1',
  };
}

/** Runs one command asynchronously; resolves with its wall time in ms and its output. */
function timeRun(command, options) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, command.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ms: performance.now() - started, code, signal, stdout, stderr }));
  });
}

/** Throws with a readable message unless the run exited 0 (and passes the command's own check). */
function verify(command, run) {
  const problem = run.code !== 0 ? `exited with ${run.signal ?? `code ${run.code}`}` : command.check ? command.check(run.stdout) : null;
  if (problem) {
    const tail = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-15).join('\n');
    throw new Error(`${command.label} ${problem}\n  command: node ${command.args.join(' ')}\n${tail}`);
  }
}

/** The 2-model and mock runs must print a JSON report with two results, both "ok". */
function checkTwoOk(stdout) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return `printed no JSON report: ${stdout.slice(0, 200)}`;
  }
  const results = report.results ?? [];
  const ok = results.filter((result) => result.status === 'ok').length;
  if (results.length !== 2 || ok !== 2) {
    const errors = results.map((result) => `${result.model}: ${result.status}${result.error ? ` (${result.error.message})` : ''}`);
    return `returned ${ok}/${results.length} ok results instead of 2/2: ${errors.join('; ')}`;
  }
  return null;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function startServer(workDir) {
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

async function main() {
  const runs = parseRuns(process.argv.slice(2));
  if (!existsSync(path.join(root, 'dist', 'cli.js'))) {
    console.error('bench: dist/cli.js is missing: run `npm run build` first');
    process.exit(1);
  }

  const workDir = await mkdtemp(path.join(tmpdir(), 'wechat-writer-bench-'));
  let server;
  try {
    server = await startServer(workDir);
    const cwd = path.join(workDir, 'cwd');
    const outDir = path.join(workDir, 'out');
    const brief = path.join(cwd, 'brief.md');
    await mkdir(cwd, { recursive: true });
    await writeFile(brief, '# 咖啡店的冬季新品\n\nWrite a short WeChat article about our winter coffee menu.\n');
    const env = childEnv(server);
    const cliRun = (models) => [bin, '--models', models, '--prompt', brief, '--json', '--out', outDir];

    const commands = {
      node: { label: 'node -e 0', args: ['-e', '0'] },
      version: { label: 'wechat-writer --version', args: [bin, '--version'] },
      bare: { label: 'bare SDK script (2 calls)', args: [bareScript] },
      twoModel: { label: 'wechat-writer 2-model run', args: cliRun('openai:bench-gpt,anthropic:bench-claude'), check: checkTwoOk },
      mock: { label: 'wechat-writer mock-only run', args: cliRun('mock:alpha,mock:beta'), check: checkTwoOk },
    };
    const list = Object.values(commands);
    const times = new Map(list.map((command) => [command, []]));

    for (const command of list) verify(command, await timeRun(command, { cwd, env })); // warm-up
    for (let round = 0; round < runs; round += 1) {
      // Rotate the order every round so no command always runs first (or right after a heavy one).
      const order = list.map((_, index) => list[(index + round) % list.length]);
      for (const command of order) {
        const run = await timeRun(command, { cwd, env });
        verify(command, run);
        times.get(command).push(run.ms);
      }
    }
    // Sanity check that both network commands really talked to the server: 2 commands × 2 calls × (warm-up + runs).
    const expectedRequests = 2 * 2 * (runs + 1);
    if (server.requests.length !== expectedRequests) {
      throw new Error(`the fake server saw ${server.requests.length} requests, expected ${expectedRequests}`);
    }

    const ms = Object.fromEntries(Object.entries(commands).map(([key, command]) => [key, median(times.get(command))]));
    const line = (label, value, ratio, base, target) => {
      let text = `${label.padEnd(32)} ${value === null ? ' '.repeat(10) : `${value.toFixed(1).padStart(7)} ms`}`;
      if (ratio !== undefined) text += `  ${`${ratio.toFixed(2)}×`.padStart(7)} ${base.padEnd(16)}`;
      if (target !== undefined) text += `  target ≤ ${target.toFixed(2)}×  ${ratio <= target ? 'ok' : 'OVER'}`;
      return text.trimEnd();
    };
    console.log(`wechat-writer bench (node ${process.version}, ${runs} runs each, median wall time)`);
    console.log(line(commands.node.label, ms.node));
    console.log(line(commands.version.label, ms.version, ms.version / ms.node, 'node -e 0', 1.5));
    console.log(line(commands.bare.label, ms.bare, ms.bare / ms.node, 'node -e 0'));
    console.log(line(commands.twoModel.label, ms.twoModel, ms.twoModel / ms.bare, 'bare SDK script', 1.0));
    console.log(line('', null, ms.twoModel / ms.node, 'node -e 0'));
    console.log(line(commands.mock.label, ms.mock, ms.mock / ms.node, 'node -e 0'));
  } finally {
    await server?.close();
    await rm(workDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
}
