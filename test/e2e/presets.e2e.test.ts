import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { presetCatalog } from '../../src/providers/preset-catalog.js';
import { presetEnvNames } from '../../src/providers/registry.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-presets-'));
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于秋天的短文。');
});

const report = (stdout: string) => JSON.parse(stdout) as JsonReport;
const key = (presetId: string) => `sk-${presetId}-test-key-123456`;

describe('every preset is pointed at any server by <ID>_BASE_URL and its key variable', () => {
  const presets = presetCatalog.filter((preset) => preset.defaultFormat !== 'mock');
  it.each(presets.map((preset) => [preset.id, preset] as const))('%s', async (id, preset) => {
    const names = presetEnvNames(preset);
    const anthropic = preset.defaultFormat === 'anthropic';
    const env: Record<string, string> = {
      [names.baseUrl[0] as string]: anthropic ? fakeServer().anthropicBaseURL : fakeServer().openaiBaseURL,
    };
    if (preset.requiresKey) env[names.apiKey[0] as string] = key(id);
    const run = await runCliInProcess(['-m', `${id}:model-x`, '-p', 'brief.md', '--json', '--max-tokens', '64'], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    expect(report(run.stdout).results[0]).toMatchObject({
      model: `${id}:model-x`,
      status: 'ok',
      usage: { inputTokens: 11, outputTokens: 7 },
    });
    const [sent] = fakeServer().requests;
    expect(sent?.path).toBe(anthropic ? '/v1/messages' : '/v1/chat/completions');
    expect(sent?.body.model).toBe('model-x');
    if (!anthropic) {
      const parameter = preset.quirks?.maxTokensParam ?? 'max_completion_tokens';
      expect(sent?.body[parameter]).toBe(64);
    }
    if (preset.quirks?.apiKeyHeader === 'api-key') {
      expect(sent?.headers['api-key']).toBe(key(id));
      expect(sent?.headers.authorization).toBeUndefined();
    } else if (preset.requiresKey && !anthropic) {
      expect(sent?.headers.authorization).toBe(`Bearer ${key(id)}`);
    }
    expect(run.stdout + run.stderr).not.toContain(key(id));
  });
});

describe('reasoning never ends up in the article', () => {
  it.each([
    [
      'MiniMax <think> split across chunks (streamed)',
      'minimax',
      { chunks: ['<th', 'ink>先列提纲', '，再写。</thi', 'nk>\n\n# 秋天', '\n正文'] },
      [],
    ],
    ['MiniMax <think> (not streamed)', 'minimax', { chunks: ['<think>先列提纲，再写。</think>\n\n# 秋天\n正文'] }, ['--no-stream']],
    ['DeepSeek reasoning_content', 'deepseek', { reasoning: '先列提纲，再写。', chunks: ['# 秋天\n正文'] }, []],
    [
      'OpenRouter reasoning_details',
      'openrouter',
      { reasoning: '先列提纲，再写。', reasoningField: 'reasoning_details', chunks: ['# 秋天\n正文'] },
      [],
    ],
    ['Claude thinking blocks', 'anthropic', { reasoning: '先列提纲，再写。', chunks: ['# 秋天\n正文'] }, []],
  ] as const)('%s', async (_name, presetId, reply, extra) => {
    fakeServer().replies.set('thinker', reply);
    const preset = presetCatalog.find((candidate) => candidate.id === presetId);
    const names = presetEnvNames(preset!);
    const baseURL = preset?.defaultFormat === 'anthropic' ? fakeServer().anthropicBaseURL : fakeServer().openaiBaseURL;
    const env = { [names.baseUrl[0] as string]: baseURL, [names.apiKey[0] as string]: key(presetId) };
    const run = await runCliInProcess(['-m', `${presetId}:thinker`, '-p', 'brief.md', '--json', ...extra], { cwd, env });
    const [result] = report(run.stdout).results;
    expect(result).toMatchObject({ status: 'ok', text: '# 秋天\n正文', reasoning: '先列提纲，再写。' });
    expect(readFileSync(result?.outputFile ?? '', 'utf8')).not.toContain('先列提纲');
    const shown = await runCliInProcess(['-m', `${presetId}:thinker`, '-p', 'brief.md', '--show-reasoning', ...extra], { cwd, env });
    expect(shown.stdout).toContain(`reasoning of ${presetId}:thinker`);
    expect(shown.stdout).toContain('先列提纲，再写。');
  });
});

describe('provider quirks', () => {
  it('clamps a temperature MiniMax would reject, with a warning', async () => {
    const env = { MINIMAX_BASE_URL: fakeServer().openaiBaseURL, MINIMAX_API_KEY: key('minimax') };
    const run = await runCliInProcess(['-m', 'minimax:MiniMax-M2.7', '-p', 'brief.md', '--temperature', '0', '--json'], { cwd, env });
    expect(run.code).toBe(0);
    expect(fakeServer().requests[0]?.body.temperature).toBe(0.01);
    expect(run.stderr).toContain('minimax:MiniMax-M2.7 accepts temperature in (0, 1]: --temperature 0 sent as 0.01');
    expect(report(run.stdout).results[0]?.warnings).toHaveLength(1);
  });

  it('leaves out a temperature a Kimi model does not accept, and reads usage from the final choice', async () => {
    fakeServer().replies.set('kimi-k2.6', { usageInChoice: true, usage: { input: 40, output: 12 } });
    const env = { KIMI_BASE_URL: fakeServer().openaiBaseURL, MOONSHOT_API_KEY: key('kimi') };
    const run = await runCliInProcess(['-m', 'kimi:kimi-k2.6', '-p', 'brief.md', '--temperature', '0.7', '--json'], { cwd, env });
    expect(fakeServer().requests[0]?.body).not.toHaveProperty('temperature');
    expect(run.stderr).toContain('accepts temperature 1 only');
    expect(report(run.stdout).results[0]?.usage).toMatchObject({ inputTokens: 40, outputTokens: 12 });
  });

  it('sends OpenRouter attribution headers', async () => {
    const env = {
      OPENROUTER_BASE_URL: fakeServer().openaiBaseURL,
      OPENROUTER_API_KEY: key('openrouter'),
      OPENROUTER_HTTP_REFERER: 'https://example.org/app',
    };
    await runCliInProcess(['-m', 'openrouter', '-p', 'brief.md', '--json'], { cwd, env });
    expect(fakeServer().requests[0]?.headers).toMatchObject({
      'x-openrouter-title': 'wechat-writer',
      'http-referer': 'https://example.org/app',
    });
  });

  it('reaches Azure through AZURE_OPENAI_ENDPOINT with the api-key header and api-version', async () => {
    const env = { AZURE_OPENAI_ENDPOINT: fakeServer().url, AZURE_OPENAI_API_KEY: key('azure'), AZURE_OPENAI_API_VERSION: '2024-10-21' };
    const run = await runCliInProcess(['-m', 'azure:my-deployment', '-p', 'brief.md', '--json'], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    const [sent] = fakeServer().requests;
    expect(sent?.path).toBe('/openai/v1/chat/completions');
    expect(sent?.query).toBe('api-version=2024-10-21');
    expect(sent?.headers['api-key']).toBe(key('azure'));
    expect(sent?.headers.authorization).toBeUndefined();
  });

  it('says which variable is missing for Azure instead of calling anything', async () => {
    const run = await runCliInProcess(['-m', 'azure', '-p', 'brief.md'], { cwd, env: { AZURE_OPENAI_API_KEY: key('azure') } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('wechat-writer: cannot use azure:gpt-5.6-luna: set AZURE_OPENAI_ENDPOINT');
  });

  it('talks to Claude through an OpenAI-format proxy when ANTHROPIC_API_FORMAT=openai', async () => {
    const env = { ANTHROPIC_API_FORMAT: 'openai', ANTHROPIC_BASE_URL: fakeServer().openaiBaseURL, ANTHROPIC_API_KEY: key('anthropic') };
    const run = await runCliInProcess(['-m', 'claude', '-p', 'brief.md', '--json'], { cwd, env });
    expect(run.code).toBe(0);
    expect(fakeServer().requests[0]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'claude-sonnet-5' } });
  });

  it('uses the China host with MINIMAX_REGION=cn and rejects an unknown region', async () => {
    const listing = await runCliInProcess(['models', '--json'], { cwd, env: { MINIMAX_REGION: 'cn', QWEN_REGION: 'intl' } });
    const providers = (JSON.parse(listing.stdout) as { providers: { id: string; baseURL: string }[] }).providers;
    expect(providers.find((provider) => provider.id === 'minimax')?.baseURL).toBe('https://api.minimaxi.com/v1');
    expect(providers.find((provider) => provider.id === 'qwen')?.baseURL).toBe('https://dashscope-intl.aliyuncs.com/compatible-mode/v1');
    const run = await runCliInProcess(['-m', 'minimax', 'x'], { cwd, env: { MINIMAX_REGION: 'mars', MINIMAX_API_KEY: 'k' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MINIMAX_REGION must be one of global, cn, not "mars"');
  });

  it('shows cache-read tokens on a repeated --cache Claude call', async () => {
    const env = { ANTHROPIC_BASE_URL: fakeServer().anthropicBaseURL, ANTHROPIC_API_KEY: key('anthropic') };
    const first = await runCliInProcess(['-m', 'claude:cache-test', '-p', 'brief.md', '--cache', '--json'], { cwd, env });
    // A wide terminal: at 80 columns the cache column is among the first to give way.
    const second = await runCliInProcess(['-m', 'claude:cache-test', '-p', 'brief.md', '--cache'], {
      cwd,
      env: { ...env, COLUMNS: '200' },
    });
    const firstUsage = report(first.stdout).results[0]?.usage;
    expect(firstUsage?.cacheWriteTokens).toBeGreaterThan(0);
    expect(firstUsage?.cacheReadTokens).toBe(0);
    const system = fakeServer().requests[0]?.body.system as { cache_control?: unknown }[];
    expect(system[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(second.stdout).toContain('Cache r/w');
    expect(second.stdout).toMatch(new RegExp(`│ +${firstUsage?.cacheWriteTokens}/0 │`));
  });

  it('models --remote asks the provider which models it serves, in either format', async () => {
    const deepseek = await runCliInProcess(['models', '--remote', 'deepseek'], {
      cwd,
      env: { DEEPSEEK_BASE_URL: fakeServer().openaiBaseURL, DEEPSEEK_API_KEY: key('deepseek') },
    });
    expect(deepseek.code).toBe(0);
    expect(deepseek.stdout).toBe('deepseek:served-model-a\ndeepseek:served-model-b\n');
    const claude = await runCliInProcess(['models', '--remote', 'anthropic', '--json'], {
      cwd,
      env: { ANTHROPIC_BASE_URL: fakeServer().anthropicBaseURL, ANTHROPIC_API_KEY: key('anthropic') },
    });
    expect(JSON.parse(claude.stdout)).toEqual({ provider: 'anthropic', models: ['served-model-a', 'served-model-b'] });
    const missing = await runCliInProcess(['models', '--remote', 'kimi'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('kimi:kimi-k2.6 needs MOONSHOT_API_KEY');
  });
});
