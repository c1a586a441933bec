import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load-settings.js';
import { InterruptedError } from '../../src/errors/interrupted-error.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { preflightCacheMs } from '../../src/preflight/preflight-cache.js';
import { runPreflight } from '../../src/preflight/run-preflight.js';
import { resolveModelList } from '../../src/providers/registry.js';
import { createMemoryIO, type MemoryIO } from '../support/memory-io.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const goodKey = 'sk-run-preflight-good-3333';

async function setUp(overrides: Partial<MemoryIO> = {}) {
  const io = createMemoryIO(overrides);
  io.env = { WECHAT_WRITER_HOME: path.join(io.cwd, 'home'), GOOD_KEY: goodKey, LOCAL_BASE: fakeServer().url };
  writeFileSync(
    path.join(io.cwd, 'wechat-writer.config.yaml'),
    'providers:\n  local:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n    apiKeyEnv: GOOD_KEY\n',
  );
  const settings = await loadSettings(undefined, io);
  const models = resolveModelList('local:a,local:b,mock:c', io.env, settings.catalog);
  return { io, models };
}

const probes = () => fakeServer().requests.filter((request) => request.path.endsWith('/models')).length;

describe('runPreflight', () => {
  it('checks a key at an endpoint once, however many models use it, and trusts the pass for the window only', async () => {
    let date = new Date('2026-12-01T10:00:00Z');
    const { io, models } = await setUp({ currentDate: () => date });
    fakeServer().acceptedKeys.add(goodKey);
    expect(await runPreflight(models, io)).toEqual({ needed: 1, checked: 1 });
    expect(probes()).toBe(1);
    date = new Date(date.getTime() + preflightCacheMs - 1000);
    expect(await runPreflight(models, io)).toEqual({ needed: 1, checked: 0 });
    date = new Date(date.getTime() + 2000);
    expect(await runPreflight(models, io)).toEqual({ needed: 1, checked: 1 });
    expect(probes()).toBe(2);
    expect(io.err()).toBe('');
  });

  it('the mock alone needs no check', async () => {
    const { io } = await setUp();
    expect(await runPreflight(resolveModelList('mock:a', io.env), io)).toEqual({ needed: 0, checked: 0 });
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('a failure throws a UsageError after the table, in the run language', async () => {
    const { io, models } = await setUp();
    fakeServer().acceptedKeys.add('sk-some-other-key-9999');
    const error = await runInLanguage('zh-CN', () => runPreflight(models, io)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('1 项检查中有 1 项失败');
    expect(io.err()).toContain('密钥被拒绝：请检查 GOOD_KEY');
    expect(io.err()).not.toContain(goodKey);
  });

  it('Ctrl-C during the checks is an interruption, not a failed check', async () => {
    const controller = new AbortController();
    controller.abort();
    const { io, models } = await setUp({ signal: controller.signal });
    await expect(runPreflight(models, io)).rejects.toBeInstanceOf(InterruptedError);
    expect(io.err()).toBe('');
  });
});
