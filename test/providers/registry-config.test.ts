import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { runListModels } from '../../src/commands/models/list-models.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { resolveModel, resolveModelList } from '../../src/providers/registry.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMemoryIO } from '../support/memory-io.js';
import { issueExample } from '../support/config-example.js';

const base = { LOCAL_BASE: 'http://127.0.0.1:8080' };
const catalogFor = (text: string, env: Record<string, string>) => parseConfig(text, 'wechat-writer.config.yaml', env).catalog;

describe('resolving models against a config catalogue', () => {
  it('gives config providers their wire format, base URL and key', () => {
    const env = { ...base, LOCAL_KEY: 'sk-local-key-123456' };
    const [a, b] = resolveModelList('local:a,claude-proxy:b', env, catalogFor(issueExample, env));
    expect(a).toMatchObject({
      id: 'local:a',
      modelId: 'a',
      wireFormat: 'openai',
      baseURL: 'http://127.0.0.1:8080/v1',
      apiKey: 'sk-local-key-123456',
      apiKeys: ['sk-local-key-123456'],
      apiKeyEnv: 'LOCAL_KEY',
    });
    expect(b).toMatchObject({
      id: 'claude-proxy:b',
      wireFormat: 'anthropic',
      baseURL: 'http://127.0.0.1:8080',
      apiKey: 'sk-local-key-123456',
    });
  });

  it('a missing key variable is a usage error naming it, before any call', () => {
    const catalog = catalogFor(issueExample, base);
    expect(() => resolveModelList('local:a,claude-proxy:b', base, catalog)).toThrowError(UsageError);
    expect(() => resolveModelList('local:a', base, catalog)).toThrowError(
      'missing API key: local:a needs LOCAL_KEY; set it in the environment or in .env (see .env.example)',
    );
  });

  it('a provider alone means its default model: the first listed, else "default"', () => {
    const catalog = catalogFor(
      'providers:\n  listed:\n    type: openai\n    baseURL: http://l/v1\n    models: [m1, m2]\n  bare:\n    type: openai\n    baseURL: http://b/v1\n',
      {},
    );
    expect(resolveModel('listed', {}, catalog).id).toBe('listed:m1');
    expect(resolveModel('bare', {}, catalog).id).toBe('bare:default');
    expect(resolveModelList('bare', {}, catalog)[0]).toMatchObject({ apiKey: null, apiKeys: [] });
  });

  it('apiKeys and apiKeyEnvs give every key, in order, for rotation', () => {
    const text = `providers:
  from-envs:
    type: openai
    baseURL: http://e/v1
    apiKeyEnvs: [KEY_ONE, KEY_TWO, KEY_THREE]
  from-file:
    type: anthropic
    baseURL: http://f
    apiKeys: ["\${FILE_KEY_1}", literal-key-2]
`;
    const env = { KEY_ONE: 'k1', KEY_THREE: 'k3', FILE_KEY_1: 'f1' };
    const catalog = catalogFor(text, env);
    const [envs, file] = resolveModelList('from-envs:m,from-file:m', env, catalog);
    expect(envs).toMatchObject({ apiKey: 'k1', apiKeys: ['k1', 'k3'], apiKeyEnv: 'KEY_ONE' });
    expect(file).toMatchObject({ apiKey: 'f1', apiKeys: ['f1', 'literal-key-2'] });
    // A single apiKeyEnv does not rotate.
    const single = resolveModelList('local:a', { ...base, LOCAL_KEY: 'only' }, catalogFor(issueExample, base))[0];
    expect(single?.apiKeys).toEqual(['only']);
  });

  it('names the first key variable when none of a rotation is set', () => {
    const catalog = catalogFor('providers:\n  p:\n    type: openai\n    baseURL: http://p/v1\n    apiKeyEnvs: [P_ONE, P_TWO]\n', {});
    expect(() => resolveModelList('p:m', {}, catalog)).toThrowError('p:m needs P_ONE');
  });

  it('a preset extended under a new id reads its base URL variable and the preset key', () => {
    const catalog = catalogFor('providers:\n  my-ds:\n    preset: deepseek\n', {});
    const model = resolveModel('my-ds:deepseek-flash', { DEEPSEEK_API_KEY: 'ds', MY_DS_BASE_URL: 'http://proxy/v1' }, catalog);
    expect(model).toMatchObject({ baseURL: 'http://proxy/v1', apiKey: 'ds', prices: { input: 0.15, output: 0.6 } });
  });
});

describe('models --json with a config', () => {
  it('lists config providers and never a key', async () => {
    const io = createMemoryIO();
    const keys = ['sk-env-key-aaaaaaaa', 'sk-file-key-bbbbbbbb', 'sk-file-key-cccccccc'];
    io.env = { ...base, LOCAL_KEY: keys[0] as string, SECOND: keys[1] as string };
    // One more provider, with keys written in the file and credentials in its URL.
    const text = issueExample.replace(
      'roles:',
      `  rotating:\n    type: openai\n    baseURL: http://user:pass@r/v1\n    apiKeys: ["\${SECOND}", ${keys[2]}]\nroles:`,
    );
    writeFileSync(path.join(io.cwd, 'conf.yaml'), text);
    expect(await runListModels({ json: true, config: 'conf.yaml' }, io)).toBe(0);
    const listed = JSON.parse(io.out()) as { providers: { id: string; usable: boolean; wireFormat: string; baseURL: string }[] };
    const byId = new Map(listed.providers.map((provider) => [provider.id, provider]));
    expect(byId.get('local')).toMatchObject({
      wireFormat: 'openai',
      baseURL: 'http://127.0.0.1:8080/v1',
      apiKeyEnv: 'LOCAL_KEY',
      usable: true,
    });
    expect(byId.get('claude-proxy')).toMatchObject({ wireFormat: 'anthropic', usable: true });
    expect(byId.get('rotating')).toMatchObject({ usable: true, keyConfigured: true, apiKeyEnv: null });
    for (const key of keys) expect(io.out()).not.toContain(key);
    expect(io.out()).not.toContain('user:pass');
  });

  it('the table says a key comes from the config file', async () => {
    const io = createMemoryIO();
    writeFileSync(
      path.join(io.cwd, 'wechat-writer.config.yaml'),
      'providers:\n  p:\n    type: openai\n    baseURL: http://p/v1\n    apiKeys: [sk-in-file-123456]\n',
    );
    expect(await runListModels({ json: false }, io)).toBe(0);
    expect(io.out()).toMatch(/p\s+│?\s*p:default.*✓ key in config/);
    expect(io.out()).not.toContain('sk-in-file-123456');
  });
});
