import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
let cwd: string;

const providers = ['p1', 'p2', 'p3', 'p4', 'p5'];
const config = () =>
  `providers:\n${providers.map((id) => `  ${id}:\n    type: openai\n    baseURL: \${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\n`).join('')}`;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-batch-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config());
});

const env = () => ({ LOCAL_BASE: fakeServer().url, LOCAL_KEY: 'sk-batch-key-31337', WECHAT_WRITER_HOME: path.join(cwd, 'home') });
const promptOf = (body: Record<string, unknown>) =>
  ((body.messages as { role: string; content: string }[]).find((message) => message.role === 'user')?.content ?? '') as string;

describe('--prompts: a prompts × models matrix', () => {
  it('runs 40 prompts × 5 models at concurrency 50: every call answered once, results, table, reports and history hold the matrix', async () => {
    const server = fakeServer();
    for (const provider of providers) server.replies.set(`m-${provider}`, { delayMs: 20, chunks: [`# ${provider} 的稿件\n\n`, '正文。'] });
    const lines = Array.from({ length: 40 }, (_, index) =>
      JSON.stringify({ id: `t${String(index + 1).padStart(2, '0')}`, prompt: `选题 ${index + 1}` }),
    );
    writeFileSync(path.join(cwd, 'week.jsonl'), `${lines.join('\n')}\n`);
    const models = providers.map((id) => `${id}:m-${id}`).join(',');

    const run = await runCliInProcess(
      ['--prompts', 'week.jsonl', '--models', models, '--concurrency', '50', '--json', '--report', 'matrix.csv'],
      {
        cwd,
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    const calls = server.requests.filter((request) => request.path === '/v1/chat/completions');
    expect(calls).toHaveLength(200);
    const pairs = new Set(calls.map((request) => `${promptOf(request.body)}|${String(request.body.model)}`));
    expect(pairs.size).toBe(200);

    const report = JSON.parse(run.stdout) as JsonReport & { prompts: { id: string }[] };
    expect(report.prompts.map((prompt) => prompt.id)).toEqual(
      Array.from({ length: 40 }, (_, index) => `t${String(index + 1).padStart(2, '0')}`),
    );
    expect(report.results).toHaveLength(200);
    expect(report.results.slice(0, 6).map((result) => `${result.promptId} ${result.model}`)).toEqual([
      't01 p1:m-p1',
      't01 p2:m-p2',
      't01 p3:m-p3',
      't01 p4:m-p4',
      't01 p5:m-p5',
      't02 p1:m-p1',
    ]);
    expect(report.results.every((result) => result.status === 'ok' && result.text?.includes('的稿件'))).toBe(true);
    expect(new Set(report.results.map((result) => result.outputFile)).size).toBe(200);

    const csv = readFileSync(path.join(cwd, 'matrix.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^\ufeffpromptId,model,/);
    expect(csv.filter((line) => line.startsWith('t40,'))).toHaveLength(5);

    const shown = await runCliInProcess(['history', 'show', String(report.runId)], { cwd, env: env() });
    expect(shown.stdout).toMatch(/│ t40\s+│/);
    expect(shown.stdout).toMatch(/p3:m-p3\s+│\s+40\/40/);
    const stored = JSON.parse(
      (await runCliInProcess(['history', 'show', String(report.runId), '--json'], { cwd, env: env() })).stdout,
    ) as JsonReport;
    expect(stored.results.map((result) => `${result.promptId} ${result.model}`)).toEqual(
      report.results.map((result) => `${result.promptId} ${result.model}`),
    );
  });

  it('runs every .md file of a directory with its own system prompt per JSONL line, groups the table by prompt, and keeps failures', async () => {
    const server = fakeServer();
    server.replies.set('broken', { status: 500, errorBody: { error: { message: 'down' } } });
    mkdirSync(path.join(cwd, 'briefs'));
    writeFileSync(path.join(cwd, 'briefs', 'b-奶茶.md'), '写奶茶');
    writeFileSync(path.join(cwd, 'briefs', 'a-咖啡.md'), '写咖啡');
    const run = await runCliInProcess(['--prompts', 'briefs', '--models', 'p1:ok,p2:broken', '--retries', '0', '--concurrency', '4'], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(1);
    const rows = run.stdout.split('\n');
    const coffee = rows.findIndex((line) => line.includes('a-咖啡'));
    const tea = rows.findIndex((line) => line.includes('b-奶茶'));
    expect(coffee).toBeGreaterThan(0);
    expect(tea).toBeGreaterThan(coffee);
    expect(run.stdout).toContain('✗ b-奶茶 × p2:broken: SERVER_ERROR');
    expect(run.stdout).toMatch(/p1:ok\s+│\s+2\/2/);
    expect(run.stderr).toMatch(/2\/4 done|4\/4 done/);

    writeFileSync(path.join(cwd, 'sys.jsonl'), '{"id":"s","prompt":"写标题","system":"只写一个标题"}\n');
    server.reset();
    await runCliInProcess(['--prompts', 'sys.jsonl', '--models', 'p1:ok', '--no-history'], { cwd, env: env() });
    expect(JSON.stringify(server.requests[0]?.body.messages)).toContain('只写一个标题');
  });

  it('reports every bad JSONL line at once and calls nothing', async () => {
    writeFileSync(path.join(cwd, 'bad.jsonl'), '{"prompt":"ok"}\n{nope\n{"id":"x"}\n');
    const run = await runCliInProcess(['--prompts', 'bad.jsonl', '--models', 'p1:ok'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--prompts bad.jsonl has 2 problems; nothing was called');
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('in Chinese (--lang zh-CN), every bad JSONL line by its number, and nothing is called', async () => {
    writeFileSync(
      path.join(cwd, 'bad.jsonl'),
      '{"id":"a","prompt":"ok"}\n{nope\n{"prompt":"  "}\n{"prompt":"x","temp":1}\n{"id":"a","prompt":"ok"}\n',
    );
    const run = await runCliInProcess(['--lang', 'zh-CN', '--prompts', 'bad.jsonl', '--models', 'p1:ok'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--prompts bad.jsonl 有 4 处问题，没有调用任何模型');
    expect(run.stderr).toContain('第 2 行：不是有效的 JSON');
    expect(run.stderr).toContain('第 3 行的 prompt：不能为空');
    expect(run.stderr).toContain('第 4 行：未知的键："temp"（可用的键：id、prompt、system、tags）');
    expect(run.stderr).toContain('bad.jsonl:5：id "a" 用了两次（第一次在 bad.jsonl:1）；id 不能重复');
    expect(fakeServer().requests).toHaveLength(0);
  });
});
