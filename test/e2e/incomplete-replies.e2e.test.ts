import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-incomplete-'));
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于春天的短文。');
});

const env = () => ({
  OPENAI_BASE_URL: fakeServer().openaiBaseURL,
  OPENAI_API_KEY: 'sk-incomplete-openai-1',
  ANTHROPIC_BASE_URL: fakeServer().anthropicBaseURL,
  ANTHROPIC_API_KEY: 'sk-ant-incomplete-2',
});

const run = (models: string, ...args: string[]) =>
  runCliInProcess(['-m', models, '-p', 'brief.md', '--json', ...args], { cwd, env: env() });

describe('a stream that ends without its terminator is never a success', () => {
  // Events: the opening chunk (OpenAI) or message_start, content_block_start and a ping (Anthropic), then the pieces.
  it.each([
    ['openai', 'OpenAI format: no finish reason, no [DONE]', 3],
    ['anthropic', 'Anthropic: no message_stop', 5],
  ] as const)('%s — %s: incomplete, retried, the partial text saved as INCOMPLETE, exit 1', async (format, _what, events) => {
    fakeServer().replies.set('early', { chunks: ['# 春天\n\n', '第一段', '第二段', '第三段'], endAfterEvents: events });
    fakeServer().replies.set('whole', {});
    const result = await run(`${format}:early,${format === 'openai' ? 'anthropic' : 'openai'}:whole`, '--retries', '1');
    expect(result.code).toBe(1);
    expect(fakeServer().requestCount('early')).toBe(2);
    const [early, whole] = (JSON.parse(result.stdout) as JsonReport).results;
    expect(early).toMatchObject({
      status: 'error',
      incomplete: true,
      text: '# 春天\n\n第一段',
      error: { type: 'NETWORK', retryable: true },
    });
    expect(early?.error?.message).toContain('stream ended before the reply was finished');
    expect(readFileSync(early?.outputFile ?? '', 'utf8')).toContain('INCOMPLETE');
    expect(whole).toMatchObject({ status: 'ok', incomplete: false });
  });

  it('a stream that ends cleanly with a finish reason but no [DONE] stays ok', async () => {
    // The OpenAI-format events: opening chunk, 2 pieces, the finish chunk, the usage chunk, [DONE]: stop before the usage.
    fakeServer().replies.set('nodone', { chunks: ['# 标题\n\n', '正文'], endAfterEvents: 4 });
    const result = await run('openai:nodone');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).results[0]).toMatchObject({ status: 'ok', incomplete: false, text: '# 标题\n\n正文' });
  });
});

describe('usage and reasoning survive failures', () => {
  it('a reply that spent its whole budget thinking keeps its tokens, reasoning and cost on the failed result', async () => {
    fakeServer().replies.set('gpt-5.6-luna', {
      chunks: [],
      reasoning: '先想一想结构……',
      finishReason: 'length',
      usage: { input: 120, output: 64, reasoning: 64 },
    });
    const result = await run('openai:gpt-5.6-luna');
    expect(result.code).toBe(1);
    const [failed] = (JSON.parse(result.stdout) as JsonReport).results;
    expect(failed).toMatchObject({
      status: 'error',
      reasoning: '先想一想结构……',
      finishReason: { unified: 'length', raw: 'length' },
      usage: { inputTokens: 120, noCacheInputTokens: 120, outputTokens: 64, reasoningTokens: 64 },
      error: { type: 'BAD_RESPONSE' },
    });
    expect(failed?.costUsd).toBeGreaterThan(0);
  });

  it('a refusal midway keeps its text as incomplete, with its usage: CONTENT_FILTER, not ok', async () => {
    fakeServer().replies.set('refuser', { chunks: ['# 标题\n\n', '开头'], finishReason: 'refusal', usage: { input: 30, output: 5 } });
    const result = await run('anthropic:refuser');
    expect(result.code).toBe(1);
    const [failed] = (JSON.parse(result.stdout) as JsonReport).results;
    expect(failed).toMatchObject({
      status: 'error',
      incomplete: true,
      text: '# 标题\n\n开头',
      finishReason: { unified: 'content-filter', raw: 'refusal' },
      usage: { outputTokens: 5 },
      error: { type: 'CONTENT_FILTER', retryable: false },
    });
  });
});

describe('incomplete and refused replies in a Chinese run', () => {
  const zh = (models: string, ...args: string[]) =>
    runCliInProcess(['-m', models, '-p', 'brief.md', '--json', ...args], { cwd, env: { ...env(), WECHAT_WRITER_LANG: 'zh-CN' } });

  it.each([
    ['openai', 3, '没有结束原因，也没有 [DONE]'],
    ['anthropic', 5, '没有收到 message_stop'],
  ] as const)('%s: a stream cut before its end says so in Chinese, its partial text kept', async (format, events, missing) => {
    fakeServer().replies.set('early', { chunks: ['# 春天\n\n', '第一段', '第二段'], endAfterEvents: events });
    const [early] = (JSON.parse((await zh(`${format}:early`, '--retries', '0')).stdout) as JsonReport).results;
    expect(early).toMatchObject({ status: 'error', incomplete: true, error: { type: 'NETWORK' } });
    expect(early?.error?.message).toBe(
      `NETWORK：回复还没写完，流就结束了（${missing}），已收到的文字作为不完整稿件保留。解决办法：再试一次`,
    );
  });

  it('a reply that spent its whole budget thinking, and a refusal, name the fix', async () => {
    fakeServer().replies.set('thinker', { chunks: [], reasoning: '先想一想', finishReason: 'length', usage: { input: 10, output: 8 } });
    fakeServer().replies.set('refuser', { chunks: ['# 标题\n\n', '开头'], finishReason: 'refusal' });
    const results = (JSON.parse((await zh('openai:thinker,anthropic:refuser')).stdout) as JsonReport).results;
    expect(results[0]?.error?.message).toBe('BAD_RESPONSE：模型在思考中用完了全部输出 Token，还没写出正文。解决办法：调高 --max-tokens');
    expect(results[1]?.error?.message).toBe(
      'CONTENT_FILTER：服务商过滤或拒绝了这次回复（结束原因 refusal）。解决办法：换个说法改写写作简报',
    );
  });
});
