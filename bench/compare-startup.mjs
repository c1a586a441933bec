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
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bin,
  formatMs,
  inheritedEnv,
  median,
  noProxy,
  outputTail,
  parseRuns,
  requireBuild,
  root,
  runMain,
  runNode,
  startFakeServer,
  verdict,
  withServer,
} from './bench-support.mjs';

const bareScript = path.join(root, 'bench', 'bare-sdk-calls.mjs');

/** Environment for the children: the caller's, minus anything that would change what the CLI does. */
function childEnv(server) {
  return {
    ...inheritedEnv(),
    OPENAI_BASE_URL: server.openaiBaseURL,
    ANTHROPIC_BASE_URL: server.anthropicBaseURL,
    OPENAI_API_KEY: 'sk-bench',
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    ...noProxy,
  };
}

/** Throws with a readable message unless the run exited 0 (and passes the command's own check). */
function verify(command, run) {
  const problem = run.code !== 0 ? `exited with ${run.signal ?? `code ${run.code}`}` : command.check ? command.check(run.stdout) : null;
  if (problem) {
    throw new Error(`${command.label} ${problem}\n  command: node ${command.args.join(' ')}\n${outputTail(run)}`);
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

async function main() {
  const runs = parseRuns(15);
  requireBuild();

  await withServer('wechat-writer-bench-', startFakeServer, async (server, workDir) => {
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

    for (const command of list) verify(command, await runNode(command.args, { cwd, env })); // warm-up
    for (let round = 0; round < runs; round += 1) {
      // Rotate the order every round so no command always runs first (or right after a heavy one).
      const order = list.map((_, index) => list[(index + round) % list.length]);
      for (const command of order) {
        const run = await runNode(command.args, { cwd, env });
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
      let text = `${label.padEnd(32)} ${value === null ? ' '.repeat(10) : formatMs(value, 1)}`;
      if (ratio !== undefined) text += `  ${`${ratio.toFixed(2)}×`.padStart(7)} ${base.padEnd(16)}`;
      if (target !== undefined) text += `  target ≤ ${target.toFixed(2)}×  ${verdict(ratio <= target)}`;
      return text.trimEnd();
    };
    console.log(`wechat-writer bench (node ${process.version}, ${runs} runs each, median wall time)`);
    console.log(line(commands.node.label, ms.node));
    console.log(line(commands.version.label, ms.version, ms.version / ms.node, 'node -e 0', 1.5));
    console.log(line(commands.bare.label, ms.bare, ms.bare / ms.node, 'node -e 0'));
    console.log(line(commands.twoModel.label, ms.twoModel, ms.twoModel / ms.bare, 'bare SDK script', 1.0));
    console.log(line('', null, ms.twoModel / ms.node, 'node -e 0'));
    console.log(line(commands.mock.label, ms.mock, ms.mock / ms.node, 'node -e 0'));
  });
}

await runMain(main);
