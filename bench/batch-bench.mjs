// Batch benchmark: `node bench/batch-bench.mjs [--runs N]` (or `npm run bench:batch`).
//
// Runs the built CLI on a 40-prompt JSONL × 5 models (five config providers, all on the local fake
// server from test/support/fake-llm-server.ts, bundled on the fly and run in this process) at
// `--concurrency 50`, with the server waiting 100 ms before each answer, and bench/bare-sdk-batch.mjs:
// the same calls with the bare SDK and nothing else (no files, history or table). The target (issue 19,
// replacing issue 8's ratio to an ideal that ignored the SDK's own cost per call): the CLI's median
// wall time ≤ 1.1× the bare SDK's. For information it prints both against the ideal, 200 calls / 50
// at once × 100 ms = 0.4 s of waiting plus startup (the median wall time of the same CLI answering one
// prompt on one model from a server that answers at once; for the bare script, one call), and the
// child's peak RSS (target ≤ 150 MB, read with a preloaded module that reports
// `process.resourceUsage().maxRSS` at exit).
// Checks every run: 200 results, all ok, and exactly 200 requests at the server. A benchmark, not a
// test: it exits 0 whatever the ratios, and 1 only when a run itself fails.
import path from 'node:path';
import {
  formatMs,
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
const prompts = 40;
const answerDelayMs = 100;
const concurrency = 50;

function verify(label, run, expected) {
  let problem = run.code === 0 ? null : `exited with code ${run.code}`;
  if (!problem) {
    try {
      const results = JSON.parse(run.stdout).results ?? [];
      const ok = results.filter((result) => result.status === 'ok').length;
      if (results.length !== expected || ok !== expected) problem = `returned ${ok}/${results.length} ok results instead of ${expected}`;
    } catch {
      problem = `printed no JSON report: ${run.stdout.slice(0, 200)}`;
    }
  }
  if (problem) throw new Error(`${label} ${problem}\n${run.stderr.trim().split('\n').slice(-10).join('\n')}`);
}

async function main() {
  const runs = parseRuns(5);
  requireBuild();
  await withServer('wechat-writer-batch-bench-', startFakeServer, async (server, workDir) => {
    const { cwd, env, models, writePrompts } = await prepareMatrix(server, workDir, answerDelayMs);
    server.replies.set('instant', { chunks: ['# 即时\n\n', '正文。'] });
    const rssReporter = await writeRssReporter(workDir);
    await writePrompts('week.jsonl', prompts);
    await writePrompts('one.jsonl', 1);
    const out = ['--json', '--out', path.join(workDir, 'out')];
    const batchArgs = ['--prompts', 'week.jsonl', '--models', models, '--concurrency', String(concurrency), ...out];
    const startupArgs = ['--prompts', 'one.jsonl', '--models', 'p1:instant', ...out];
    const options = { cwd, env, workDir, rssReporter };

    verify('startup run', await timeRunWithRss(startupArgs, options), 1); // warm-up
    verify('batch run', await timeRunWithRss(batchArgs, options), prompts * providers.length);
    const bareScript = path.join(root, 'bench', 'bare-sdk-batch.mjs');
    const bareOptions = { ...options, cwd: root, env: { ...env, BENCH_BASE_URL: server.openaiBaseURL } };
    const startup = [];
    const batch = [];
    const bare = [];
    const bareStartup = [];
    const rss = [];
    for (let round = 0; round < runs; round += 1) {
      const before = server.requests.length;
      const run = await timeRunWithRss(batchArgs, options);
      verify('batch run', run, prompts * providers.length);
      if (server.requests.length - before !== prompts * providers.length) {
        throw new Error(`the server saw ${server.requests.length - before} requests for one batch, expected ${prompts * providers.length}`);
      }
      batch.push(run.ms);
      if (run.rssMb !== null) rss.push(run.rssMb);
      const single = await timeRunWithRss(startupArgs, options);
      verify('startup run', single, 1);
      startup.push(single.ms);
      const floor = await timeRunWithRss([], bareOptions, bareScript);
      if (floor.code !== 0) throw new Error(`the bare SDK script failed: ${floor.stderr.trim().split('\n').slice(-5).join('\n')}`);
      bare.push(floor.ms);
      const bareOne = await timeRunWithRss([], { ...bareOptions, env: { ...bareOptions.env, BENCH_CALLS: '1' } }, bareScript);
      bareStartup.push(bareOne.ms);
    }
    const waitingMs = ((prompts * providers.length) / concurrency) * answerDelayMs;
    const ideal = waitingMs + median(startup);
    const ratio = median(batch) / median(bare);
    const bareIdeal = waitingMs + median(bareStartup);
    const peak = Math.max(...rss);
    console.log(`wechat-writer batch bench (node ${process.version}, ${runs} runs, median wall time)`);
    console.log(`startup (1 prompt × 1 model, instant answer)   ${formatMs(median(startup), 1)}`);
    console.log(`ideal: ${waitingMs} ms of waiting + startup          ${formatMs(ideal, 1)}`);
    console.log(
      `the bare SDK making the same calls              ${formatMs(median(bare), 1)}  ${(median(bare) / ideal).toFixed(2)}× the CLI's ideal, ${(median(bare) / bareIdeal).toFixed(2)}× its own`,
    );
    console.log(
      `${prompts} × ${providers.length} at --concurrency ${concurrency}, ${answerDelayMs} ms answers  ${formatMs(median(batch), 1)}  ${(median(batch) / ideal).toFixed(2)}× ideal, ${ratio.toFixed(2)}× the bare SDK  target ≤ 1.10×  ${verdict(ratio <= 1.1)}`,
    );
    console.log(
      `peak RSS of the batch run (max of ${rss.length})        ${peak.toFixed(1).padStart(7)} MB   target ≤ 150 MB  ${verdict(peak <= 150)}`,
    );
  });
}

await runMain(main);
