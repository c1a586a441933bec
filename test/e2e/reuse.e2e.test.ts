import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { separateReuseAge } from '../../src/cli/reuse-argument.js';
import { runCliAt } from '../health/run-cli-at.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const key = 'sk-local-reuse-key-9090';
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-reuse-'));
  writeFileSync(
    path.join(cwd, 'wechat-writer.config.yaml'),
    `providers:\n  local:\n    type: openai\n    baseURL: \${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\n    prices:\n      a: { input: 1, output: 2 }\nretry:\n  retries: 0\n`,
  );
  const server = fakeServer();
  for (const model of ['a', 'b', 'c']) server.replies.set(model, { chunks: [`# ${model} 的稿件\n\n`, '冬天的热可可。'] });
});

const env = () => ({ LOCAL_BASE: fakeServer().url, LOCAL_KEY: key, WECHAT_WRITER_HOME: path.join(cwd, 'home') });
const compare = (args: string[]) => runCliInProcess(['--out', 'out', ...args], { cwd, env: env() });
const calls = () => fakeServer().requests.filter((request) => request.path.endsWith('/chat/completions')).length;
interface Report {
  runId: number;
  results: {
    model: string;
    status: string;
    reused?: boolean;
    reusedFrom?: number;
    costUsd: number | null;
    text: string;
    requestKey?: string;
  }[];
}
const report = (stdout: string) => JSON.parse(stdout) as Report;

describe('--reuse: identical calls answered from the history', () => {
  it('a repeated run makes no call; the answers are the same, marked reused with the run they came from, at cost 0', async () => {
    const first = await compare(['--models', 'local:a,local:b', '--json', '冬天的热可可']);
    expect(first.code).toBe(0);
    expect(calls()).toBe(2);
    const again = await compare(['--models', 'local:a,local:b', '--reuse', '--json', '冬天的热可可']);
    expect(again.code).toBe(0);
    expect(calls()).toBe(2);
    const firstReport = report(first.stdout);
    const reused = report(again.stdout);
    expect(reused.results.map((result) => [result.model, result.reused, result.reusedFrom, result.costUsd])).toEqual([
      ['local:a', true, firstReport.runId, 0],
      ['local:b', true, firstReport.runId, 0],
    ]);
    expect(reused.results.map((result) => result.text)).toEqual(firstReport.results.map((result) => result.text));
    expect(again.stdout).not.toContain('requestKey');
    // stored as such: history show says the same
    const shown = await runCliInProcess(['history', 'show', String(reused.runId), '--json'], { cwd, env: env() });
    expect(report(shown.stdout).results[0]).toMatchObject({ reused: true, reusedFrom: firstReport.runId, costUsd: 0 });
    // and a run reusing a reused answer still names the run that paid for it
    const third = await compare(['--models', 'local:a', '--reuse', '--json', '冬天的热可可']);
    expect(report(third.stdout).results[0]?.reusedFrom).toBe(firstReport.runId);
    expect(calls()).toBe(2);
  });

  it('calls again what changed: another prompt, temperature or system prompt, a failed answer, and never without --reuse', async () => {
    await compare(['--models', 'local:a', '冬天的热可可']);
    await compare(['--models', 'local:a', '--reuse', '--temperature', '0.3', '冬天的热可可']);
    await compare(['--models', 'local:a', '--reuse', '夏天的冰咖啡']);
    await compare(['--models', 'local:a', '冬天的热可可']);
    expect(calls()).toBe(4);
    fakeServer().replies.set('c', { status: 500, errorBody: { error: { message: 'boom' } } });
    await compare(['--models', 'local:c', '冬天的热可可']);
    fakeServer().replies.set('c', { chunks: ['# c\n\n', '好了。'] });
    const retried = await compare(['--models', 'local:c', '--reuse', '--json', '冬天的热可可']);
    expect(report(retried.stdout).results[0]?.reused).toBeUndefined();
    expect(calls()).toBe(6);
  });

  it('--reuse 7d only takes answers newer than that', async () => {
    await compare(['--models', 'local:a', '冬天的热可可']);
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    const late = await runCliAt(inEightDays, ['--out', 'out', '--models', 'local:a', '--reuse', '7d', '--json', '冬天的热可可'], {
      cwd,
      env: env(),
    });
    expect(late.code).toBe(0);
    expect(report(late.stdout).results[0]?.reused).toBeUndefined();
    expect(calls()).toBe(2);
    const soon = await runCliAt(
      new Date(Date.now() + 86_400_000),
      ['--out', 'out', '--models', 'local:a', '--reuse', '7d', '冬天的热可可'],
      { cwd, env: env() },
    );
    expect(soon.stdout).toContain('1 of 1 answers reused from the history');
    expect(calls()).toBe(2);
  });

  it('a batch run again pays only for the new cells, and rerun --reuse only for what changed', async () => {
    writeFileSync(
      path.join(cwd, 'p.jsonl'),
      '{"id":"one","prompt":"冬天"}\n{"id":"two","prompt":"夏天"}\n{"id":"three","prompt":"秋天"}\n',
    );
    const batch = await compare(['--prompts', 'p.jsonl', '--models', 'local:a,local:b', '--no-check', '--json']);
    expect(batch.code).toBe(0);
    expect(calls()).toBe(6);
    const again = await compare(['--prompts', 'p.jsonl', '--models', 'local:a,local:b,local:c', '--no-check', '--reuse', '--json']);
    expect(again.code).toBe(0);
    expect(calls()).toBe(9);
    const rerun = await runCliInProcess(['rerun', String(report(batch.stdout).runId), '--reuse', '--json'], { cwd, env: env() });
    expect(rerun.code).toBe(0);
    expect(calls()).toBe(9);
    expect(report(rerun.stdout).results.every((result) => result.reused === true)).toBe(true);
  });

  it('refuses --reuse without the history, and a bad age, before any call (exit 2)', async () => {
    const off = await compare(['--models', 'local:a', '--reuse', '--no-history', '冬天的热可可']);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('--reuse answers calls from the history, which --no-history');
    const bad = await compare(['--models', 'local:a', '--reuse=7x', '冬天的热可可']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--reuse takes an age like 7d');
    expect(calls()).toBe(0);
  });

  it('a word after --reuse that is no age stays the topic', () => {
    expect(separateReuseAge(['--reuse', '周末咖啡'])).toEqual(['--reuse=any', '周末咖啡']);
    expect(separateReuseAge(['--reuse', '7d', '周末咖啡'])).toEqual(['--reuse', '7d', '周末咖啡']);
    expect(separateReuseAge(['--reuse', '2026-11-01'])).toEqual(['--reuse', '2026-11-01']);
    expect(separateReuseAge(['-m', 'a', '--reuse'])).toEqual(['-m', 'a', '--reuse=any']);
    expect(separateReuseAge(['--', '--reuse', 'x'])).toEqual(['--', '--reuse', 'x']);
  });
});
