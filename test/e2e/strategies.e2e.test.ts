import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../src/store/history-store.js';
import { okResult } from '../support/model-result-fixture.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const key = 'sk-local-routing-key-7070';
let cwd: string;

const configWith = (writer: string) => `providers:
  local:
    type: openai
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: LOCAL_KEY
    prices:
      slow: { input: 0.5, output: 1 }
      mid: { input: 2, output: 8 }
      fast: { input: 10, output: 30 }
roles:
  planner: [local:plan]
  reviewer: [local:review]
  writer:
${writer}
`;
const fastestWriter = '    strategy: fastest\n    models: [local:slow, local:mid, local:fast]';

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-strategies-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), configWith(fastestWriter));
  const server = fakeServer();
  for (const model of ['plan', 'review', 'slow', 'mid', 'fast'])
    server.replies.set(model, { chunks: [`# ${model} 写的稿件\n\n`, '冬天的热可可。评分：8/10'] });
});

const home = () => path.join(cwd, 'home');
const env = (extra: Record<string, string> = {}) => ({
  LOCAL_BASE: fakeServer().url,
  LOCAL_KEY: key,
  WECHAT_WRITER_HOME: home(),
  ...extra,
});
const write = (extra: string[] = [], moreEnv: Record<string, string> = {}) =>
  runCliInProcess(['write', '--no-check', '--out', 'out', ...extra, '冬天的热可可'], { cwd, env: env(moreEnv) });
/** The model the writer stage reached (every stage's call reaches the one fake server). */
const writerCalls = () =>
  fakeServer()
    .requests.map((request) => String(request.body.model))
    .filter((model) => ['slow', 'mid', 'fast'].includes(model));

/** Past writer calls with known latencies, as earlier runs recorded them. */
async function seedWriterCalls(latencies: Record<string, number[]>): Promise<void> {
  const store = await openHistoryStore(home());
  const runId = store.startRun({
    startedAt: new Date().toISOString(),
    kind: 'write',
    parentRunId: null,
    prompt: '旧简报',
    promptSource: 'topic',
    topic: '旧简报',
    systemPrompt: null,
    options: { stages: [] },
    toolVersion: '1.0.0',
  });
  let position = 0;
  for (const [model, values] of Object.entries(latencies))
    for (const latencyMs of values) store.recordResult(runId, position++, okResult(`local:${model}`, '旧稿', { latencyMs }), 'writer');
  store.close();
}

describe('strategies: a role orders its models by what the history says', () => {
  it('fastest: models never measured are tried first in the written order, then the fastest is chosen, with --explain saying why', async () => {
    for (let run = 0; run < 3; run += 1) {
      const ran = await write();
      expect(ran.code).toBe(0);
    }
    // three runs: each unmeasured model measured once, in the written order
    expect(writerCalls()).toEqual(['slow', 'mid', 'fast']);
    const first = await runCliInProcess(['history', 'show', '1', '--json'], { cwd, env: env() });
    const writer = (
      JSON.parse(first.stdout) as { results: { role?: string; route?: { strategy: string; order: string[] } }[] }
    ).results.find((result) => result.role === 'writer');
    expect(writer?.route).toMatchObject({ strategy: 'fastest', order: ['local:slow', 'local:mid', 'local:fast'] });

    // now the history holds latencies that decide: the fastest model goes first
    await seedWriterCalls({ slow: [2400, 2600, 2500], mid: [900, 1100], fast: [300, 350, 320] });
    fakeServer().requests.length = 0;
    const chosen = await write(['--explain']);
    expect(chosen.code).toBe(0);
    expect(writerCalls()).toEqual(['fast']);
    expect(chosen.stderr).toContain('writer (fastest): local:fast is called first; the others stay its fallbacks, in this order');
    expect(chosen.stderr).toMatch(/1\. local:fast — median \d+ ms \(\d calls\)\n\s+2\. local:mid — median/);
    expect(chosen.stderr).toContain('planner (priority): local:plan is called first');
    expect(chosen.stderr).not.toContain(key);

    const shown = await runCliInProcess(['history', 'show', '5'], { cwd, env: env() });
    expect(shown.stdout).toMatch(/writer: fastest chose local:fast — median \d+ ms/);
  });

  it('a resting provider is skipped by the strategy, with one line; its fallbacks serve', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      `${configWith(fastestWriter)}retry:\n  retries: 0\n`
        .replace('roles:', `  flaky:\n    type: openai\n    baseURL: \${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\nroles:`)
        .replace('[local:slow, local:mid, local:fast]', '[flaky:fast, local:slow]'),
    );
    fakeServer().replies.set('fast', { status: 503, errorBody: { error: { message: 'overloaded' } } });
    // it was the fastest until now: the strategy keeps putting it first while it fails (its fallback serves)
    const store = await openHistoryStore(home());
    const runId = store.startRun({
      startedAt: new Date().toISOString(),
      kind: 'write',
      parentRunId: null,
      prompt: '旧',
      promptSource: 'topic',
      topic: null,
      systemPrompt: null,
      options: { stages: [] },
      toolVersion: '1.0.0',
    });
    for (let position = 0; position < 5; position += 1)
      store.recordResult(runId, position, okResult('flaky:fast', '旧稿', { latencyMs: 100 }), 'writer');
    store.recordResult(runId, 5, okResult('local:slow', '旧稿', { latencyMs: 2000 }), 'writer');
    store.close();
    for (let run = 0; run < 3; run += 1) expect((await write()).code).toBe(0);
    expect(writerCalls()).toEqual(['fast', 'slow', 'fast', 'slow', 'fast', 'slow']);
    // three failures in a row: the provider rests, and the next run skips it with one line
    fakeServer().requests.length = 0;
    const rested = await write(['--explain']);
    expect(rested.code).toBe(0);
    expect(writerCalls()).toEqual(['slow']);
    expect(rested.stderr).toContain('1. flaky:fast — median 100 ms');
    expect(rested.stderr).toMatch(/skipped flaky:fast: flaky is resting until/);
  });

  it('round-robin spreads calls and goes on across runs', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      configWith('    strategy: round-robin\n    models: [local:slow, local:mid, local:fast]'),
    );
    for (let run = 0; run < 4; run += 1) expect((await write()).code).toBe(0);
    expect(writerCalls()).toEqual(['slow', 'mid', 'fast', 'slow']);
  });

  it('round-robin turns within one run too: --revise asks the writer role twice', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      configWith('    strategy: round-robin\n    models: [local:slow, local:mid, local:fast]'),
    );
    expect((await write(['--revise'])).code).toBe(0);
    expect(writerCalls()).toEqual(['slow', 'mid']);
  });

  it('cheapest uses the prices before there is any history, and says so with --explain', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      configWith('    strategy: cheapest\n    models: [local:fast, local:mid, local:slow]'),
    );
    const ran = await write(['--explain']);
    expect(ran.code).toBe(0);
    expect(writerCalls()).toEqual(['slow']);
    expect(ran.stderr).toContain('1. local:slow — $0.00150 per 1,000 output tokens at its price');
  });

  it('preferred follows the human votes, and without history says it keeps the order', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      configWith('    strategy: preferred\n    models: [local:slow, local:mid, local:fast]'),
    );
    const unrated = await write();
    expect(unrated.stderr).toContain(
      'writer (preferred): no votes yet for local:slow, local:mid, local:fast; placed after the rated models',
    );
    const store = await openHistoryStore(home());
    const runId = store.startRun({
      startedAt: new Date().toISOString(),
      kind: 'compare',
      parentRunId: null,
      prompt: '投票',
      promptSource: 'topic',
      topic: null,
      systemPrompt: null,
      options: { models: [] },
      toolVersion: '1.0.0',
    });
    store.recordResult(runId, 0, okResult('local:mid', 'A'));
    store.recordResult(runId, 1, okResult('local:fast', 'B'));
    const vote = {
      runId,
      promptId: null,
      positionA: 0,
      positionB: 1,
      modelA: 'local:mid',
      modelB: 'local:fast',
      source: 'human' as const,
      voter: 'me',
      inconsistent: false,
      createdAt: new Date().toISOString(),
    };
    store.verdicts.recordVotes([
      { ...vote, outcome: 'a' },
      { ...vote, outcome: 'a' },
      { ...vote, outcome: 'tie' },
    ]);
    store.close();
    fakeServer().requests.length = 0;
    const ran = await write(['--explain']);
    expect(writerCalls()).toEqual(['mid']);
    expect(ran.stderr).toMatch(/1\. local:mid — rating \d+ from 3 human comparisons/);
  });

  it('in Chinese', async () => {
    await seedWriterCalls({ slow: [2400], mid: [900], fast: [300] });
    const ran = await write(['--explain'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('writer（最快）：先调用 local:fast；其余按下面的顺序作为备用模型');
    expect(ran.stderr).toContain('1. local:fast — 耗时中位数 300 ms（1 次调用）');
  });

  it('with the history off, the written order is kept and the run says so', async () => {
    const ran = await write(['--no-history']);
    expect(ran.code).toBe(0);
    expect(writerCalls()).toEqual(['slow']);
    expect(ran.stderr).toContain('writer (fastest): the history is off, so the written order is kept');
  });
});
