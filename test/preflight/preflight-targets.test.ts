import { describe, expect, it } from 'vitest';
import { presetFromConfig } from '../../src/config/config-to-presets.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { presetCatalog } from '../../src/providers/preset-catalog.js';
import { resolveModelList } from '../../src/providers/registry.js';
import { preflightTargets } from '../../src/preflight/preflight-targets.js';

const keyA = 'sk-target-key-aaaa1111';
const keyB = 'sk-target-key-bbbb2222';
const env = { OPENAI_API_KEY: keyA, DEEPSEEK_API_KEY: keyB, ROT_1: keyA, ROT_2: keyB };
const rotating = presetFromConfig('rot', { type: 'openai', baseURL: 'http://127.0.0.1:9/v1', apiKeyEnvs: ['ROT_1', 'ROT_2'] }, undefined);
const catalog = [...presetCatalog, rotating];

describe('preflightTargets', () => {
  it('one check per provider, endpoint and key, in the order given; never the mock', () => {
    const models = resolveModelList('openai:gpt-a,mock:x,deepseek:ds,openai:gpt-b', env, catalog);
    const targets = preflightTargets(models, env);
    expect(targets.map((target) => target.label)).toEqual(['openai', 'deepseek']);
    expect(targets[0]?.target.model.modelId).toBe('gpt-a');
    expect(targets[0]?.target.status.apiKeyEnv).toBe('OPENAI_API_KEY');
  });

  it('the same key at two providers is two checks; each rotated key is one, numbered', () => {
    const models = resolveModelList('rot:m1,rot:m2,openai:gpt-a', env, catalog);
    const targets = preflightTargets(models, env);
    expect(targets.map((target) => target.label)).toEqual(['rot (key 1)', 'rot (key 2)', 'openai']);
    expect(targets.map((target) => target.target.model.apiKey)).toEqual([keyA, keyB, keyA]);
    expect(new Set(targets.map((target) => target.identity)).size).toBe(3);
    // the fix names the variable the failing key came from
    expect(targets.map((target) => target.target.status.apiKeyEnv)).toEqual(['ROT_1', 'ROT_2', 'OPENAI_API_KEY']);
    expect(runInLanguage('zh-CN', () => preflightTargets(models, env)[1]?.label)).toBe('rot（第 2 个密钥）');
  });

  it('the identity is a hash that holds no key, and changes with the key or the proxy', () => {
    const [model] = resolveModelList('openai:gpt-a', env, catalog);
    const [first] = preflightTargets([model!], env);
    expect(first?.identity).toMatch(/^[0-9a-f]{64}$/);
    const [otherKey] = preflightTargets(resolveModelList('openai:gpt-a', { ...env, OPENAI_API_KEY: keyB }, catalog), env);
    const [proxied] = preflightTargets([model!], { ...env, HTTPS_PROXY: 'http://127.0.0.1:3128' });
    expect(otherKey?.identity).not.toBe(first?.identity);
    expect(proxied?.identity).not.toBe(first?.identity);
  });
});
