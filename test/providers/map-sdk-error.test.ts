import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { checkReply } from '../../src/providers/check-reply.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { mapSdkError, type SdkErrorContext } from '../../src/providers/map-sdk-error.js';

const context: SdkErrorContext = {
  provider: 'openai',
  model: 'm',
  apiKeyEnv: 'OPENAI_API_KEY',
  timeoutMs: 5000,
  timedOut: false,
  cancelled: false,
  secrets: ['sk-secret-value-123456'],
};

describe.each([
  ['openai', OpenAI],
  ['@anthropic-ai/sdk', Anthropic],
])('mapSdkError with %s error classes', (_name, sdk) => {
  it('maps connection, timeout and abort errors', () => {
    expect(mapSdkError(new sdk.APIConnectionError({ message: 'Connection error.' }), sdk, context).type).toBe('NETWORK');
    expect(mapSdkError(new sdk.APIConnectionTimeoutError(), sdk, context).type).toBe('TIMEOUT');
    expect(mapSdkError(new sdk.APIUserAbortError(), sdk, context).type).toBe('CANCELLED');
  });

  it('uses what the idle timer and the caller say over the error class', () => {
    expect(mapSdkError(new sdk.APIUserAbortError(), sdk, { ...context, timedOut: true })).toMatchObject({
      type: 'TIMEOUT',
      retryable: true,
    });
    expect(mapSdkError(new Error('aborted'), sdk, { ...context, cancelled: true })).toMatchObject({ type: 'CANCELLED', retryable: false });
  });

  it('maps HTTP errors through their status and body', () => {
    const error = sdk.APIError.generate(
      429,
      { error: { type: 'rate_limit_error', message: 'slow' } },
      undefined,
      new Headers({ 'retry-after': '2' }),
    );
    expect(mapSdkError(error, sdk, context)).toMatchObject({ type: 'RATE_LIMIT', status: 429, retryAfterMs: 2000 });
  });
});

describe('mapSdkError with raw errors', () => {
  it('maps a cut connection, unparseable JSON and anything else, without secrets', () => {
    expect(mapSdkError(new TypeError('terminated'), OpenAI, context).type).toBe('NETWORK');
    expect(mapSdkError(new SyntaxError('Unexpected end of JSON input'), OpenAI, context).type).toBe('BAD_RESPONSE');
    const unknown = mapSdkError(new Error('weird sk-secret-value-123456'), OpenAI, context);
    expect(unknown.type).toBe('UNKNOWN');
    expect(unknown.message).not.toContain('sk-secret-value-123456');
  });
});

describe('checkReply', () => {
  const reply = (text: string, raw: string) => ({
    text,
    reasoning: null,
    finishReason: { unified: raw === 'content_filter' ? ('content-filter' as const) : ('stop' as const), raw },
    usage: emptyUsage(),
    latencyMs: 1,
    ttftMs: null,
    responseModel: null,
    requestId: null,
  });

  it('passes text through and turns empty replies into typed failures', () => {
    expect(checkReply(reply('文章', 'stop'), 'openai', 'm').text).toBe('文章');
    expect(() => checkReply(reply(' ', 'stop'), 'openai', 'm')).toThrowError(/BAD_RESPONSE: the model returned an empty reply/);
    expect(() => checkReply(reply('', 'content_filter'), 'openai', 'm')).toThrowError(/CONTENT_FILTER/);
  });
});
