import { describe, expect, it } from 'vitest';
import { defaultHealthConfig } from '../../src/health/health-config.js';
import { healthIdentity } from '../../src/health/health-identity.js';
import { applyOutcome, recentOf, verdictOf, type HealthEntry } from '../../src/health/health-rules.js';
import type { HealthStore } from '../../src/health/health-store.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { resolveModelList } from '../../src/providers/registry.js';
import { defaultRetryPolicy } from '../../src/run/retry-policy.js';
import type { RunDeps } from '../../src/run/run-deps.js';
import { runWithFallbacks, type ModelTask } from '../../src/run/run-with-fallbacks.js';
import { createRecordingProvider, providerFailure } from '../support/recording-model.js';

const env = { OPENAI_API_KEY: 'sk-chain-1', DEEPSEEK_API_KEY: 'sk-chain-2', ANTHROPIC_API_KEY: 'sk-chain-3' };
const [gpt, deepseek, claude] = resolveModelList('openai:gpt-4o,deepseek:deepseek-chat,anthropic:claude-sonnet-5', env);
const task: ModelTask = {
  system: 's',
  prompt: 'p',
  maxTokens: null,
  temperature: null,
  timeoutMs: 1000,
  stream: false,
  cache: false,
  retryPolicy: { ...defaultRetryPolicy, retries: 0 },
};

/** The store's rules on a map, at a fixed time (local 10:00). */
function memoryHealth(now = new Date(2026, 10, 21, 10, 0, 0)): HealthStore & { entries: Map<string, HealthEntry> } {
  const entries = new Map<string, HealthEntry>();
  return {
    entries,
    verdict: (model) => verdictOf(entries.get(healthIdentity(model).key), healthIdentity(model), now),
    recent: (model) => recentOf(entries.get(healthIdentity(model).key), healthIdentity(model)),
    record: async (model, outcome) => {
      const identity = healthIdentity(model);
      entries.set(identity.key, applyOutcome(entries.get(identity.key), outcome, identity, now, defaultHealthConfig));
    },
  };
}

function setup(script: Parameters<typeof createRecordingProvider>[0]) {
  const provider = createRecordingProvider(script);
  const lines: string[] = [];
  const health = memoryHealth();
  const deps: RunDeps = {
    createModel: provider.createModel,
    now: () => 0,
    sleep: async () => undefined,
    health,
    events: { warning: (_model, message) => lines.push(message) },
  };
  return { provider, lines, health, deps };
}

const run = (chain: (typeof gpt)[], deps: RunDeps, named?: number) =>
  runWithFallbacks(
    chain.filter((m) => m !== undefined),
    task,
    deps,
    { leftMs: 1e9 },
    named,
  );

describe('runWithFallbacks with provider health', () => {
  it('records each call: three failing calls rest the provider, and the next chain skips it with one line', async () => {
    const { provider, lines, health, deps } = setup({ 'openai:gpt-4o': providerFailure('SERVER_ERROR') });
    for (let i = 0; i < 3; i += 1) await run([gpt!, deepseek!], deps, 1);
    expect(health.verdict(gpt!)).toMatchObject({ state: 'resting', failures: 3 });
    expect(lines).toEqual([]);
    provider.calls.length = 0;
    const result = await run([gpt!, deepseek!], deps, 0);
    expect(provider.calls.map((call) => call.model)).toEqual(['deepseek:deepseek-chat']);
    expect(result).toMatchObject({ status: 'ok', model: 'deepseek:deepseek-chat' });
    expect(lines).toEqual(['skipped openai:gpt-4o: openai is resting until 10:01 after 3 failures in a row']);
    expect(result.warnings).toEqual(lines);
  });

  it('a named model is called although it rests, with a warning; a resting fallback is skipped', async () => {
    const { provider, lines, health, deps } = setup({
      'openai:gpt-4o': providerFailure('SERVER_ERROR'),
      'deepseek:deepseek-chat': providerFailure('TIMEOUT'),
    });
    for (let i = 0; i < 3; i += 1) {
      await health.record(gpt!, { ok: false, type: 'SERVER_ERROR', retryable: true });
      await health.record(deepseek!, { ok: false, type: 'TIMEOUT', retryable: true });
    }
    await run([gpt!, deepseek!, claude!], deps);
    expect(provider.calls.map((call) => call.model)).toEqual(['openai:gpt-4o', 'anthropic:claude-sonnet-5']);
    expect(lines).toEqual([
      'warning: openai is resting until 10:01 after 3 failures in a row; openai:gpt-4o is called anyway because --models names it',
      'skipped deepseek:deepseek-chat: deepseek is resting until 10:01 after 3 failures in a row',
    ]);
  });

  it('an AUTH failure marks the key: the chain skips it the next time', async () => {
    const { provider, lines, deps } = setup({ 'openai:gpt-4o': providerFailure('AUTH') });
    await run([gpt!, deepseek!], deps, 0);
    provider.calls.length = 0;
    await runInLanguage('zh-CN', () => run([gpt!, deepseek!], deps, 0));
    expect(provider.calls.map((call) => call.model)).toEqual(['deepseek:deepseek-chat']);
    expect(lines).toEqual(['已跳过 openai:gpt-4o：服务商 openai 的 API 密钥被拒绝（AUTH）；在配置文件中更换密钥或 base URL 后恢复']);
  });

  it('when every model of a chain rests, the first is called anyway, with a warning', async () => {
    const { provider, lines, health, deps } = setup({});
    for (const model of [gpt!, deepseek!])
      for (let i = 0; i < 3; i += 1) await health.record(model, { ok: false, type: 'OVERLOADED', retryable: true });
    const result = await run([gpt!, deepseek!], deps, 0);
    expect(provider.calls.map((call) => call.model)).toEqual(['openai:gpt-4o']);
    expect(result.status).toBe('ok');
    expect(lines.at(-1)).toBe('warning: every model of the chain is resting or unusable; openai:gpt-4o is called anyway');
    expect(health.verdict(gpt!).state).toBe('ok');
  });
});
