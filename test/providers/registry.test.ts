import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.js';
import { listProviders, resolveModel, resolveModelList } from '../../src/providers/registry.js';

describe('registry', () => {
  it('resolves provider:model ids and aliases to the default model', () => {
    const env = { OPENAI_API_KEY: 'k1', CLAUDE_MODEL: 'claude-from-env', MINIMAX_MODEL: 'MiniMax-M3' };
    expect(resolveModel('openai:gpt-5.6-terra', env)).toMatchObject({ id: 'openai:gpt-5.6-terra', modelId: 'gpt-5.6-terra', apiKey: 'k1' });
    expect(resolveModel('gpt', env).id).toBe('openai:gpt-5.6-luna');
    expect(resolveModel('claude', env).id).toBe('anthropic:claude-from-env');
    expect(resolveModel('minimax', env).id).toBe('minimax:MiniMax-M3');
    expect(resolveModel('mock', env).id).toBe('mock:alpha');
    expect(resolveModel('mock:beta', env).id).toBe('mock:beta');
    expect(resolveModel('claude:claude-haiku-4-5', env).id).toBe('anthropic:claude-haiku-4-5');
  });

  it('prefers ANTHROPIC_* over the original tool CLAUDE_* variables, which still work alone', () => {
    const both = resolveModel('claude', {
      ANTHROPIC_API_KEY: 'a',
      CLAUDE_API_KEY: 'c',
      ANTHROPIC_BASE_URL: 'http://a',
      CLAUDE_BASE_URL: 'http://c',
    });
    expect(both).toMatchObject({ apiKey: 'a', apiKeyEnv: 'ANTHROPIC_API_KEY', baseURL: 'http://a' });
    const legacy = resolveModel('claude', { CLAUDE_API_KEY: 'c', CLAUDE_BASE_URL: 'http://c' });
    expect(legacy).toMatchObject({ apiKey: 'c', apiKeyEnv: 'CLAUDE_API_KEY', baseURL: 'http://c' });
  });

  it('defaults MiniMax to its international OpenAI-compatible endpoint', () => {
    expect(resolveModel('minimax', {}).baseURL).toBe('https://api.minimax.io/v1');
    expect(resolveModel('minimax', { MINIMAX_BASE_URL: 'https://api.minimaxi.com/v1' }).baseURL).toBe('https://api.minimaxi.com/v1');
  });

  it('fails on an unknown id listing providers and aliases', () => {
    expect(() => resolveModel('llama', {})).toThrowError(UsageError);
    expect(() => resolveModel('nope:model', {})).toThrowError(/known providers: openai, anthropic, minimax, deepseek/);
  });

  it('fails before any call when a key is missing, naming every variable to set', () => {
    expect(() => resolveModelList('gpt,claude,mock:alpha', {})).toThrowError(
      'missing API key: openai:gpt-5.6-luna needs OPENAI_API_KEY; anthropic:claude-sonnet-5 needs ANTHROPIC_API_KEY; set it in the environment or in .env (see .env.example)',
    );
  });

  it('expands all to every provider with a key and removes duplicates', () => {
    const env = { OPENAI_API_KEY: 'k', MINIMAX_API_KEY: 'm' };
    expect(resolveModelList('all', env).map((model) => model.id)).toEqual(['openai:gpt-5.6-luna', 'minimax:MiniMax-M2.7']);
    expect(resolveModelList('gpt, openai:gpt-5.6-luna ,mock', env).map((model) => model.id)).toEqual(['openai:gpt-5.6-luna', 'mock:alpha']);
    expect(() => resolveModelList('all', {})).toThrowError(/no provider with a key/);
  });

  it('reports whether keys are configured without exposing them', () => {
    const statuses = listProviders({ OPENAI_API_KEY: 'sk-secret-value' });
    expect(statuses.find((status) => status.preset.id === 'openai')?.keyConfigured).toBe(true);
    expect(statuses.find((status) => status.preset.id === 'anthropic')?.keyConfigured).toBe(false);
    expect(JSON.stringify(statuses)).not.toContain('sk-secret-value');
  });
});
