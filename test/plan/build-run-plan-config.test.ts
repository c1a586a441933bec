import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { buildRunPlan } from '../../src/plan/build-run-plan.js';
import { issueExample } from '../support/config-example.js';
import { createMemoryIO } from '../support/memory-io.js';

const env = { LOCAL_BASE: 'http://127.0.0.1:9', LOCAL_KEY: 'k' };

describe('buildRunPlan with config settings and --concurrency', () => {
  it('uses config providers, and the config retries when --retries is not given', async () => {
    const io = createMemoryIO({ env });
    const settings = parseConfig(issueExample, 'c.yaml', env);
    const plan = await buildRunPlan({ models: 'local:a,claude-proxy:b', topic: '秋', stream: true }, { ...io, settings });
    expect(plan.models.map((model) => [model.id, model.wireFormat])).toEqual([
      ['local:a', 'openai'],
      ['claude-proxy:b', 'anthropic'],
    ]);
    expect(plan.retryPolicy.retries).toBe(0);
    expect(plan.concurrency).toBe(1);
    const overridden = await buildRunPlan({ models: 'local:a', topic: '秋', stream: true, retries: '3' }, { ...io, settings });
    expect(overridden.retryPolicy.retries).toBe(3);
  });

  it('--concurrency wins over the config, which wins over the default of 1', async () => {
    const io = createMemoryIO({ env });
    const settings = parseConfig(`${issueExample}concurrency: 4\n`, 'c.yaml', env);
    const base = { models: 'local:a', topic: '秋', stream: true };
    expect((await buildRunPlan({ ...base, models: 'mock:alpha' }, io)).concurrency).toBe(1);
    expect((await buildRunPlan(base, { ...io, settings })).concurrency).toBe(4);
    expect((await buildRunPlan({ ...base, concurrency: '2' }, { ...io, settings })).concurrency).toBe(2);
  });

  it.each(['0', '501', '1.5', 'many', ''])('rejects --concurrency %j with a usage error', async (value) => {
    const io = createMemoryIO();
    await expect(buildRunPlan({ models: 'mock:alpha', topic: '秋', stream: true, concurrency: value }, io)).rejects.toThrowError(
      UsageError,
    );
    await expect(buildRunPlan({ models: 'mock:alpha', topic: '秋', stream: true, concurrency: value }, io)).rejects.toThrowError(
      /--concurrency/,
    );
  });

  it('without settings, config provider ids are unknown (env-only setups are unchanged)', async () => {
    const io = createMemoryIO({ env });
    await expect(buildRunPlan({ models: 'local:a', topic: '秋', stream: true }, io)).rejects.toThrowError(/unknown model "local:a"/);
  });
});
