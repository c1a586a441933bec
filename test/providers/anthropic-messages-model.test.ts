import { describe, expect, it } from 'vitest';
import {
  createAnthropicMessagesModel,
  defaultAnthropicMaxTokens,
} from '../../src/providers/wire-formats/anthropic/anthropic-messages-model.js';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { providerErrorOf, useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();

const secret = 'sk-ant-test-secret-abcdef123';
const model = () =>
  createAnthropicMessagesModel({
    provider: 'anthropic',
    modelId: 'claude-test',
    apiKey: secret,
    baseURL: fakeServer().anthropicBaseURL,
    apiKeyEnv: 'ANTHROPIC_API_KEY',
  });
const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  modelId: 'claude-test',
  system: '你是编辑',
  prompt: '写一篇文章',
  maxTokens: 300,
  temperature: 0.5,
  timeoutMs: 5000,
  ...overrides,
});

describe('Anthropic Messages adapter (real SDK, local server)', () => {
  it('streams text and merges usage from message_start and message_delta', async () => {
    fakeServer().replies.set('claude-test', {
      chunks: ['# 标题\n', '春天'],
      usage: { input: 30, output: 12, cacheRead: 8, cacheWrite: 2 },
    });
    const deltas: string[] = [];
    const result = await model().stream(request(), (delta) => deltas.push(delta.text));

    expect(deltas).toEqual(['# 标题\n', '春天']);
    expect(result.text).toBe('# 标题\n春天');
    expect(result.usage).toEqual({
      inputTokens: 40,
      noCacheInputTokens: 30,
      outputTokens: 12,
      cacheReadTokens: 8,
      cacheWriteTokens: 2,
      reasoningTokens: null,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.responseModel).toBe('claude-test-served');
    expect(result.requestId).toBe('req_anthropic_456');
    expect(result.ttftMs).not.toBeNull();

    const [sent] = fakeServer().requests;
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers['x-api-key']).toBe(secret);
    expect(sent?.body).toMatchObject({
      model: 'claude-test',
      stream: true,
      max_tokens: 300,
      temperature: 0.5,
      system: '你是编辑',
      messages: [{ role: 'user', content: '写一篇文章' }],
    });
  });

  it('works without streaming, with thinking kept out of the text', async () => {
    fakeServer().replies.set('claude-test', {
      chunks: ['正文'],
      reasoning: '思考过程',
      usage: { input: 4, output: 3 },
      finishReason: 'max_tokens',
    });
    const result = await model().generate(request());
    expect(result.text).toBe('正文');
    expect(result.reasoning).toBe('思考过程');
    expect(result.ttftMs).toBeNull();
    expect(result.usage).toMatchObject({ inputTokens: 4, outputTokens: 3 });
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
  });

  it('streams thinking blocks into reasoning, not text', async () => {
    fakeServer().replies.set('claude-test', { chunks: ['答案'], reasoning: '想法' });
    const result = await model().stream(request(), () => {});
    expect(result.text).toBe('答案');
    expect(result.reasoning).toBe('想法');
  });

  it('sends the required max_tokens when none is set', async () => {
    await model().generate(request({ maxTokens: null, temperature: null, system: null }));
    const body = fakeServer().requests[0]?.body ?? {};
    expect(body.max_tokens).toBe(defaultAnthropicMaxTokens);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('system');
  });

  it('gives null token counts when the server reports none', async () => {
    fakeServer().replies.set('claude-test', { usage: null });
    const result = await model().stream(request(), () => {});
    expect(result.usage.inputTokens).toBeNull();
    expect(result.usage.outputTokens).toBeNull();
  });

  it('maps 529 overloaded_error to OVERLOADED and 401 to AUTH without leaking the key', async () => {
    fakeServer().replies.set('claude-test', {
      status: 529,
      errorBody: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    const overloaded = await providerErrorOf(model().stream(request(), () => {}));
    expect(overloaded).toMatchObject({ type: 'OVERLOADED', retryable: true, status: 529 });

    fakeServer().replies.set('claude-test', {
      status: 401,
      errorBody: { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${secret}` } },
    });
    const auth = await providerErrorOf(model().generate(request()));
    expect(auth.type).toBe('AUTH');
    expect(auth.message).toContain('ANTHROPIC_API_KEY');
    expect(auth.message).not.toContain(secret);
    expect(fakeServer().requests).toHaveLength(2);
  });

  it('maps the credit-balance 400 to QUOTA_EXCEEDED', async () => {
    fakeServer().replies.set('claude-test', {
      status: 400,
      errorBody: {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API.' },
      },
    });
    const error = await providerErrorOf(model().generate(request()));
    expect(error).toMatchObject({ type: 'QUOTA_EXCEEDED', retryable: false });
  });

  it('aborts a stalled stream as TIMEOUT', async () => {
    fakeServer().replies.set('claude-test', { stallAfterEvents: 3 });
    const error = await providerErrorOf(model().stream(request({ timeoutMs: 300 }), () => {}));
    expect(error.type).toBe('TIMEOUT');
  });
});
