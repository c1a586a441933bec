import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/store/load-sqlite.js';
import { requestKey } from '../support/fake-llm-server.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';
import { runCliAt } from '../health/run-cli-at.js';

const fakeServer = useFakeLlmServer();
const keys = { first: 'sk-limits-cli-first-1111111111', second: 'sk-limits-cli-second-2222222222' };
/** Local 10:00 on a fixed day: both runs of a test are at this wall-clock time. */
const at = new Date(2026, 10, 21, 10, 0, 0);
let cwd: string;

function useConfig(limits: string, keyLines = '    apiKeys: ["${K1}", "${K2}"]\n'): void {
  writeFileSync(
    path.join(cwd, 'wechat-writer.config.yaml'),
    `providers:\n  ds:\n    type: openai\n    baseURL: \${LOCAL_BASE}/v1\n${keyLines}${limits}`,
  );
}

function usePrompts(count: number, file = 'week.jsonl'): string {
  const lines = Array.from({ length: count }, (_, index) => JSON.stringify({ id: `t${index + 1}`, prompt: `选题 ${index + 1}` }));
  writeFileSync(path.join(cwd, file), `${lines.join('\n')}\n`);
  return file;
}

const env = (extra: Record<string, string> = {}) => ({
  LOCAL_BASE: fakeServer().url,
  K1: keys.first,
  K2: keys.second,
  WECHAT_WRITER_HOME: path.join(cwd, 'home'),
  ...extra,
});
const batch = (file: string, extra: string[] = []) => ['--prompts', file, '-m', 'ds:m', '--no-check', '--concurrency', '1', ...extra];
const sentKeys = () =>
  fakeServer()
    .requests.filter((request) => request.path === '/v1/chat/completions')
    .map((request) => requestKey(request.headers));
const first = (count: number) => Array.from({ length: count }, () => keys.first);

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-limits-'));
});

describe('limits kept before they bite, through the CLI', () => {
  it('rateLimit 5/min on two keys: five calls reach the server with key 1, the sixth with key 2, one line says so', async () => {
    useConfig('    rateLimit: 5/min\n');
    const run = await runCliAt(at, batch(usePrompts(6)), { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(sentKeys()).toEqual([...first(5), keys.second]);
    const handOvers = run.stderr.split('\n').filter((line) => line.includes('takes over'));
    expect(handOvers).toEqual(['⚠ ds key 1 of 2 reached its limit 5/min; key 2 takes over']);
    for (const key of Object.values(keys)) expect(run.stdout + run.stderr).not.toContain(key);
  });

  it('calls running at once count each other: --concurrency 6 still sends five with key 1 and one with key 2', async () => {
    useConfig('    rateLimit: 5/min\n');
    fakeServer().replies.set('m', { delayMs: 30, chunks: ['# 稿件\n', '正文'] });
    const run = await runCliAt(at, [...batch(usePrompts(6)), '--concurrency', '6'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(sentKeys().sort()).toEqual([...first(5), keys.second].sort());
    expect(run.stderr.split('\n').filter((line) => line.includes('takes over'))).toHaveLength(1);
  });

  it('counts across runs from the history: the second run knows the first one’s calls', async () => {
    useConfig('    rateLimit: 5/hour\n');
    expect((await runCliAt(at, batch(usePrompts(3)), { cwd, env: env() })).code).toBe(0);
    const second = await runCliAt(at, batch(usePrompts(3)), { cwd, env: env() });
    expect(second.code).toBe(0);
    expect(sentKeys()).toEqual([...first(5), keys.second]);
    expect(second.stderr).toContain('ds key 1 of 2 reached its limit 5/hour; key 2 takes over');
    // the calls table: each request with its run, its tokens (11 in + 7 out, as the fake server reports), a key id, no key
    const database = (await loadSqlite())(path.join(cwd, 'home', 'history.db'));
    const rows = database.prepare('SELECT provider, key_id, model, tokens, run_id, sent_at FROM calls ORDER BY id').all() as Record<
      string,
      unknown
    >[];
    database.close();
    expect(rows.map((row) => [row.provider, row.model, row.tokens, row.run_id, row.sent_at])).toEqual([
      ...Array.from({ length: 3 }, () => ['ds', 'ds:m', 18, 1, at.getTime()]),
      ...Array.from({ length: 3 }, () => ['ds', 'ds:m', 18, 2, at.getTime()]),
    ]);
    expect(new Set(rows.map((row) => row.key_id)).size).toBe(2);
    expect(JSON.stringify(rows)).not.toContain('sk-limits');
  });

  it('a run with the history off reads the calls already recorded, and records none of its own', async () => {
    useConfig('    rateLimit: 4/day\n', '    apiKeyEnv: K1\n');
    expect((await runCliAt(at, batch(usePrompts(3)), { cwd, env: env() })).code).toBe(0);
    const historyOff = { cwd, env: env({ WECHAT_WRITER_NO_HISTORY: '1' }) };
    const tooMany = () => runCliAt(at, batch(usePrompts(2, 'two.jsonl')), historyOff);
    // it knows the 3 recorded calls: 2 more would pass 4/day
    const refused = await tooMany();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('this run plans 2 calls, but 4/day leaves room for 1 more');
    expect((await runCliAt(at, batch(usePrompts(1, 'one.jsonl')), historyOff)).code).toBe(0);
    // its own call was counted in memory only: the next run still finds 1 left
    expect((await tooMany()).stderr).toContain('this run plans 2 calls, but 4/day leaves room for 1 more');
    expect(sentKeys()).toEqual(first(4));
  });

  it('a run planning more calls than a /day limit allows stops with exit 2 before the server sees a request', async () => {
    useConfig('    rateLimit: 2/day\n');
    expect((await runCliAt(at, batch(usePrompts(3)), { cwd, env: env() })).code).toBe(0);
    fakeServer().requests.length = 0;
    const run = await runCliAt(at, batch(usePrompts(2)), { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(fakeServer().requests).toEqual([]);
    expect(run.stderr).toBe(
      'wechat-writer: this run would go past a limit set in the config; nothing was called:\n' +
        '  - ds: this run plans 2 calls, but 2/day leaves room for 1 more (counted for each of its 2 key(s)); ' +
        'the next slot frees at 2026-11-22 10:00 local time; fix: fewer prompts or models, another key, or a higher rateLimit in wechat-writer.config.yaml\n',
    );
  });

  it('write counts one call per stage (its first model) and refuses before the planner is called', async () => {
    useConfig('    rateLimit: 2/day\n');
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      `${'providers:\n  ds:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: K1\n    rateLimit: 2/day\n'}roles:\n  planner: [ds:m, ds:other]\n  writer: [ds:m]\n  reviewer: [ds:m]\n`,
    );
    const run = await runCliAt(at, ['write', '秋天的咖啡', '--no-check'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(fakeServer().requests).toEqual([]);
    expect(run.stderr).toContain('ds: this run plans 3 calls, more than 2/day allows on its 1 key(s) together');
  });

  it('says it in Chinese in a zh-CN run', async () => {
    useConfig('    rateLimit: 1/min\n');
    const run = await runCliAt(at, batch(usePrompts(2), ['--lang', 'zh']), { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(sentKeys()).toEqual([keys.first, keys.second]);
    expect(run.stderr).toContain('服务商 ds 的第 1 个 API 密钥（共 2 个）已达到限额 1/min，改用第 2 个');
    useConfig('    rateLimit: 1/day\n');
    const refused = await runCliAt(at, batch(usePrompts(3), ['--lang', 'zh']), { cwd, env: env() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('这次运行会超过配置文件中设定的限额，未调用任何模型');
    expect(refused.stderr).toContain('服务商 ds：这次运行计划调用 3 次，超过了 2 个 API 密钥在限额 1/day 下的总量');
  });
});
