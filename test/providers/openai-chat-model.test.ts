import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { createOpenAIChatModel } from '../../src/providers/wire-formats/openai/openai-chat-model.js';
import { startFakeLlmServer } from '../support/fake-llm-server.js';
import { providerErrorOf, useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();

const secret = 'sk-test-openai-secret-123456';
const model = () =>
  createOpenAIChatModel({
    provider: 'openai',
    modelId: 'gpt-test',
    apiKey: secret,
    baseURL: fakeServer().openaiBaseURL,
    apiKeyEnv: 'OPENAI_API_KEY',
  });
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  modelId: 'gpt-test',
  system: '你是编辑',
  prompt: '写一篇文章',
  maxTokens: 500,
  temperature: 0.7,
  timeoutMs: 5000,
  ...overrides,
});

describe('OpenAI Chat Completions adapter (real SDK, local server)', () => {
  it('streams text with include_usage and reports exactly the usage the server sent', async () => {
    fakeServer().replies.set('gpt-test', {
      chunks: ['# 标题\n', '你好', '，世界'],
      usage: { input: 21, output: 9, cacheRead: 4, reasoning: 3 },
    });
    const deltas: string[] = [];
    const result = await model().stream(request(), (delta) => deltas.push(delta.text));

    expect(deltas).toEqual(['# 标题\n', '你好', '，世界']);
    expect(result.text).toBe('# 标题\n你好，世界');
    expect(result.usage).toEqual({
      inputTokens: 21,
      noCacheInputTokens: 17,
      outputTokens: 9,
      cacheReadTokens: 4,
      cacheWriteTokens: null,
      reasoningTokens: 3,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.responseModel).toBe('gpt-test-served');
    expect(result.requestId).toBe('req_openai_123');
    expect(result.ttftMs).not.toBeNull();
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.ttftMs ?? 0);

    const [sent] = fakeServer().requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${secret}`);
    expect(sent?.body).toMatchObject({
      model: 'gpt-test',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 500,
      temperature: 0.7,
      messages: [
        { role: 'system', content: '你是编辑' },
        { role: 'user', content: '写一篇文章' },
      ],
    });
  });

  it('works without streaming and reports no TTFT', async () => {
    fakeServer().replies.set('gpt-test', { chunks: ['整篇', '文章'], usage: { input: 5, output: 2 }, finishReason: 'length' });
    const result = await model().generate(request());
    expect(result.text).toBe('整篇文章');
    expect(result.ttftMs).toBeNull();
    expect(result.usage.inputTokens).toBe(5);
    expect(result.usage.outputTokens).toBe(2);
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'length' });
    expect(fakeServer().requests[0]?.body.stream).toBe(false);
  });

  it('gives null token counts when the server reports no usage', async () => {
    fakeServer().replies.set('gpt-test', { usage: null });
    const streamed = await model().stream(request(), () => {});
    const whole = await model().generate(request());
    expect(streamed.usage.inputTokens).toBeNull();
    expect(streamed.usage.outputTokens).toBeNull();
    expect(whole.usage.outputTokens).toBeNull();
  });

  it('keeps reasoning_content out of the article text', async () => {
    fakeServer().replies.set('gpt-test', { reasoning: '先想一想', chunks: ['正文'] });
    const result = await model().stream(request(), () => {});
    expect(result.text).toBe('正文');
    expect(result.reasoning).toBe('先想一想');
  });

  it('omits max tokens and temperature when not set', async () => {
    await model().generate(request({ maxTokens: null, temperature: null, system: null }));
    const body = fakeServer().requests[0]?.body ?? {};
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body).not.toHaveProperty('temperature');
    expect(body.messages).toEqual([{ role: 'user', content: '写一篇文章' }]);
  });

  it('maps 401 to AUTH naming the env var, without the key, and makes exactly one request', async () => {
    fakeServer().replies.set('gpt-test', {
      status: 401,
      errorBody: { error: { message: `Incorrect API key provided: ${secret}`, type: 'invalid_request_error', code: 'invalid_api_key' } },
    });
    const error = await providerErrorOf(model().stream(request(), () => {}));
    expect(error.type).toBe('AUTH');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain(secret);
    expect(fakeServer().requests).toHaveLength(1);
  });

  it('maps 429 to RATE_LIMIT with the server-requested wait, and insufficient_quota to QUOTA_EXCEEDED', async () => {
    fakeServer().replies.set('gpt-test', {
      status: 429,
      headers: { 'retry-after-ms': '1500' },
      errorBody: { error: { message: 'slow down', type: 'requests' } },
    });
    const limited = await providerErrorOf(model().generate(request()));
    expect(limited).toMatchObject({ type: 'RATE_LIMIT', retryable: true, retryAfterMs: 1500 });
    fakeServer().replies.set('gpt-test', {
      status: 429,
      errorBody: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } },
    });
    const quota = await providerErrorOf(model().generate(request()));
    expect(quota).toMatchObject({ type: 'QUOTA_EXCEEDED', retryable: false });
    expect(fakeServer().requests).toHaveLength(2);
  });

  it('aborts a stream that stalls after its headers as TIMEOUT', async () => {
    fakeServer().replies.set('gpt-test', { stallAfterEvents: 2 });
    const error = await providerErrorOf(model().stream(request({ timeoutMs: 300 }), () => {}));
    expect(error.type).toBe('TIMEOUT');
  });

  it('maps a refused connection to NETWORK', async () => {
    const closed = await startFakeLlmServer();
    await closed.close();
    const offline = createOpenAIChatModel({
      provider: 'openai',
      modelId: 'gpt-test',
      apiKey: secret,
      baseURL: closed.openaiBaseURL,
      apiKeyEnv: 'OPENAI_API_KEY',
    });
    const error = await providerErrorOf(offline.generate(request()));
    expect(error.type).toBe('NETWORK');
    expect(error.message).toContain('could not reach the provider (ECONNREFUSED)');
    expect(error.message).not.toContain(secret);
  });
});
