// `wechat-writer view` startup benchmark: `node bench/view-startup.mjs [--runs N]`.
//
// Seeds a temporary WECHAT_WRITER_HOME with a few mock runs (through the built CLI itself), then
// spawns `view --no-open --port 0` N times (after one warm-up) and measures, for each, the time from
// spawn until the URL line is printed: the server is listening (it prints the URL from its listen
// callback). Target: < 300 ms, printed beside `node -e 0`. Then, for information: until a GET with
// the token (the stylesheet) has answered, and until the first GET /api/runs has answered (it waits
// for the config's secrets, the API's modules and the history to open, loaded right after listen).
// A benchmark, not a test: it exits 0 whatever the figures, and 1 only when the view does not start.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bin, inheritedEnv, median, parseRuns, requireBuild, runMain, runNode, verdict } from './bench-support.mjs';

const targetMs = 300;

/** Spawns the view, waits for its URL and one answered GET, stops it; the time to that answer in ms. */
function timeView(env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, 'view', '--no-open', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let asked = false;
    const fail = (message) => {
      child.kill('SIGKILL');
      reject(new Error(`${message}\n${stderr.trim()}`));
    };
    const timer = setTimeout(() => fail('view did not answer within 20 s'), 20_000);
    child.stderr.on('data', (data) => (stderr += data));
    child.stdout.on('data', async (data) => {
      stdout += data;
      const url = /http:\/\/\S+\?token=\S+/.exec(stdout)?.[0];
      if (!url || asked) return;
      asked = true;
      const printedMs = performance.now() - started;
      const { origin, searchParams } = new URL(url);
      const headers = { authorization: `Bearer ${searchParams.get('token')}` };
      try {
        const listening = await fetch(`${origin}/assets/view.css`, { headers });
        await listening.text();
        if (listening.status !== 200) return fail(`GET /assets/view.css answered ${listening.status}`);
        const listeningMs = performance.now() - started;
        const runs = await fetch(`${origin}/api/runs`, { headers });
        await runs.text();
        if (runs.status !== 200) return fail(`GET /api/runs answered ${runs.status}`);
        const elapsed = { printed: printedMs, listening: listeningMs, runs: performance.now() - started };
        clearTimeout(timer);
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGINT');
      } catch (error) {
        fail(`GET /api/runs failed: ${error.message}`);
      }
    });
    child.once('exit', (code) => {
      if (!asked) fail(`view exited with ${code} before printing its URL`);
    });
  });
}

await runMain(async () => {
  requireBuild();
  const runs = parseRuns(5);
  const work = await mkdtemp(path.join(os.tmpdir(), 'ww-view-bench-'));
  try {
    const env = { ...inheritedEnv(), WECHAT_WRITER_HOME: path.join(work, 'home'), NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };
    const brief = path.join(work, 'brief.md');
    await writeFile(brief, '写一篇关于冬日咖啡的短文。\n');
    for (let seed = 0; seed < 3; seed += 1) {
      const run = await runNode([bin, '--models', 'mock:alpha,mock:beta', '--prompt', brief, '--json', '--out', path.join(work, 'out')], {
        env,
      });
      if (run.code !== 0) throw new Error(`seeding the history failed:\n${run.stderr}`);
    }
    await timeView(env);
    await runNode(['-e', '0']);
    const viewTimes = [];
    const nodeTimes = [];
    const helpTimes = [];
    for (let index = 0; index < runs; index += 1) {
      viewTimes.push(await timeView(env));
      nodeTimes.push((await runNode(['-e', '0'])).ms);
      helpTimes.push((await runNode([bin, 'view', '--help'], { env })).ms);
    }
    const printed = median(viewTimes.map((time) => time.printed));
    console.log(
      `view starts listening in ${Math.round(printed)} ms  target < ${targetMs} ms  ${verdict(printed < targetMs)}  (its URL printed)`,
    );
    console.log(
      `first request answered   ${Math.round(median(viewTimes.map((time) => time.listening)))} ms  (the stylesheet, token checked; for information)`,
    );
    console.log(`node -e 0 takes          ${Math.round(median(nodeTimes))} ms  (medians of ${runs} runs)`);
    console.log(`view --help takes        ${Math.round(median(helpTimes))} ms  (the CLI's own load, for information)`);
    console.log(
      `first /api/runs answered ${Math.round(median(viewTimes.map((time) => time.runs)))} ms  (opens the history; for information)`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
