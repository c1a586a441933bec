import { describe, expect, it } from 'vitest';
import { mapHttpError } from '../../src/providers/map-http-error.js';
import { parseRetryAfter } from '../../src/providers/parse-retry-after.js';
import { redactSecrets, redactUrlCredentials } from '../../src/providers/redact-secrets.js';

const base = { provider: 'openai', model: 'm', headers: undefined, requestId: null, apiKeyEnv: 'OPENAI_API_KEY' };

describe('mapHttpError', () => {
  it.each([
    [401, {}, 'AUTH', false],
    [403, {}, 'PERMISSION', false],
    [429, { error: { type: 'requests', message: 'slow down' } }, 'RATE_LIMIT', true],
    [429, { error: { code: 'insufficient_quota', message: 'quota' } }, 'QUOTA_EXCEEDED', false],
    [402, {}, 'QUOTA_EXCEEDED', false],
    [404, { error: { code: 'model_not_found' } }, 'MODEL_NOT_FOUND', false],
    [400, { error: { code: 'context_length_exceeded', message: "This model's maximum context length is 8192" } }, 'CONTEXT_LENGTH', false],
    [400, { error: { code: 'content_filter', message: 'blocked' } }, 'CONTENT_FILTER', false],
    [422, { error: { message: 'temperature out of range' } }, 'BAD_REQUEST', false],
    [500, {}, 'SERVER_ERROR', true],
    [503, {}, 'SERVER_ERROR', true],
    [529, { type: 'error', error: { type: 'overloaded_error' } }, 'OVERLOADED', true],
    [undefined, { error: { type: 'api_error', message: 'internal' } }, 'SERVER_ERROR', true],
  ] as const)('maps status %s %j to %s', (status, body, type, retryable) => {
    const error = mapHttpError({ ...base, status, body });
    expect(error.type).toBe(type);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status ?? null);
  });

  it('names the key variable on AUTH and never repeats a key the server echoed', () => {
    const error = mapHttpError({
      ...base,
      status: 401,
      body: { error: { message: 'Incorrect API key provided: sk-live-abcdefghijkl' } },
      secrets: ['sk-live-abcdefghijkl'],
    });
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(error.message).not.toContain('sk-live-abcdefghijkl');
  });
});

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Sat, 21 Nov 2026 10:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter(new Headers())).toBeNull();
  });
});

describe('redactSecrets', () => {
  it('removes given secrets and key-shaped strings', () => {
    expect(redactSecrets('key abc123secret here', ['abc123secret'])).toBe('key [redacted] here');
    expect(redactSecrets('Bearer sk-proj-1234567890abcdef')).toBe('Bearer [redacted]');
    expect(redactUrlCredentials('https://user:pa55@proxy.example/v1')).toBe('https://***@proxy.example/v1');
  });
});
