// Strategy benchmark: `node bench/route-bench.mjs [--results N] [--runs N]` (`npm run bench:route`).
//
// Fills a fresh history.db (temporary WECHAT_WRITER_HOME) with 100,000 results — 20,000 runs × 5 of
// 20 models, a third of them `write` stages (planner / writer / reviewer), the rest comparisons,
// ~95% ok, seeded random latencies, tokens and costs, created_at over the last 30 days — and 5,000
// votes (human and judge) between those models; then times choosing the order of a writer role of 5
// models under each strategy, as a run does it (a new router each time: nothing cached between
// calls), median of N after one warm-up. Target (issue 18): under 10 ms with 100,000 rows.
// Exits 0 whatever the figures, 1 only when something fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importSources, intOption, median, parseRuns, runMain, verdict } from './bench-support.mjs';

const totalResults = intOption('results', 100_000, 1);
const runs = parseRuns(21);
const targetMs = 10;

const { openHistoryStore, toResultRow, createRouter, standingsOfCounts, resolveModelList, okResult } = await importSources(
  'route.mjs',
  `export { openHistoryStore } from './src/store/history-store.ts';
  export { toResultRow } from './src/store/result-row.ts';
  export { createRouter } from './src/routing/create-router.ts';
  export { standingsOfCounts } from './src/routing/standings-of.ts';
  export { resolveModelList } from './src/providers/registry.ts';
  export { okResult } from './test/support/model-result-fixture.ts';`,
);
const { default: Database } = await import('libsql');

let seed = 20261202;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const models = Array.from({ length: 20 }, (_, index) => `mock:model-${index + 1}`);
const roles = [null, null, null, null, null, null, 'planner', 'writer', 'reviewer'];

await runMain(async () => {
  const home = await mkdtemp(path.join(tmpdir(), 'wechat-writer-route-bench-'));
  try {
    (await openHistoryStore(home)).close();
    const database = new Database(path.join(home, 'history.db'));
    database.exec('PRAGMA journal_mode = WAL');
    const insertRun = database.prepare(`INSERT INTO runs (id, started_at, kind, prompt, prompt_source, options, tool_version)
      VALUES (?, ?, 'compare', '话题', 'inline', '{}', '0.1.0')`);
    const columns = Object.keys(toResultRow(1, 0, okResult('mock:alpha', 'x'), null, new Date().toISOString()));
    const insertResult = database.prepare(`INSERT INTO results (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    const insertVote =
      database.prepare(`INSERT INTO votes (run_id, position_a, position_b, model_a, model_b, outcome, source, voter, created_at)
      VALUES (?, 0, 1, ?, ?, ?, ?, 'bench', ?)`);
    const now = Date.now();
    const runCount = Math.ceil(totalResults / 5);
    database.transaction(() => {
      let stored = 0;
      for (let runId = 1; runId <= runCount; runId += 1) {
        const startedAt = now - 30 * 86_400_000 + ((runId - 1) / runCount) * 30 * 86_400_000;
        insertRun.run(runId, new Date(startedAt).toISOString());
        for (let position = 0; position < 5 && stored < totalResults; position += 1, stored += 1) {
          const model = pick(models);
          const failed = random() < 0.05;
          const result = okResult(model, null, {
            status: failed ? 'error' : 'ok',
            servedBy: failed ? null : model,
            latencyMs: Math.round(2000 + random() * 40_000),
            costUsd: random() < 0.2 ? null : Math.round(random() * 50_000) / 1e6,
          });
          insertResult.run(toResultRow(runId, position, result, pick(roles), new Date(startedAt + position).toISOString()));
        }
        if (runId <= 5000)
          insertVote.run(
            runId,
            pick(models),
            pick(models),
            pick(['a', 'b', 'tie']),
            pick(['human', 'judge']),
            new Date(startedAt).toISOString(),
          );
      }
    })();
    database.close();

    const store = await openHistoryStore(home);
    const history = {
      recentCalls: (model, role, since, limit) => store.routes.recentCalls(model, role, since, limit),
      lastTurn: (role) => store.routes.lastTurn(role),
      standings: (source, tags) => standingsOfCounts(store.verdicts.comparisonCounts({ source, tags })),
    };
    const chain = resolveModelList(models.slice(0, 5).join(','), {}, undefined);
    console.log(
      `choosing a writer role's order of 5 models, ${totalResults.toLocaleString('en')} results, ${Math.min(5000, Math.ceil(totalResults / 5)).toLocaleString('en')} votes (median of ${runs}):`,
    );
    for (const strategy of ['fastest', 'cheapest', 'healthiest', 'round-robin', 'preferred']) {
      const choose = () => createRouter({ history, now: () => new Date() }).route('writer', strategy, chain);
      choose();
      const times = [];
      for (let index = 0; index < runs; index += 1) {
        const started = performance.now();
        choose();
        times.push(performance.now() - started);
      }
      const time = median(times);
      console.log(
        `  ${strategy.padEnd(12)} ${time.toFixed(2).padStart(7)} ms   ${(time / targetMs).toFixed(2)}× of the ${targetMs} ms target   ${verdict(time <= targetMs)}`,
      );
    }
    store.close();
  } finally {
    if (!process.env.KEEP) await rm(home, { recursive: true, force: true });
    else console.log(home);
  }
});
