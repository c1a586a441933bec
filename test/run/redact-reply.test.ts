import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { resolveModel, secretsOf } from '../../src/providers/registry.js';
import { createStreamRedactor, redactProviderError, redactResult } from '../../src/run/redact-reply.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { okResult } from '../support/model-result-fixture.js';

const key = 'hk_live_7f3a9c2e41d8b6';
const header = 'team-secret-9d2f71c4e0';

/** Feeds the pieces through a redactor, as a stream would, and returns what was passed on, piece by piece. */
function stream(pieces: readonly string[], secrets: readonly string[]) {
  const redactor = createStreamRedactor(secrets);
  const passed = pieces.map((piece) => redactor.push(piece));
  return { passed, all: passed.join('') + redactor.finish() };
}

describe('createStreamRedactor', () => {
  const text = `before ${key} middle ${header} after`;

  it('redacts a secret split at every position, and never passes on a piece of one', () => {
    for (let cut = 0; cut <= text.length; cut += 1) {
      for (let second = cut; second <= text.length; second += 7) {
        const { passed, all } = stream([text.slice(0, cut), text.slice(cut, second), text.slice(second)], [key, header]);
        expect(all).toBe('before [redacted] middle [redacted] after');
        for (const piece of passed) expect(piece.includes(key.slice(0, 4)) || piece.includes(header.slice(0, 4))).toBe(false);
      }
    }
  });

  it('redacts secrets that arrive one character per piece', () => {
    const { passed, all } = stream([...text], [key, header]);
    expect(all).toBe('before [redacted] middle [redacted] after');
    expect(passed.join('')).not.toContain(key.slice(0, 2));
  });

  it('holds back only what could still become a secret: ordinary text passes at once', () => {
    const redactor = createStreamRedactor([key]);
    expect(redactor.push('Hello, world. ')).toBe('Hello, world. ');
    expect(redactor.push('the hk_li')).toBe('the ');
    expect(redactor.push('nt is not it')).toBe('hk_lint is not it');
    expect(redactor.push('h')).toBe('');
    expect(redactor.finish()).toBe('h');
  });

  it('passes everything through when the run knows no secret (or only ones too short to look for)', () => {
    expect(stream(['a', 'b', 'abc'], []).passed).toEqual(['a', 'b', 'abc']);
    expect(stream(['ab', 'c'], ['abc']).all).toBe('abc');
  });

  it('flushes the held back end redacted', () => {
    const redactor = createStreamRedactor([key]);
    expect(redactor.push(`x ${key.slice(0, 10)}`)).toBe('x ');
    expect(redactor.push(key.slice(10))).toBe('[redacted]');
    expect(redactor.finish()).toBe('');
  });
});

describe('redactResult and redactProviderError', () => {
  it('redact every field a server fills, article text by exact value only', () => {
    const result = redactResult(
      okResult('p:m', `text ${key} sk-lookslikeakey123`, {
        reasoning: `thinking ${header}`,
        responseModel: `${key}-model`,
        requestId: header,
        warnings: [`warned ${key}`],
        fallback: {
          from: 'a:b',
          error: { type: 'AUTH', message: `bad ${key}`, retryable: false, status: 401, requestId: key, retryAfterMs: null },
        },
        error: {
          type: 'BAD_REQUEST',
          message: `bad ${header} sk-lookslikeakey123`,
          retryable: false,
          status: 400,
          requestId: key,
          retryAfterMs: null,
        },
      }),
      [key, header],
    );
    expect(JSON.stringify(result)).not.toContain(key);
    expect(JSON.stringify(result)).not.toContain(header);
    expect(result.text).toBe('text [redacted] sk-lookslikeakey123');
    expect(result.error?.message).toBe('bad [redacted] [redacted]');
    expect(result.responseModel).toBe('[redacted]-model');
  });

  it('a failure loses the secrets from its message, partial text, reply and every cause', () => {
    const cause = new Error(`body: {"error": "${key}"}`, {
      cause: new SyntaxError(`Unexpected token 'h', "${key.slice(0, 10)}"... is not valid JSON`),
    });
    const error = new ProviderError(
      {
        type: 'BAD_RESPONSE',
        message: `bad ${key}`,
        provider: 'p',
        model: 'm',
        status: null,
        requestId: header,
        retryable: false,
        retryAfterMs: null,
        partialText: `partial ${key}`,
        reply: { text: `partial ${key}`, reasoning: header, usage: emptyUsage(), finishReason: null, responseModel: key },
      },
      { cause },
    );
    const redacted = redactProviderError(error, [key, header]);
    const chain: string[] = [];
    for (let link: unknown = redacted; link instanceof Error; link = link.cause) chain.push(link.message, link.stack ?? '');
    const everything = JSON.stringify(redacted.fields()) + chain.join('\n');
    expect(everything).not.toContain(key.slice(0, 8));
    expect(everything).not.toContain(header);
    expect(redacted).toBeInstanceOf(ProviderError);
    expect(redacted.type).toBe('BAD_RESPONSE');
  });
});

describe('the secrets a model knows', () => {
  it('are its keys, its secret header and query values, the secret ${VAR}s of its config and every ${VAR} of its headers; not literal header words', () => {
    const env = {
      HOSTILE_KEY: key,
      TEAM_SECRET: header,
      ORG_TOKEN: 'org-token-value-1',
      ORG_ID: 'org-7f3a9c2e51',
      TEAM: 'writers',
      BASE: 'http://127.0.0.1:9',
    };
    const settings = parseConfig(
      [
        'providers:',
        '  local:',
        '    type: openai',
        '    baseURL: ${BASE}/v1?sig=${ORG_TOKEN}',
        '    apiKeyEnv: HOSTILE_KEY',
        '    headers:',
        '      X-Custom-Secret: ${TEAM_SECRET}',
        '      X-Team: ${TEAM}',
        '      X-Org: ${ORG_ID}',
        '      X-Plain: writers-guild',
        '      X-Author: jane-the-author',
        '      Authorization-Extra: Bearer literal-bearer-token',
        '      X-Relay: "{ORG_TOKEN}"',
      ].join('\n'),
      'test.yaml',
      env,
    );
    const model = resolveModel('local:m', env, settings.catalog);
    const secrets = secretsOf(model);
    expect(secrets).toEqual(
      expect.arrayContaining([key, header, 'org-token-value-1', 'org-7f3a9c2e51', 'Bearer literal-bearer-token', 'literal-bearer-token']),
    );
    // A header value from a variable is a secret from 8 characters on; a short word never is.
    expect(secrets).not.toContain('writers');
    expect(secrets).not.toContain('writers-guild');
    expect(secrets).not.toContain('jane-the-author');
  });

  it("include a password in the base URL and the proxy's password", () => {
    const model = resolveModel('deepseek', {
      DEEPSEEK_API_KEY: key,
      DEEPSEEK_BASE_URL: 'https://user:hunter2pass@proxy.example/v1',
      HTTPS_PROXY: 'http://me:proxy%40pass@127.0.0.1:7890',
    });
    expect(secretsOf(model)).toEqual([key, 'hunter2pass', 'proxy@pass']);
  });
});
