// `stats` benchmark: `node bench/stats-bench.mjs [--results N] [--text-chars N] [--runs N] [--keep]`
// (`npm run bench:stats`; part b needs `npm run build` first).
//
// Fills a fresh history.db (temporary WECHAT_WRITER_HOME) with 100,000 results — 20,000 runs × 5 of
// 20 models over 8 providers, ~95% ok, seeded random latencies/TTFT/tokens/costs, article-sized
// texts, created_at spread over the last 30 days — then times, median of N runs after one warm-up:
//   a. in-process store.stats(): --by model, --by provider, --by model --since 7d --trend;
//   b. the built CLI end to end, `wechat-writer stats --by model --json`, against `node -e 0`.
// Target (issue): under 200 ms for 100,000 results (b: over Node startup). Rows are made with the
// store's own toResultRow (src/ bundled on the fly with esbuild) and inserted in one transaction with
// the store's column set; the full-text index is left empty (stats never reads it). --text-chars sets
// the mean article length (0: near-empty texts), --keep leaves the database for a look. Exits 0
// whatever the figures, 1 only when something fails.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bin, importSources, isBuilt, runNode, verdict } from './bench-support.mjs';

// Unlike the other benches: `--name N` only, and a bad value throws.
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
};
const totalResults = option('results', 100_000);
const textChars = option('text-chars', 1500); // a WeChat article is ~1,500–3,000 Chinese characters
const runs = option('runs', 7);
const cliRuns = Math.max(1, runs - 2);
const modelsPerRun = 5;
const targetMs = 200;

// Bundle what the bench needs from src/ into node_modules/.cache (gitignored; libsql resolves from there).
const { openHistoryStore, toResultRow, okResult } = await importSources(
  'store.mjs',
  `export { openHistoryStore } from './src/store/history-store.ts';
  export { toResultRow } from './src/store/result-row.ts';
  export { okResult } from './test/support/model-result-fixture.ts';`,
);
const { default: Database } = await import('libsql');

// Deterministic PRNG (mulberry32).
let seed = 20240601;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const providers = ['openai', 'anthropic', 'deepseek', 'qwen', 'kimi', 'zhipu', 'minimax', 'doubao'];
const models = Array.from({ length: 20 }, (_, index) => `${providers[index % providers.length]}:model-${index + 1}`);
const corpus = '公众号写作的第一步是找到读者真正关心的问题然后用清楚的结构和具体的例子把答案讲明白。'.repeat(200);
const textFor = () => corpus.slice(Math.floor(random() * 40), Math.floor(random() * 40) + Math.round(textChars * (0.6 + random() * 0.8)));
const usage = (inputTokens, outputTokens) => ({ ...okResult('x:y', null).usage, inputTokens, outputTokens });
const errorOf = (type) => ({ type, message: `${type} (simulated)`, retryable: true, status: null, requestId: null, retryAfterMs: null });

const home = await mkdtemp(path.join(tmpdir(), 'wechat-writer-stats-bench-'));
// The upper middle value for an even count (the shared median() would average the two middle values).
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;
const line = (label, value, rest) => console.log(`${label.padEnd(44)}${ms(value).padStart(7)}   ${rest}`);

try {
  // Create the schema through the store, then fill it directly in one transaction.
  (await openHistoryStore(home)).close();
  const fillStarted = performance.now();
  const database = new Database(path.join(home, 'history.db'));
  database.exec('PRAGMA journal_mode = WAL');
  const insertRun = database.prepare(`INSERT INTO runs (id, started_at, kind, parent_run_id, prompt, prompt_source, topic, system_prompt,
    options, tool_version) VALUES (?, ?, 'compare', NULL, ?, 'inline', NULL, NULL, '{}', '0.1.0')`);
  const columns = Object.keys(toResultRow(1, 0, okResult('mock:alpha', 'x'), null, new Date().toISOString()));
  const insertResult = database.prepare(`INSERT INTO results (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const now = Date.now();
  const runCount = Math.ceil(totalResults / modelsPerRun);
  database.transaction(() => {
    let stored = 0;
    for (let runId = 1; runId <= runCount; runId += 1) {
      // Runs in time order over the last 30 days.
      const startedAt = now - 30 * 86_400_000 + ((runId - 1) / runCount) * 30 * 86_400_000;
      insertRun.run(runId, new Date(startedAt).toISOString(), `写一篇关于第 ${runId} 个话题的公众号文章`);
      const chosen = new Set();
      while (chosen.size < modelsPerRun) chosen.add(pick(models));
      let position = 0;
      for (const model of chosen) {
        if (stored++ >= totalResults) break;
        const latencyMs = Math.round(2000 + random() * 40_000);
        const failed = random() < 0.05;
        const createdAt = new Date(startedAt + latencyMs).toISOString();
        const result = failed
          ? okResult(model, null, {
              status: 'error',
              servedBy: null,
              finishReason: null,
              usage: usage(null, null),
              ttftMs: null,
              latencyMs: Math.round(random() * 5000),
              error: errorOf(pick(['RATE_LIMIT', 'TIMEOUT', 'SERVER_ERROR', 'OVERLOADED'])),
            })
          : okResult(model, textFor(), {
              latencyMs,
              ttftMs: Math.round(200 + random() * 3000),
              usage: usage(200 + Math.floor(random() * 800), 1500 + Math.floor(random() * 3000)),
              costUsd: random() < 0.2 ? null : Math.round(random() * 50_000) / 1e6,
            });
        insertResult.run(toResultRow(runId, position++, result, null, createdAt));
      }
    }
  })();
  database.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  database.close();
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  const store = await openHistoryStore(home);
  const since7d = new Date(now - 7 * 86_400_000).toISOString();
  const timeStats = (options) => {
    let report = store.stats(options); // warm-up
    const times = [];
    for (let index = 0; index < runs; index += 1) {
      const started = performance.now();
      report = store.stats(options);
      times.push(performance.now() - started);
    }
    return { report, median: median(times) };
  };
  const byModel = timeStats({ by: 'model', sinceIso: null, trend: false });
  const byProvider = timeStats({ by: 'provider', sinceIso: null, trend: false });
  const trend = timeStats({ by: 'model', sinceIso: since7d, trend: true });
  store.close();

  // Sanity checks: every stored result is counted once, by model and by provider.
  const sum = (groups) => groups.reduce((total, group) => total + group.calls, 0);
  const check = (ok, message) => {
    if (!ok) throw new Error(`sanity check failed: ${message}`);
  };
  check(sum(byModel.report.groups) === totalResults, `by model: calls sum to ${sum(byModel.report.groups)}, not ${totalResults}`);
  check(sum(byProvider.report.groups) === totalResults, `by provider: calls sum to ${sum(byProvider.report.groups)}`);
  check(byModel.report.groups.length <= models.length && byProvider.report.groups.length <= providers.length, 'wrong group count');
  check(
    byModel.report.groups.every((group) => group.p50LatencyMs > 0 && group.p95LatencyMs >= group.p50LatencyMs),
    'bad percentiles',
  );
  check(sum(trend.report.trend) === sum(trend.report.groups) && sum(trend.report.groups) < totalResults / 3, 'since 7d: bad trend');

  console.log(
    `wechat-writer stats bench: ${totalResults.toLocaleString('en-US')} results, ~${textChars} chars of text each (filled in ${fillSeconds.toFixed(1)} s)`,
  );
  line('stats --by model (in-process)', byModel.median, `target < ${targetMs} ms  ${verdict(byModel.median < targetMs)}`);
  line('stats --by provider (in-process)', byProvider.median, `target < ${targetMs} ms  ${verdict(byProvider.median < targetMs)}`);
  line('stats --by model --since 7d --trend', trend.median, `target < ${targetMs} ms  ${verdict(trend.median < targetMs)}`);

  // b. The built CLI, spawned asynchronously, interleaved with `node -e 0`, in a temp cwd (no .env).
  if (!isBuilt()) {
    console.log('CLI: skipped — dist/cli.js is missing; run `npm run build` first');
  } else {
    const cwd = path.join(home, 'cwd');
    await mkdir(cwd);
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, FORCE_COLOR: '0', WECHAT_WRITER_HOME: home };
    const timeRun = async (args) => {
      const run = await runNode(args, { cwd, env });
      if (run.code !== 0) throw new Error(`${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
      return { elapsed: run.ms, stdout: run.stdout };
    };
    const cliArgs = [bin, 'stats', '--by', 'model', '--json'];
    const { stdout } = await timeRun(cliArgs); // warm-up, and check what it says
    await timeRun(['-e', '0']);
    check(sum(JSON.parse(stdout).groups) === totalResults, `CLI: calls sum to ${sum(JSON.parse(stdout).groups)}`);
    const cliTimes = [];
    const nodeTimes = [];
    for (let index = 0; index < cliRuns; index += 1) {
      nodeTimes.push((await timeRun(['-e', '0'])).elapsed);
      cliTimes.push((await timeRun(cliArgs)).elapsed);
    }
    const cli = median(cliTimes);
    const node = median(nodeTimes);
    line(
      'CLI: wechat-writer stats --by model --json',
      cli,
      `(node -e 0: ${ms(node)} → ${ms(cli - node)} over node startup)   target < ${targetMs} ms over startup  ${verdict(cli - node < targetMs)}`,
    );
  }
  console.log(`(medians of ${runs} in-process / ${cliRuns} CLI runs, each after one warm-up)`);
} catch (error) {
  console.error(`stats bench failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  if (process.argv.includes('--keep')) console.log(`(kept ${home})`);
  else await rm(home, { recursive: true, force: true });
}
