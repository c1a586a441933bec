// Scale benchmark (issue 19): `node bench/scale-bench.mjs [--runs N] [--prompts N]` (`npm run bench:scale`).
//
// Runs the built CLI on a JSONL of --prompts prompts (default 2,000) × 5 models (five config
// providers on the local fake server, which waits 100 ms before each answer) at `--concurrency 100`,
// and in the same run bench/bare-sdk-batch.mjs: the same calls through the same SDK at the same
// concurrency in one process, nothing else. Prints the median wall time of each, their ratio (target
// ≤ 1.1×), the CLI's peak RSS (target ≤ 200 MB, read with a preloaded module that reports
// `process.resourceUsage().maxRSS` at exit), and the peak RSS of a quarter-size batch beside it: RSS
// must not grow with the number of calls (the matrix goes to disk and the history as it runs).
// Checks every run: all results ok, and exactly prompts × 5 requests at the server. A benchmark, not
// a test: it exits 0 whatever the ratios, 1 only when a run itself fails.
import path from 'node:path';
import {
  formatMs,
  intOption,
  matrixProviders,
  median,
  parseRuns,
  prepareMatrix,
  requireBuild,
  root,
  runMain,
  startFakeServer,
  timeRunWithRss,
  verdict,
  withServer,
  writeRssReporter,
} from './bench-support.mjs';

const providers = matrixProviders;
const answerDelayMs = 100;
const concurrency = 100;

function check(label, run, server, before, expected) {
  if (run.code !== 0) throw new Error(`${label} exited with code ${run.code}\n${run.stderr.trim().split('\n').slice(-10).join('\n')}`);
  const requests = server.requests.length - before;
  if (requests !== expected) throw new Error(`${label}: the server saw ${requests} requests, expected ${expected}`);
}

async function main() {
  const runs = parseRuns(1);
  const prompts = intOption('prompts', 2000, 4);
  requireBuild();
  await withServer('wechat-writer-scale-bench-', startFakeServer, async (server, workDir) => {
    const { cwd, env, models, writePrompts } = await prepareMatrix(server, workDir, answerDelayMs);
    const rssReporter = await writeRssReporter(workDir);
    await writePrompts('full.jsonl', prompts);
    await writePrompts('quarter.jsonl', Math.ceil(prompts / 4));
    const args = (file) => [
      '--prompts',
      file,
      '--models',
      models,
      '--concurrency',
      String(concurrency),
      '--no-check',
      '--show',
      'none',
      '--out',
      path.join(workDir, 'out'),
    ];
    const options = { cwd, env, workDir, rssReporter };
    const bareScript = path.join(root, 'bench', 'bare-sdk-batch.mjs');
    const bareEnv = {
      ...env,
      BENCH_BASE_URL: server.openaiBaseURL,
      BENCH_PROMPTS: String(prompts),
      BENCH_CONCURRENCY: String(concurrency),
    };
    const calls = prompts * providers.length;
    const cli = [];
    const bare = [];
    const rss = [];
    const quarterRss = [];
    for (let round = 0; round < runs; round += 1) {
      let before = server.requests.length;
      const run = await timeRunWithRss(args('full.jsonl'), options);
      check('the CLI', run, server, before, calls);
      cli.push(run.ms);
      if (run.rssMb !== null) rss.push(run.rssMb);
      before = server.requests.length;
      const floor = await timeRunWithRss([], { ...options, cwd: root, env: bareEnv }, bareScript);
      check('the bare SDK script', floor, server, before, calls);
      bare.push(floor.ms);
      before = server.requests.length;
      const quarter = await timeRunWithRss(args('quarter.jsonl'), options);
      check('the quarter-size CLI run', quarter, server, before, Math.ceil(prompts / 4) * providers.length);
      if (quarter.rssMb !== null) quarterRss.push(quarter.rssMb);
    }
    const ratio = median(cli) / median(bare);
    const peak = Math.max(...rss);
    const quarterPeak = Math.max(...quarterRss);
    console.log(`wechat-writer scale bench (node ${process.version}, ${runs} run(s), median wall time)`);
    console.log(`${prompts} × ${providers.length} = ${calls} calls at --concurrency ${concurrency}, ${answerDelayMs} ms answers`);
    console.log(`  bare SDK script (same calls, one process)   ${formatMs(median(bare), 0, 9)}`);
    console.log(
      `  wechat-writer                                ${formatMs(median(cli), 0, 9)}  ${ratio.toFixed(2)}× bare  target ≤ 1.10×  ${verdict(ratio <= 1.1)}`,
    );
    console.log(
      `  peak RSS                                     ${peak.toFixed(1).padStart(9)} MB  target ≤ 200 MB  ${verdict(peak <= 200)}`,
    );
    console.log(
      `  peak RSS at a quarter of the calls           ${quarterPeak.toFixed(1).padStart(9)} MB  growth ×${(peak / quarterPeak).toFixed(2)} for 4× the calls (flat: ≤ 1.25×)  ${verdict(peak / quarterPeak <= 1.25)}`,
    );
  });
}

await runMain(main);
