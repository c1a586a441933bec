import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { setTimeout as nextPoll } from 'node:timers/promises';
import Database from 'libsql';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { builtBin, removeBuiltBin, runBuiltCli } from '../support/run-built-cli.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

// The real process path, a few times: bin/ and the bundle of scripts/build.mjs, process stdin, stdout
// and stderr, the exit code, and Ctrl-C as a signal. Every other command test runs the same program
// in-process (test/support/run-cli-in-process.ts), which is ten times faster.

const fakeServer = useFakeLlmServer();
const openaiKey = 'sk-built-cli-openai-key-5150';
let cwd: string;

// esbuild takes a few seconds on a busy machine
beforeAll(() => builtBin(), 120_000);
afterAll(() => removeBuiltBin());
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-built-'));
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇短文。');
});

describe('the built CLI', () => {
  it('answers --version from bin/ alone, and compares two mock models with no keys and no network', async () => {
    const version = await runBuiltCli(['--version'], { cwd });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const run = await runBuiltCli(['--models', 'mock:alpha,mock:beta', '咖啡店的', '冬季新品', '--json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.prompt.source).toBe('topic');
    expect(report.results.map((result) => [result.model, result.status])).toEqual([
      ['mock:alpha', 'ok'],
      ['mock:beta', 'ok'],
    ]);
    expect(report.results[0]?.outputFile).toMatch(/_咖啡店的-冬季新品_mock-alpha\.md$/);
  });

  it('speaks Chinese with LANG=zh_CN.UTF-8: the help, and a mistyped command refused before any call', async () => {
    const help = await runBuiltCli(['--help'], { cwd, env: { LANG: 'zh_CN.UTF-8' } });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法： wechat-writer [选项] [命令] [topic...]');
    expect(help.stdout).toContain('示例：');
    const typo = await runBuiltCli(['-m', 'openai:x', 'histroy'], {
      cwd,
      env: { LANG: 'zh_CN.UTF-8', OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: fakeServer().openaiBaseURL },
    });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('你是不是想用 `history`');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('exits 2 on bad input with one line on stderr, no stack trace, no key, and no provider call', async () => {
    const run = await runBuiltCli(['-m', 'openai:x', '-p', 'missing.md'], {
      cwd,
      env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: fakeServer().openaiBaseURL },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wechat-writer: the --prompt file "missing.md" does not exist/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(openaiKey);
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('on SIGINT keeps and reports finished results, cancels the call in flight, starts no other, and exits 130', async () => {
    // The call in flight never gets an answer: the run ends at all only because SIGINT cancelled it.
    fakeServer().replies.set('hang', { neverAnswer: true });
    const run = await runBuiltCli(['-m', 'mock:alpha,openai:hang,mock:never', 'topic'], {
      cwd,
      env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: fakeServer().openaiBaseURL },
      onSpawn: (child) => {
        void fakeServer()
          .until(() => fakeServer().requestCount('hang') === 1)
          .then(() => child.kill('SIGINT'));
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('mock:alpha done');
    expect(run.stderr).toContain('interrupted; 1 finished result(s) kept');
    expect(run.stdout).toContain('mock:alpha');
    expect(run.stdout).toMatch(/openai:hang .*CANCELLED/);
    expect(run.stdout).not.toContain('mock:never');
    expect(readdirSync(path.join(cwd, 'output')).some((name) => name.endsWith('_mock-alpha.md'))).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s acts like Ctrl-C: finished results kept, report written, JSON printed, exit %i', async (signal, code) => {
    fakeServer().replies.set('hang', { neverAnswer: true });
    const run = await runBuiltCli(['-m', 'mock:alpha,openai:hang,mock:never', 'topic', '--json', '--report', 'r.csv'], {
      cwd,
      env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: fakeServer().openaiBaseURL, WECHAT_WRITER_HOME: path.join(cwd, 'home') },
      onSpawn: (child) => {
        void fakeServer()
          .until(() => fakeServer().requestCount('hang') === 1)
          .then(() => child.kill(signal));
      },
    });
    expect(run.code).toBe(code);
    expect(run.stderr).toContain('interrupted; 1 finished result(s) kept');
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results.map((result) => [result.model, result.status])).toEqual([
      ['mock:alpha', 'ok'],
      ['openai:hang', 'error'],
    ]);
    expect(readFileSync(path.join(cwd, 'r.csv'), 'utf8')).toContain('mock:alpha');
    expect(readdirSync(path.join(cwd, 'output')).some((name) => name.endsWith('_mock-alpha.md'))).toBe(true);
  });

  it('after kill -9 mid-batch, every saved .md file has its history row', async () => {
    const server = fakeServer();
    // the first 30 calls are answered at once, the rest never: the batch is surely mid-way when killed
    let answered = 0;
    const gate = () => (++answered <= 30 ? Promise.resolve() : new Promise(() => {}));
    server.replies.set('a', { chunks: ['甲'], gate });
    server.replies.set('b', { chunks: ['乙'], gate });
    mkdirSync(path.join(cwd, 'briefs'));
    for (let index = 0; index < 40; index += 1)
      writeFileSync(path.join(cwd, 'briefs', `p${String(index).padStart(2, '0')}.md`), `写第 ${index} 篇`);
    const outputDir = path.join(cwd, 'output');
    const savedFiles = () => (existsSync(outputDir) ? readdirSync(outputDir).filter((name) => name.endsWith('.md')) : []);
    const run = await runBuiltCli(['--prompts', 'briefs', '-m', 'openai:a,openai:b', '--concurrency', '8', '--retries', '0'], {
      cwd,
      env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: server.openaiBaseURL, WECHAT_WRITER_HOME: path.join(cwd, 'home') },
      onSpawn: (child) => {
        void (async () => {
          while (savedFiles().length < 10) await nextPoll(2);
          child.kill('SIGKILL');
        })();
      },
    });
    expect(run.code).toBeNull();
    const files = savedFiles().map((name) => path.join(outputDir, name));
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.length).toBeLessThanOrEqual(30);
    const database = new Database(path.join(cwd, 'home', 'history.db'));
    try {
      const recorded = new Set(
        (database.prepare('SELECT output_file FROM results').all() as { output_file: string | null }[]).map((row) => row.output_file),
      );
      expect(files.filter((file) => !recorded.has(file))).toEqual([]);
    } finally {
      database.close();
    }
  });

  it('doctor tells a good provider from a bad key, with a fix, and exits 1', async () => {
    const server = fakeServer();
    const goodKey = 'sk-built-doctor-good-0001';
    const badKey = 'sk-built-doctor-bad-0002';
    server.acceptedKeys.add(goodKey);
    writeFileSync(
      path.join(cwd, 'doctor.yaml'),
      [
        'providers:',
        '  good:',
        '    type: openai',
        `    baseURL: ${server.openaiBaseURL}`,
        '    apiKeyEnv: GOOD_KEY',
        '  bad:',
        '    type: anthropic',
        `    baseURL: ${server.anthropicBaseURL}`,
        '    apiKeyEnv: BAD_KEY',
        '',
      ].join('\n'),
    );
    const run = await runBuiltCli(['doctor', '--config', 'doctor.yaml', '--timeout', '30000'], {
      cwd,
      env: { GOOD_KEY: goodKey, BAD_KEY: badKey, WECHAT_WRITER_HOME: cwd },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/│ good +│ .*│ GOOD_KEY +│ ✓ ok \(\/models\)/);
    expect(run.stdout).toMatch(/│ bad +│ .*│ BAD_KEY +│ ✗ key rejected /);
    // the fix, in its column on a wide terminal or below the table at 80 columns
    expect(run.stdout).toContain('key rejected: check BAD_KEY');
    expect(run.stdout).toContain('✗ 1 of 2 checked providers failed');
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout + run.stderr).not.toContain(goodKey);
    expect(run.stdout + run.stderr).not.toContain(badKey);
  });

  it('runs a --prompts batch of a directory, keeps a failing model, and exits 1', async () => {
    const server = fakeServer();
    server.replies.set('broken', { status: 500, errorBody: { error: { message: 'down' } } });
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      'providers:\n  p1:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\n  p2:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: LOCAL_KEY\n',
    );
    mkdirSync(path.join(cwd, 'briefs'));
    writeFileSync(path.join(cwd, 'briefs', 'b-奶茶.md'), '写奶茶');
    writeFileSync(path.join(cwd, 'briefs', 'a-咖啡.md'), '写咖啡');
    const run = await runBuiltCli(['--prompts', 'briefs', '--models', 'p1:ok,p2:broken', '--retries', '0', '--concurrency', '4'], {
      cwd,
      env: { LOCAL_BASE: server.url, LOCAL_KEY: 'sk-built-batch-key-31337', WECHAT_WRITER_HOME: path.join(cwd, 'home') },
    });
    expect(run.code).toBe(1);
    const rows = run.stdout.split('\n');
    const coffee = rows.findIndex((line) => line.includes('a-咖啡'));
    const tea = rows.findIndex((line) => line.includes('b-奶茶'));
    expect(coffee).toBeGreaterThan(0);
    expect(tea).toBeGreaterThan(coffee);
    expect(run.stdout).toContain('✗ b-奶茶 × p2:broken: SERVER_ERROR');
    expect(run.stdout).toMatch(/p1:ok\s+│\s+2\/2/);
    // one key check per provider (GET /models) before the 4 generation calls
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(4);
    expect(server.requests.slice(0, 2).map((request) => [request.method, request.path])).toEqual([
      ['GET', '/v1/models'],
      ['GET', '/v1/models'],
    ]);
  });
});
