import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { startFakeLlmServer, type FakeLlmServer } from '../support/fake-llm-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let server: FakeLlmServer;
let cwd: string;
const openaiKey = 'sk-e2e-openai-key-0001';
const anthropicKey = 'sk-ant-e2e-key-0002';
const brief = '# 冬季新品\n为咖啡店写一篇冬季新品推文。';

beforeAll(async () => {
  server = await startFakeLlmServer({
    'gpt-e2e': { chunks: ['# 冬日咖啡\n\n', '第一段。'], usage: { input: 101, output: 42 } },
    'claude-e2e': { chunks: ['# 热可可\n\n', '第二段。'], usage: { input: 77, output: 33, cacheRead: 5 } },
    'gpt-broken': {
      status: 500,
      headers: { 'retry-after-ms': '5' },
      errorBody: { error: { message: 'upstream exploded', type: 'server_error' } },
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-e2e-'));
  writeFileSync(path.join(cwd, 'brief.md'), brief);
});

const providerEnv = () => ({
  OPENAI_BASE_URL: server.openaiBaseURL,
  OPENAI_API_KEY: openaiKey,
  ANTHROPIC_BASE_URL: server.anthropicBaseURL,
  ANTHROPIC_API_KEY: anthropicKey,
});

describe.each([
  ['streamed', []],
  ['--no-stream', ['--no-stream']],
])('wechat-writer --models openai:…,anthropic:… --prompt brief.md --json (%s)', (_label, extra) => {
  it('returns both texts with exactly the usage the server reported, and saves both files', async () => {
    const run = await runCliInProcess(['--models', 'openai:gpt-e2e,anthropic:claude-e2e', '--prompt', 'brief.md', '--json', ...extra], {
      cwd,
      env: providerEnv(),
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report).toMatchObject({
      version: 1,
      runId: expect.any(Number),
      prompt: { source: 'brief.md', chars: Array.from(brief).length },
    });
    const [openai, anthropic] = report.results;
    expect(openai).toMatchObject({
      model: 'openai:gpt-e2e',
      provider: 'openai',
      status: 'ok',
      text: '# 冬日咖啡\n\n第一段。',
      usage: { inputTokens: 101, noCacheInputTokens: 101, outputTokens: 42 },
      error: null,
    });
    expect(anthropic).toMatchObject({
      model: 'anthropic:claude-e2e',
      status: 'ok',
      text: '# 热可可\n\n第二段。',
      // Messages sent input_tokens 77 without the 5 read from the cache: the normalized input is the total.
      usage: { inputTokens: 82, noCacheInputTokens: 77, outputTokens: 33, cacheReadTokens: 5 },
    });
    const streamed = extra.length === 0;
    expect(openai?.ttftMs === null).toBe(!streamed);
    expect(server.requests.map((request) => request.body.stream)).toEqual([streamed, streamed]);
    for (const result of report.results) {
      expect(path.isAbsolute(result.outputFile ?? '')).toBe(true);
      expect(readFileSync(result.outputFile ?? '', 'utf8')).toContain(result.text ?? '');
    }
    expect(readdirSync(path.join(cwd, 'output')).sort()).toEqual([
      expect.stringMatching(/^\d{8}-\d{6}_brief_anthropic-claude-e2e\.md$/),
      expect.stringMatching(/^\d{8}-\d{6}_brief_openai-gpt-e2e\.md$/),
    ]);
    expect(run.stdout + run.stderr).not.toContain(openaiKey);
    expect(run.stdout + run.stderr).not.toContain(anthropicKey);
  });
});

describe('wechat-writer end to end', () => {
  it('prints a table on stdout without ANSI codes when piped, and exits 0', async () => {
    // wide enough for the token columns, which give way first at 80 columns
    const run = await runCliInProcess(['-m', 'openai:gpt-e2e,anthropic:claude-e2e', '-p', 'brief.md'], {
      cwd,
      env: { ...providerEnv(), COLUMNS: '160' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('冬日咖啡');
    expect(run.stdout).toContain('openai:gpt-e2e');
    expect(run.stdout).toMatch(/│ +101 │ +42 │/);
    expect(run.stdout + run.stderr).not.toMatch(/\u001b\[/);
  });

  it('keeps the other results when one model fails, and exits 1', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-broken,anthropic:claude-e2e', '-p', 'brief.md', '--json'], {
      cwd,
      env: providerEnv(),
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]).toMatchObject({
      status: 'error',
      text: null,
      outputFile: null,
      error: { type: 'SERVER_ERROR', retryable: true },
    });
    expect(report.results[1]).toMatchObject({ status: 'ok', text: '# 热可可\n\n第二段。' });
    expect(readdirSync(path.join(cwd, 'output'))).toHaveLength(1);
  });

  it('fails with exit 2 and one line naming the variable when a key is missing, calling nothing', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-e2e,claude', '-p', 'brief.md'], {
      cwd,
      env: { OPENAI_API_KEY: openaiKey, OPENAI_BASE_URL: server.openaiBaseURL },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'wechat-writer: missing API key: anthropic:claude-sonnet-5 needs ANTHROPIC_API_KEY; set it in the environment or in .env (see .env.example)',
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('exits 2 on an unknown model or a bad flag', async () => {
    const unknown = await runCliInProcess(['-m', 'llama3', 'topic'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model "llama3": known providers: openai, anthropic, minimax, deepseek/);
    const badFlag = await runCliInProcess(['--max-tokens', 'lots', '-m', 'mock', 'x'], { cwd });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr.trim()).toBe('wechat-writer: --max-tokens takes a whole number of at least 1, got "lots"');
    const unknownOption = await runCliInProcess(['--bogus'], { cwd });
    expect(unknownOption.code).toBe(2);
  });

  it('loads .env without overriding the real environment', async () => {
    writeFileSync(
      path.join(cwd, '.env'),
      `OPENAI_API_KEY=${openaiKey}\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\nWECHAT_WRITER_MODELS=openai:gpt-e2e\n`,
    );
    const run = await runCliInProcess(['-p', 'brief.md', '--json'], { cwd, env: { OPENAI_BASE_URL: server.openaiBaseURL } });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).results[0]).toMatchObject({ model: 'openai:gpt-e2e', status: 'ok' });
  });

  it('runs the mock provider with no keys and no network, topic from the positional argument', async () => {
    const run = await runCliInProcess(['--models', 'mock:alpha,mock:beta', '咖啡店的', '冬季新品', '--json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.prompt.source).toBe('topic');
    expect(report.results.map((result) => [result.model, result.status])).toEqual([
      ['mock:alpha', 'ok'],
      ['mock:beta', 'ok'],
    ]);
    expect(report.results[0]?.outputFile).toMatch(/_咖啡店的-冬季新品_mock-alpha\.md$/);
  });

  it('reads the brief from stdin with --prompt -', async () => {
    const run = await runCliInProcess(['-m', 'mock', '-p', '-', '--json'], { cwd, input: '# 管道里的简报\n内容' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).prompt.source).toBe('stdin');
  });

  it('lists models with key status and never the key', async () => {
    const run = await runCliInProcess(['models', '--json'], { cwd, env: { OPENAI_API_KEY: openaiKey, CLAUDE_API_KEY: anthropicKey } });
    expect(run.code).toBe(0);
    const listing = JSON.parse(run.stdout) as {
      providers: { id: string; aliases: string[]; defaultModel: string; apiKeyEnv: string | null; keyConfigured: boolean }[];
    };
    const configured = Object.fromEntries(listing.providers.map((provider) => [provider.id, provider.keyConfigured]));
    expect(configured).toMatchObject({ openai: true, anthropic: true, minimax: false, deepseek: false, ollama: true, mock: true });
    expect(listing.providers.map((provider) => provider.id)).toEqual([
      'openai',
      'anthropic',
      'minimax',
      'deepseek',
      'qwen',
      'kimi',
      'glm',
      'doubao',
      'gemini',
      'openrouter',
      'azure',
      'ollama',
      'siliconflow',
      'mock',
    ]);
    expect(listing.providers[1]).toMatchObject({
      aliases: ['anthropic', 'claude'],
      apiKeyEnv: 'CLAUDE_API_KEY',
      defaultModel: 'anthropic:claude-sonnet-5',
    });
    expect(run.stdout).not.toContain(openaiKey);
    expect(run.stdout).not.toContain(anthropicKey);
    const table = await runCliInProcess(['models'], { cwd });
    expect(table.stdout).toContain('✗ set OPENAI_API_KEY');
  });

  it('answers --version and --help', async () => {
    const version = await runCliInProcess(['--version'], { cwd });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCliInProcess(['--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--no-stream');
    expect(help.stdout).toContain('Examples:');
  });
});

describe('reports and output display', () => {
  it.each([
    ['report.html', '<article class="output"'],
    ['report.md', '## mock:alpha'],
    ['report.csv', '\ufeffmodel,provider,status'],
    ['nested/dir/report.json', '"version": 1'],
  ])('--report %s writes the report and still prints the table', async (file, marker) => {
    const run = await runCliInProcess(['-m', 'mock:alpha,mock:beta', '冬季新品', '--report', file], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('mock:beta');
    expect(run.stderr).toContain(`report: ${file}`);
    expect(readFileSync(path.join(cwd, file), 'utf8')).toContain(marker);
  });

  it('rejects an unknown --report extension before calling anything', async () => {
    const run = await runCliInProcess(['-m', 'openai:gpt-e2e', '-p', 'brief.md', '--report', 'out.pdf'], { cwd, env: providerEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('wechat-writer: --report "out.pdf" has an unknown extension: use .html, .md, .csv or .json');
    expect(server.requests).toHaveLength(0);
  });

  it('--show full prints each output after the table; --live streams text under a header per model', async () => {
    const shown = await runCliInProcess(['-m', 'mock:alpha,mock:beta', '冬季新品', '--show', 'full'], { cwd });
    expect(shown.stdout.indexOf('━━ mock:alpha ━━')).toBeGreaterThan(shown.stdout.indexOf('└'));
    expect(shown.stdout).toContain('━━ mock:beta ━━');
    const live = await runCliInProcess(['-m', 'mock:alpha,mock:beta', '冬季新品', '--live'], { cwd });
    expect(live.stdout.indexOf('── [1/2] mock:alpha ──')).toBeLessThan(live.stdout.indexOf('── [2/2] mock:beta ──'));
    expect(live.stdout.indexOf('── [2/2] mock:beta ──')).toBeLessThan(live.stdout.indexOf('┌'));
    expect(live.stdout).not.toContain('━━');
    const hidden = await runCliInProcess(['-m', 'mock:alpha', '冬季新品', '--show', 'none'], { cwd });
    expect(hidden.stdout).not.toContain('本文由模拟模型');
    const bad = await runCliInProcess(['-m', 'mock:alpha', 'x', '--show', 'some'], { cwd });
    expect(bad.code).toBe(2);
  });

  it('never waits for input without a terminal', async () => {
    const run = await runCliInProcess([], { cwd, keepStdinOpen: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no models selected: pass --models');
  });
});
