import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { formatLimit, parseLimit } from '../../src/limits/limit-spec.js';
import { limitedKeys } from '../../src/limits/model-keys.js';
import { resolveModelList } from '../../src/providers/registry.js';

const file = 'limits.yaml';
const env = { K1: 'sk-limits-first-1111', K2: 'sk-limits-second-2222', K3: 'sk-limits-third-3333' };
const provider = (body: string) => `providers:\n  p:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n${body}`;

/** The problems a rejected config lists, one per line, without the bullet. */
function problemsOf(text: string): string[] {
  try {
    parseConfig(text, file, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected the config to be rejected');
}

describe('parseLimit', () => {
  it.each([
    ['60/min', { amount: 60, window: 'minute' }],
    [' 5 / minute ', { amount: 5, window: 'minute' }],
    ['3/h', { amount: 3, window: 'hour' }],
    ['1000/HOUR', { amount: 1000, window: 'hour' }],
    ['200000/day', { amount: 200000, window: 'day' }],
    ['2/d', { amount: 2, window: 'day' }],
  ])('reads %j', (text, limit) => {
    expect(parseLimit(text)).toEqual(limit);
  });

  it.each(['0/min', '-1/min', '5/week', '5', '1.5/min', 'min/5', '5/min/h', '', '99999999999999999999/day'])('refuses %j', (text) => {
    expect(parseLimit(text)).toBeNull();
  });

  it('shows a limit the way the config writes it', () => {
    expect(formatLimit({ amount: 5, window: 'minute' })).toBe('5/min');
    expect(formatLimit({ amount: 200000, window: 'day' })).toBe('200000/day');
  });
});

describe('rateLimit and tokenLimit in the config', () => {
  it("applies the provider's limits to each key; a key entry's own replace them field by field", () => {
    const settings = parseConfig(
      provider(
        '    rateLimit: 60/min\n    tokenLimit: 200000 / day\n    apiKeys:\n      - key: ${K1}\n        rateLimit: 5/min\n      - ${K2}\n',
      ),
      file,
      env,
    );
    const [model] = resolveModelList('p:m', env, settings.catalog);
    const keys = limitedKeys(model!, env);
    expect(keys.map((key) => key.limits)).toEqual([
      { rateLimit: { amount: 5, window: 'minute' }, tokenLimit: { amount: 200000, window: 'day' } },
      { rateLimit: { amount: 60, window: 'minute' }, tokenLimit: { amount: 200000, window: 'day' } },
    ]);
    // the keys themselves are where they were: plain strings for the adapters
    expect(model!.apiKeys).toEqual([env.K1, env.K2]);
    expect(keys.map((key) => key.id)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), expect.stringMatching(/^[0-9a-f]{16}$/)]);
    expect(JSON.stringify(keys)).not.toContain('sk-limits');
  });

  it('reads apiKeyEnvs entries as names or { env, rateLimit, tokenLimit }, matched by the key the variable holds', () => {
    const settings = parseConfig(provider('    apiKeyEnvs:\n      - K1\n      - env: K2\n        tokenLimit: 1000/h\n'), file, env);
    const [model] = resolveModelList('p:m', env, settings.catalog);
    expect(model!.apiKeys).toEqual([env.K1, env.K2]);
    expect(limitedKeys(model!, env).map((key) => key.limits)).toEqual([{}, { tokenLimit: { amount: 1000, window: 'hour' } }]);
  });

  it('reports each bad value once, at its own path, without echoing a key', () => {
    const problems = problemsOf(
      provider(
        '    rateLimit: 60/week\n    tokenLimit: 5000\n    apiKeys:\n      - key: sk-secret-in-file-123456\n        rateLimit: lots\n      - 7\n    apiKeyEnvs:\n      - env: K1\n        rateLimt: 5/min\n',
      ),
    );
    const rule = 'must be a positive whole number per min, hour or day, e.g.';
    expect(problems).toEqual([
      `providers.p.rateLimit: ${rule} rateLimit: 60/min, 1000/hour or 200000/day`,
      `providers.p.tokenLimit: ${rule} tokenLimit: 60/min, 1000/hour or 200000/day`,
      `providers.p.apiKeys[0].rateLimit: ${rule} rateLimit: 60/min, 1000/hour or 200000/day`,
      'providers.p.apiKeys[1]: expected text, got 7',
      'providers.p.apiKeyEnvs[0].rateLimt: unknown key: did you mean "rateLimit"? remove it or use one of env, rateLimit, tokenLimit',
    ]);
    expect(problems.join('\n')).not.toContain('sk-secret-in-file');
  });

  it('suggests the key a typo meant', () => {
    expect(problemsOf(provider('    ratelimit: 5/min\n'))).toEqual([
      expect.stringMatching(/^providers\.p\.ratelimit: unknown key: did you mean "rateLimit"\?/),
    ]);
  });

  it('says it in Chinese in a zh-CN run', () => {
    const [problem] = runInLanguage('zh-CN', () => problemsOf(provider('    rateLimit: 5/week\n')));
    expect(problem).toBe('providers.p.rateLimit: 应为每分钟、每小时或每天的正整数，例如 rateLimit: 60/min、1000/hour 或 200000/day');
  });
});
