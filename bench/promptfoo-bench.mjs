// Side by side with promptfoo (issue 19): `node bench/promptfoo-bench.mjs [--runs N]` (`npm run bench:promptfoo`).
//
// The same 40 prompts × 5 models at concurrency 50, against the local fake server answering each call
// in 100 ms (five OpenAI-format providers): wechat-writer (`--prompts … --concurrency 50`, with its
// files and history as usual) and promptfoo (`eval --max-concurrency 50 --no-cache --no-write`, one
// provider per model, one test per prompt). Prints the median wall time of each and how many times
// faster wechat-writer is (target ≥ 4×); for reference, in the same rounds, bench/bare-sdk-batch.mjs
// making the same calls with the bare `openai` SDK and nothing else (no files, history or table), and
// how many times faster than promptfoo that is. promptfoo is not a dependency: PROMPTFOO_BIN names one, else
// promptfoo@0.121.20 (the newest that runs on Node 20) is installed once from the npm registry into
// node_modules/.cache/promptfoo-bench. Checks that both made every call. Exits 0 whatever the ratio, 1
// only when a run fails.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bin,
  formatMs,
  matrixProviders,
  matrixTopic,
  median,
  parseRuns,
  prepareMatrix,
  requireBuild,
  root,
  runMain,
  runNode,
  startFakeServer,
  verdict,
  withServer,
} from './bench-support.mjs';

const providers = matrixProviders;
const prompts = 40;
const concurrency = 50;
const promptfooVersion = '0.121.20';
const targetTimesFaster = 4;

function promptfooBin() {
  if (process.env.PROMPTFOO_BIN) return process.env.PROMPTFOO_BIN;
  const prefix = path.join(root, 'node_modules', '.cache', 'promptfoo-bench');
  const file = path.join(prefix, 'node_modules', 'promptfoo', 'dist', 'src', 'main.js');
  if (!existsSync(file)) {
    console.log(`installing promptfoo@${promptfooVersion} into ${path.relative(root, prefix)} (once; from the npm registry)…`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `promptfoo@${promptfooVersion}`], {
      stdio: 'inherit',
    });
  }
  return file;
}

async function main() {
  const runs = parseRuns(3);
  requireBuild();
  const promptfoo = promptfooBin();
  await withServer('wechat-writer-promptfoo-bench-', startFakeServer, async (server, workDir) => {
    const { cwd, env: ourEnv, models, writePrompts } = await prepareMatrix(server, workDir, 100);
    const topics = Array.from({ length: prompts }, (_, index) => matrixTopic(index));
    await writePrompts('week.jsonl', prompts);
    await writeFile(
      path.join(cwd, 'promptfooconfig.yaml'),
      [
        'prompts:',
        "  - '{{topic}}'",
        'providers:',
        ...providers.map((id) => `  - id: openai:chat:m-${id}\n    config: { apiBaseUrl: '${server.openaiBaseURL}', apiKey: sk-bench }`),
        'tests:',
        ...topics.map((topic) => `  - vars: { topic: '${topic}' }`),
      ].join('\n'),
    );
    const env = { ...ourEnv, PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1' };
    const ours = [bin, '--prompts', 'week.jsonl', '--models', models, '--concurrency', String(concurrency), '--no-check', '--out', 'out'];
    const theirs = [
      promptfoo,
      'eval',
      '-c',
      'promptfooconfig.yaml',
      '--max-concurrency',
      String(concurrency),
      '--no-cache',
      '--no-write',
      '--no-table',
      '--no-progress-bar',
    ];
    const calls = prompts * providers.length;
    const timed = async (label, args, attempt = 1) => {
      const before = server.requests.length;
      const run = await runNode(args, { cwd, env });
      // promptfoo 0.121.20 sometimes dies at exit in its own file logger ("write after end", winston's
      // DerivedLogger) after the eval itself finished: that run is not timed, it runs again (twice at most)
      if (run.code !== 0 && args[0] === promptfoo && attempt < 3 && /DerivedLogger|write after end/.test(run.stderr)) {
        console.log(`  (${label} died at exit in its own logger, not timed: run again)`);
        server.requests.length = before;
        return timed(label, args, attempt + 1);
      }
      if (run.code !== 0)
        throw new Error(`${label} exited with code ${run.code}\n${(run.stderr || run.stdout).trim().split('\n').slice(-10).join('\n')}`);
      if (server.requests.length - before !== calls)
        throw new Error(`${label}: the server saw ${server.requests.length - before} requests, expected ${calls}`);
      return run.ms;
    };
    const bare = [path.join(root, 'bench', 'bare-sdk-batch.mjs')];
    const bareEnv = {
      ...env,
      BENCH_BASE_URL: server.openaiBaseURL,
      BENCH_PROMPTS: String(prompts),
      BENCH_CONCURRENCY: String(concurrency),
    };
    const timedBare = async () => {
      const before = server.requests.length;
      const run = await runNode(bare, { cwd: root, env: bareEnv });
      if (run.code !== 0) throw new Error(`the bare SDK script failed\n${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
      if (server.requests.length - before !== calls)
        throw new Error(`bare SDK: the server saw ${server.requests.length - before} requests, expected ${calls}`);
      return run.ms;
    };
    await timed('wechat-writer (warm-up)', ours);
    await timed(`promptfoo (warm-up)`, theirs);
    await timedBare();
    const ourTimes = [];
    const theirTimes = [];
    const bareTimes = [];
    for (let round = 0; round < runs; round += 1) {
      ourTimes.push(await timed('wechat-writer', ours));
      theirTimes.push(await timed('promptfoo', theirs));
      bareTimes.push(await timedBare());
    }
    const faster = median(theirTimes) / median(ourTimes);
    console.log(
      `${prompts} prompts × ${providers.length} models at concurrency ${concurrency}, 100 ms answers (node ${process.version}, median of ${runs})`,
    );
    console.log(`  promptfoo ${promptfooVersion.padEnd(10)}    ${formatMs(median(theirTimes), 0, 8)}`);
    console.log(
      `  wechat-writer          ${formatMs(median(ourTimes), 0, 8)}  ${faster.toFixed(1)}× faster  target ≥ ${targetTimesFaster}×  ${verdict(faster >= targetTimesFaster)}`,
    );
    console.log(
      `  for reference: the bare openai SDK, same calls ${formatMs(median(bareTimes), 0, 8)}  ${(median(theirTimes) / median(bareTimes)).toFixed(1)}× faster than promptfoo (no files, history or table)`,
    );
  });
}

await runMain(main);
