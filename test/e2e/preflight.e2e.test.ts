import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { preflightCacheFile } from '../../src/preflight/preflight-cache.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const goodKey = 'sk-preflight-good-key-1111';
const badKey = 'sk-preflight-bad-key-2222';
let cwd: string;

/** A config whose reviewer is served by a provider of its own, with its own key variable. */
const writeConfig = `providers:
  local:
    type: openai
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: LOCAL_KEY
  review-house:
    type: anthropic
    baseURL: \${LOCAL_BASE}
    apiKeyEnv: REVIEW_KEY
  jury:
    type: openai
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: JUDGE_KEY
  slow:
    type: openai
    baseURL: \${LOCAL_BASE}/slow/v1
    apiKeyEnv: LOCAL_KEY
roles:
  planner: [local:planner-model]
  writer: [local:writer-model]
  reviewer: [review-house:reviewer-model]
retry:
  retries: 0
`;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-preflight-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), writeConfig);
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于冬天第一杯热可可的公众号文章。');
  writeFileSync(path.join(cwd, 'week.jsonl'), `${JSON.stringify({ id: 't1', prompt: '选题一' })}\n`);
  fakeServer().acceptedKeys.add(goodKey);
});

const env = (keys: Record<string, string> = {}) => ({
  LOCAL_BASE: fakeServer().url,
  LOCAL_KEY: goodKey,
  REVIEW_KEY: goodKey,
  JUDGE_KEY: goodKey,
  WECHAT_WRITER_HOME: path.join(cwd, 'home'),
  ...keys,
});

const probes = () => fakeServer().requests.filter((request) => request.method === 'GET' && request.path.endsWith('/models'));
const calls = () => fakeServer().requests.filter((request) => request.method === 'POST');

describe('write checks every key before the first call', () => {
  it('a bad key in the reviewer role stops the run before the planner is called: exit 2, the table names the provider and the fix', async () => {
    const run = await runCliInProcess(['write', '--prompt', 'brief.md'], { cwd, env: env({ REVIEW_KEY: badKey }) });
    expect(run.code).toBe(2);
    expect(calls()).toHaveLength(0);
    expect(probes()).toHaveLength(2);
    expect(run.stderr).toContain('Checked before calling any model; these failed:');
    expect(run.stderr).toMatch(/│ review-house .*✗ key rejected/);
    expect(run.stderr).not.toMatch(/│ local /);
    expect(run.stderr).toContain('key rejected: check REVIEW_KEY');
    expect(run.stderr).toContain('wechat-writer: 1 of 2 checks failed; nothing was called.');
    expect(run.stderr).toContain('--no-check');
    expect(run.stdout).toBe('');
    const table = run.stderr.split('\n').filter((line) => !line.startsWith('wechat-writer:'));
    for (const line of table) expect(line.length).toBeLessThanOrEqual(80);
    expect(run.stdout + run.stderr).not.toContain(badKey);
    expect(run.stdout + run.stderr).not.toContain(goodKey);
  });

  it('in Chinese with --lang zh', async () => {
    const run = await runCliInProcess(['write', '--prompt', 'brief.md', '--lang', 'zh'], { cwd, env: env({ REVIEW_KEY: badKey }) });
    expect(run.code).toBe(2);
    expect(calls()).toHaveLength(0);
    expect(run.stderr).toContain('调用任何模型之前先做了检查，以下几项未通过：');
    expect(run.stderr).toContain('服务商');
    expect(run.stderr).toMatch(/│ review-house .*✗ 密钥被拒绝/);
    expect(run.stderr).toContain('密钥被拒绝：请检查 REVIEW_KEY');
    expect(run.stderr).toContain('2 项检查中有 1 项失败，没有调用任何模型');
  });

  it('all good: runs; a second run within the cache window sends no probe; the cache holds no key and is mode 600', async () => {
    const first = await runCliInProcess(['write', '--prompt', 'brief.md', '--json'], { cwd, env: env() });
    expect(first.code).toBe(0);
    expect(probes()).toHaveLength(2);
    // every probe came before the first generation call
    const firstCall = fakeServer().requests.findIndex((request) => request.method === 'POST');
    expect(fakeServer().requests.slice(0, firstCall)).toHaveLength(2);
    expect(calls().map((request) => request.body.model)).toEqual(['planner-model', 'writer-model', 'reviewer-model']);

    const cacheFile = path.join(cwd, 'home', preflightCacheFile);
    const cache = readFileSync(cacheFile, 'utf8');
    expect(cache).not.toContain(goodKey);
    expect(Object.keys((JSON.parse(cache) as { passed: Record<string, string> }).passed)).toHaveLength(2);
    if (process.platform !== 'win32') expect(statSync(cacheFile).mode & 0o777).toBe(0o600);

    fakeServer().requests.splice(0);
    const second = await runCliInProcess(['write', '--prompt', 'brief.md', '--json'], { cwd, env: env() });
    expect(second.code).toBe(0);
    expect(probes()).toHaveLength(0);
    expect(calls()).toHaveLength(3);
  });

  it('a failed check is not cached: the next run checks again', async () => {
    await runCliInProcess(['write', '--prompt', 'brief.md'], { cwd, env: env({ REVIEW_KEY: badKey }) });
    fakeServer().requests.splice(0);
    const again = await runCliInProcess(['write', '--prompt', 'brief.md', '--json'], { cwd, env: env() });
    expect(again.code).toBe(0);
    // the good key's pass was kept; the reviewer's key, which failed, is checked again
    expect(probes().map((request) => request.headers['x-api-key'])).toEqual([goodKey]);
  });

  it('--no-check sends no probe', async () => {
    const run = await runCliInProcess(['write', '--prompt', 'brief.md', '--json', '--no-check'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(probes()).toHaveLength(0);
    expect(calls()).toHaveLength(3);
  });

  it('an endpoint that never answers fails its check at the 2 s bound', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      writeConfig
        .replace('planner: [local:planner-model]', 'planner: [mock:planner]')
        .replace('writer: [local:writer-model]', 'writer: [mock:writer]')
        .replace('reviewer: [review-house:reviewer-model]', 'reviewer: [slow:reviewer-model]'),
    );
    const server = fakeServer();
    server.pathReplies.set('/slow/v1/models', { neverAnswer: true });
    // The clock is fake: it moves by the bound only once the server holds the hanging probe.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const running = runCliInProcess(['write', '--prompt', 'brief.md'], { cwd, env: env() });
      await server.until(() => server.hangs >= 1);
      await vi.advanceTimersByTimeAsync(2000);
      const run = await running;
      expect(run.code).toBe(2);
      expect(calls()).toHaveLength(0);
      expect(run.stderr).toMatch(/│ slow .*✗ timed out/);
      expect(run.stderr).toContain(`no answer within 2 s from ${server.url}/slow/v1`);
      expect(run.stderr).toContain('wechat-writer: 1 of 1 checks failed; nothing was called.');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('--prompts batches check every model, the fallback and the judge', () => {
  it('a bad judge key stops the batch before any call', async () => {
    const run = await runCliInProcess(['--prompts', 'week.jsonl', '-m', 'local:m1', '--judge', 'jury:judge-model'], {
      cwd,
      env: env({ JUDGE_KEY: badKey }),
    });
    expect(run.code).toBe(2);
    expect(calls()).toHaveLength(0);
    expect(run.stderr).toMatch(/│ jury .*✗ key rejected/);
    expect(run.stderr).toContain('key rejected: check JUDGE_KEY');
    expect(run.stdout + run.stderr).not.toContain(badKey);
  });

  it('a bad fallback key stops it too; --no-check runs it unchecked', async () => {
    const args = ['--prompts', 'week.jsonl', '-m', 'local:m1', '--fallback', 'jury:backup', '--json'];
    const stopped = await runCliInProcess(args, { cwd, env: env({ JUDGE_KEY: badKey }) });
    expect(stopped.code).toBe(2);
    expect(calls()).toHaveLength(0);
    fakeServer().requests.splice(0);
    const unchecked = await runCliInProcess([...args, '--no-check'], { cwd, env: env({ JUDGE_KEY: badKey }) });
    expect(unchecked.code).toBe(0);
    expect(probes()).toHaveLength(0);
    expect(calls().map((request) => request.body.model)).toEqual(['m1']);
  });

  it('a single-prompt comparison is not checked', async () => {
    const run = await runCliInProcess(['-m', 'local:m1,jury:m2', '-p', 'brief.md', '--json'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(probes()).toHaveLength(0);
  });
});

describe('--no-check in the help', () => {
  it('is listed on the main command and on write, in both languages', async () => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const main = await runCliInProcess(['--help'], { cwd, env: env() });
    expect(flat(main.stdout)).toContain('--no-check skip checking every key and endpoint before a write or a --prompts batch');
    const write = await runCliInProcess(['write', '--help', '--lang', 'zh'], { cwd, env: env() });
    // Chinese wraps between any two characters: compare without the white space
    expect(write.stdout.replace(/\s+/g, '')).toContain('--no-check写作（write）或--prompts批量运行之前，不检查每个API密钥和接口地址');
  });
});
