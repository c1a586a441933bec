import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { UsageError } from '../../src/errors/usage-error.js';
import type { ProviderPreset } from '../../src/providers/provider-preset.js';
import { issueExample } from '../support/config-example.js';

const env = { LOCAL_BASE: 'http://127.0.0.1:8080', LOCAL_KEY: 'sk-local-secret-123456' };
const file = 'wechat-writer.config.yaml';
const providerIn = (catalog: readonly ProviderPreset[], id: string) => catalog.find((preset) => preset.id === id);

/** The UsageError a config fails with. */
function failure(text: string, environment: Record<string, string> = env): UsageError {
  try {
    parseConfig(text, file, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected the config to be rejected');
}

/** The listed problems of a rejected config, one per line, without the bullet. */
const problemsOf = (text: string, environment?: Record<string, string>) =>
  failure(text, environment)
    .message.split('\n')
    .slice(1)
    .map((line) => line.replace(/^ {2}- /, ''));

describe('parseConfig: the issue example', () => {
  it('is accepted as is, with LOCAL_BASE set', () => {
    const settings = parseConfig(issueExample, file, env);
    expect(settings.configFile).toBe(file);
    expect(settings.retries).toBe(0);
    expect(settings.concurrency).toBeNull();
    expect(settings.roles).toEqual({
      default: { models: ['local:default-model'] },
      planner: { models: ['local:planner-model'] },
      writer: { models: ['claude-proxy:writer-model', 'local:writer-backup'], temperature: 0.9, maxTokens: 4000 },
      reviewer: { models: ['local:reviewer-model'] },
    });
    expect(providerIn(settings.catalog, 'local')).toMatchObject({
      defaultFormat: 'openai',
      endpoints: { openai: { config: 'http://127.0.0.1:8080/v1' } },
      apiKeyEnvs: ['LOCAL_KEY'],
      requiresKey: true,
      keyRotation: false,
    });
    expect(providerIn(settings.catalog, 'claude-proxy')).toMatchObject({
      defaultFormat: 'anthropic',
      endpoints: { anthropic: { config: 'http://127.0.0.1:8080' } },
      apiKeyEnvs: ['LOCAL_KEY'],
    });
    // The built-in presets are still there.
    expect(providerIn(settings.catalog, 'openai')).toBeDefined();
    expect(providerIn(settings.catalog, 'mock')).toBeDefined();
  });

  it('does not need the key variable itself to be set (only a model that is used does)', () => {
    expect(() => parseConfig(issueExample, file, { LOCAL_BASE: 'http://127.0.0.1:8080' })).not.toThrow();
  });

  it('accepts an empty file and a file of comments as no settings', () => {
    expect(parseConfig('', file, {}).roles).toEqual({});
    expect(parseConfig('# nothing yet\n', file, {}).catalog.length).toBeGreaterThan(0);
  });
});

describe('parseConfig: ${VAR} from the environment', () => {
  it('names an unset variable and where it is used, once, without a knock-on URL error', () => {
    const problems = problemsOf(issueExample, { LOCAL_KEY: 'k' });
    expect(problems).toEqual([
      'providers.local.baseURL: ${LOCAL_BASE} is not set (set LOCAL_BASE in the environment or .env)',
      'providers.claude-proxy.baseURL: ${LOCAL_BASE} is not set (set LOCAL_BASE in the environment or .env)',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(problemsOf(issueExample, { LOCAL_BASE: '' })[0]).toContain('${LOCAL_BASE} is not set');
  });

  it('fills variables anywhere in a string, in lists and in headers', () => {
    const settings = parseConfig(
      'providers:\n  p:\n    type: openai\n    baseURL: http://${HOST}:${PORT}/v1\n    apiKeys: ["${K1}", "${K2}"]\n    headers:\n      X-Team: ${TEAM}\n',
      file,
      { HOST: 'h', PORT: '1', K1: 'one', K2: 'two', TEAM: 'blue' },
    );
    expect(providerIn(settings.catalog, 'p')).toMatchObject({
      endpoints: { openai: { config: 'http://h:1/v1' } },
      apiKeys: ['one', 'two'],
      quirks: { headers: { 'X-Team': 'blue' } },
    });
  });
});

describe('parseConfig: every problem at once', () => {
  it('reports type: grpc and a role naming an undefined provider together, naming the file and both paths', () => {
    const text = issueExample.replace('type: openai', 'type: grpc').replace('planner: [local:planner-model]', 'planner: [nowhere:planner]');
    const error = failure(text);
    expect(error.message).toContain(`config ${file} has 2 problems; nothing was called`);
    expect(error.message).toContain('providers.local.type: unknown type "grpc": use openai or anthropic');
    expect(error.message).toContain(
      'roles.planner[0]: "nowhere:planner" names undefined provider "nowhere": define providers.nowhere, or use one of',
    );
  });

  it('reports retries: -1 and the unknown key retires together', () => {
    const text = issueExample.replace('  retries: 0', '  retries: -1\n  retires: 2');
    const error = failure(text);
    expect(error.message).toContain(`config ${file} has 2 problems`);
    expect(problemsOf(text)).toEqual([
      'retry.retries: must be at least 0, got -1',
      'retry.retires: unknown key: did you mean "retries"? remove it or use one of retries',
    ]);
  });

  it('lists problems of every kind (missing var, schema, semantic) in one error, in file order', () => {
    const text = `providers:
  a:
    type: openai
    baseURL: \${NOT_SET}
    maxConcurrency: 0
  b:
    baseURL: http://b
roles:
  writer: [ghost:model]
concurrency: many
`;
    const problems = problemsOf(text, {});
    expect(problems).toEqual([
      'providers.a.baseURL: ${NOT_SET} is not set (set NOT_SET in the environment or .env)',
      'providers.a.maxConcurrency: must be more than 0, got 0',
      'providers.b.type: required: add type: openai or type: anthropic, or extend a preset with preset: <id>',
      expect.stringContaining('roles.writer[0]: "ghost:model" names undefined provider "ghost"'),
      'concurrency: expected a number, got "many"',
    ]);
    expect(failure(text, {}).message).toContain('has 5 problems');
  });
});

describe('parseConfig: each kind of mistake, with its fix', () => {
  it.each([
    [
      'unknown type',
      'providers:\n  p:\n    type: grpc\n    baseURL: http://p\n',
      'providers.p.type: unknown type "grpc": use openai or anthropic',
    ],
    [
      'a role naming an undefined provider (object form)',
      'roles:\n  writer:\n    models: [mock:alpha, nope:x]\n',
      'roles.writer.models[1]: "nope:x" names undefined provider "nope"',
    ],
    [
      'a bad number: text',
      'roles:\n  writer:\n    models: [mock:alpha]\n    temperature: hot\n',
      'roles.writer.temperature: expected a number, got "hot"',
    ],
    [
      'a bad number: out of range',
      'roles:\n  writer:\n    models: [mock:alpha]\n    temperature: 3\n',
      'roles.writer.temperature: must be at most 2, got 3',
    ],
    [
      'a bad number: not whole',
      'roles:\n  writer:\n    models: [mock:alpha]\n    maxTokens: 10.5\n',
      'roles.writer.maxTokens: expected a whole number, got 10.5',
    ],
    ['a bad number: negative', 'concurrency: -3\n', 'concurrency: must be more than 0, got -3'],
    ['a bad number: too big', 'concurrency: 1000\n', 'concurrency: must be at most 500, got 1000'],
    ['a bad number: a quoted number', 'retry:\n  retries: "2"\n', 'retry.retries: expected a number, got "2"'],
    [
      'a bad number: a negative price',
      'providers:\n  p:\n    type: openai\n    baseURL: http://p\n    prices:\n      m: { input: -1, output: 2 }\n',
      'providers.p.prices.m.input: must be at least 0, got -1',
    ],
    [
      'an unknown top-level key',
      'provders:\n  p: {}\n',
      'provders: unknown key: did you mean "providers"? remove it or use one of providers, roles, retry, concurrency',
    ],
    [
      'an unknown provider key',
      'providers:\n  p:\n    type: openai\n    baseURL: http://p\n    apikeyenv: P_KEY\n',
      'providers.p.apikeyenv: unknown key: did you mean "apiKeyEnv"? remove it or use one of type, preset',
    ],
    [
      'an unknown role key',
      'roles:\n  writer:\n    models: [mock:alpha]\n    temprature: 1\n',
      'roles.writer.temprature: unknown key: did you mean "temperature"? remove it or use one of models, temperature, maxTokens, system',
    ],
    ['an unknown key with nothing close', 'retry:\n  banana: 1\n', 'retry.banana: unknown key: remove it or use one of retries'],
    ['an empty role', 'roles:\n  writer: []\n', 'roles.writer: must list at least 1 item'],
    ['an empty model id in a role list', 'roles:\n  writer: [""]\n', 'roles.writer[0]: must not be empty'],
    [
      'a role that is a string',
      'roles:\n  writer: mock:alpha\n',
      'roles.writer: expected a list of models, e.g. [local:my-model], or a mapping with models: [...], got "mock:alpha"',
    ],
    ['a role without models', 'roles:\n  writer:\n    temperature: 1\n', 'roles.writer.models: required: add it (a list, e.g. [a, b])'],
    [
      'a URL without scheme',
      'providers:\n  p:\n    type: openai\n    baseURL: localhost:8080\n',
      'providers.p.baseURL: is not a URL: write the whole address with its scheme, e.g. http://127.0.0.1:8080/v1',
    ],
    [
      'a provider without baseURL',
      'providers:\n  p:\n    type: openai\n',
      'providers.p.baseURL: required for a provider that extends no preset: add baseURL: http://host:port/v1',
    ],
    [
      'an unknown preset',
      'providers:\n  p:\n    preset: deepsea\n',
      'providers.p.preset: unknown preset "deepsea": use one of openai, anthropic',
    ],
    [
      'a bad provider id',
      'providers:\n  My_Proxy:\n    type: openai\n    baseURL: http://p\n',
      'providers.My_Proxy: provider ids are lower-case letters, digits and dashes: rename "My_Proxy", e.g. my-proxy',
    ],
    [
      'a bad maxTokensParam',
      'providers:\n  p:\n    type: openai\n    baseURL: http://p\n    maxTokensParam: tokens\n',
      'providers.p.maxTokensParam: "tokens" is not allowed: use max_tokens or max_completion_tokens',
    ],
    [
      'a bad model entry',
      'providers:\n  p:\n    type: openai\n    baseURL: http://p\n    models: [7]\n',
      'providers.p.models[0]: expected a model id, or a mapping with id (and prices, temperature), got 7',
    ],
    [
      'both apiKeyEnv and apiKeyEnvs',
      'providers:\n  p:\n    type: openai\n    baseURL: http://p\n    apiKeyEnv: A\n    apiKeyEnvs: [B]\n',
      'providers.p: set apiKeyEnv or apiKeyEnvs, not both',
    ],
    ['a document that is not a mapping', 'just text\n', '(top level): expected a mapping (key: value), got "just text"'],
  ])('%s', (_kind, text, expected) => {
    const error = failure(text);
    expect(error.message).toMatch(new RegExp(`^config ${file} has 1 problem; nothing was called:\\n {2}- `));
    expect(error.message).toContain(expected);
  });

  it('reports invalid YAML with its line', () => {
    const error = failure('providers:\n  p: [\n');
    expect(error.message).toMatch(/^config wechat-writer\.config\.yaml is not valid YAML: .*line \d+/);
  });

  it('never echoes a key written in the wrong place', () => {
    const secret = 'sk-live-abcdefghijklmnop';
    const messages = [
      failure(`providers:\n  p:\n    type: openai\n    baseURL: http://p\n    apiKeyEnv: ${secret}-x\n`).message,
      failure(`providers:\n  p:\n    type: openai\n    baseURL: http://p\n    apiKeys: ${secret}\n`).message,
      failure(
        `providers:\n  p:\n    type: openai\n    baseURL: http://p\n    headers:\n      Authorization: 5\n    apiKeys: [${secret}, 3]\n`,
      ).message,
    ];
    for (const message of messages) expect(message).not.toContain(secret);
    expect(messages[0]).toContain('providers.p.apiKeyEnv: must be an environment variable name, e.g. LOCAL_KEY (not the key itself)');
    expect(messages[1]).toContain('providers.p.apiKeys: expected a list, e.g. [a, b], got text');
  });
});

describe('parseConfig: providers', () => {
  it('extends a preset: keeps its endpoint, models and key variable, adds headers and prices', () => {
    const settings = parseConfig(
      `providers:
  my-deepseek:
    preset: deepseek
    headers:
      X-Team: writers
    prices:
      deepseek-v4-pro: { input: 0.5, output: 2 }
      my-deepseek:deepseek-flash: { input: 0.1, output: 0.4 }
`,
      file,
      {},
    );
    const preset = providerIn(settings.catalog, 'my-deepseek');
    expect(preset).toMatchObject({
      name: 'DeepSeek (from config)',
      defaultFormat: 'openai',
      endpoints: { openai: { global: 'https://api.deepseek.com' }, anthropic: { global: 'https://api.deepseek.com/anthropic' } },
      apiKeyEnvs: ['DEEPSEEK_API_KEY'],
      requiresKey: true,
      defaultModel: 'deepseek-flash',
      quirks: { maxTokensParam: 'max_tokens', headers: { 'X-Team': 'writers' } },
    });
    expect(preset?.models).toEqual([
      { id: 'deepseek-flash', prices: { input: 0.1, output: 0.4 } },
      { id: 'deepseek-v4-pro', prices: { input: 0.5, output: 2 } },
    ]);
    // The built-in deepseek stays as it was.
    expect(providerIn(settings.catalog, 'deepseek')?.quirks?.headers).toBeUndefined();
  });

  it('leaves an alias with the preset it names, not with an extension under a new id', () => {
    const settings = parseConfig('providers:\n  my-claude:\n    preset: anthropic\n  anthropic:\n    maxConcurrency: 1\n', file, {});
    expect(providerIn(settings.catalog, 'my-claude')?.aliases).toEqual([]);
    expect(providerIn(settings.catalog, 'anthropic')?.aliases).toEqual(['claude']);
  });

  it('overrides a built-in preset under its own id (no type or baseURL needed)', () => {
    const settings = parseConfig('providers:\n  deepseek:\n    maxConcurrency: 2\n    apiKeyEnvs: [DS_KEY_1, DS_KEY_2]\n', file, {});
    const matching = settings.catalog.filter((preset) => preset.id === 'deepseek');
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ maxConcurrency: 2, apiKeyEnvs: ['DS_KEY_1', 'DS_KEY_2'], keyRotation: true });
    expect(matching[0]?.endpoints.openai).toEqual({ global: 'https://api.deepseek.com' });
  });

  it('lists models (as ids or with prices and temperature limits) and prices models listed nowhere else', () => {
    const settings = parseConfig(
      `providers:
  p:
    type: openai
    baseURL: http://p/v1
    models:
      - first
      - id: second
        prices: { input: 1, output: 2 }
        temperature: { max: 1 }
    prices:
      third: { input: 3, output: 4 }
`,
      file,
      {},
    );
    const preset = providerIn(settings.catalog, 'p');
    expect(preset?.defaultModel).toBe('first');
    expect(preset?.requiresKey).toBe(false);
    expect(preset?.models).toEqual([
      { id: 'first' },
      { id: 'second', prices: { input: 1, output: 2 }, temperature: { max: 1 } },
      { id: 'third', prices: { input: 3, output: 4 } },
    ]);
  });

  it('reads concurrency and retries', () => {
    const settings = parseConfig('concurrency: 4\nretry:\n  retries: 5\n', file, {});
    expect(settings).toMatchObject({ concurrency: 4, retries: 5 });
  });
});
