import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultHealthConfig } from '../../src/health/health-config.js';
import { healthFile, openHealthStore, type HealthStoreDeps } from '../../src/health/health-store.js';
import { resolveModel } from '../../src/providers/registry.js';

const env = { OPENAI_API_KEY: 'sk-store-secret-1', DEEPSEEK_API_KEY: 'sk-store-secret-2' };
const gpt = resolveModel('openai:gpt-4o', env);
const deepseek = resolveModel('deepseek:deepseek-chat', env);
const failure = { ok: false, type: 'SERVER_ERROR', retryable: true } as const;

let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'health-store-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

function deps(at: Date, warnings: string[] = []): HealthStoreDeps {
  return {
    currentDate: () => at,
    warn: (message) => warnings.push(message),
    messages: {
      corrupted: (file, reason) => `corrupted ${file}: ${reason}`,
      cannotWrite: (file, reason) => `cannot write ${file}: ${reason}`,
    },
  };
}

describe('health store', () => {
  it('keeps a rest across runs in WECHAT_WRITER_HOME/health.json, mode 600, without the key', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const first = await openHealthStore(home, defaultHealthConfig, deps(now));
    for (let i = 0; i < 3; i += 1) await first.record(gpt, failure);
    const next = await openHealthStore(home, defaultHealthConfig, deps(now));
    expect(next.verdict(gpt)).toEqual({ state: 'resting', until: new Date('2026-11-21T10:01:00Z'), failures: 3 });
    expect(next.verdict(deepseek).state).toBe('ok');
    const later = await openHealthStore(home, defaultHealthConfig, deps(new Date('2026-11-21T10:01:00Z')));
    expect(later.verdict(gpt).state).toBe('ok');
    const text = await readFile(healthFile(home), 'utf8');
    expect(text).not.toContain('sk-store-secret');
    if (process.platform !== 'win32') expect((await stat(healthFile(home))).mode & 0o777).toBe(0o600);
  });

  it('a recorded outcome counts at once; the file follows in the background and settled() waits for it', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const store = await openHealthStore(home, defaultHealthConfig, deps(now));
    for (let i = 0; i < 3; i += 1) void store.record(gpt, failure);
    expect(store.verdict(gpt)).toEqual({ state: 'resting', until: new Date('2026-11-21T10:01:00Z'), failures: 3 });
    void store.record(deepseek, { ok: true });
    await store.settled?.();
    const next = await openHealthStore(home, defaultHealthConfig, deps(now));
    expect(next.verdict(gpt).state).toBe('resting');
    expect(next.recent(deepseek)).toEqual({ calls: 1, ok: 1 });
    expect(store.recent(deepseek)).toEqual({ calls: 1, ok: 1 });
  });

  it('with a write gap (a long batch) the file waits, and settled() writes it at once', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const store = await openHealthStore(home, defaultHealthConfig, { ...deps(now), writeGapMs: 3_600_000 });
    void store.record(gpt, failure);
    void store.record(deepseek, { ok: true });
    expect(store.recent(gpt)).toEqual({ calls: 1, ok: 0 });
    await store.settled?.();
    const entries = Object.values(JSON.parse(await readFile(healthFile(home), 'utf8')).entries);
    expect(entries).toEqual([
      expect.objectContaining({ provider: 'openai', failures: 1 }),
      expect.objectContaining({ provider: 'deepseek', failures: 0 }),
    ]);
  });

  it('ignores a corrupted file with a warning, and rewrites it at the next record', async () => {
    await writeFile(healthFile(home), '{"version":1,"entries":{"openai#x": {"provid');
    const warnings: string[] = [];
    const store = await openHealthStore(home, defaultHealthConfig, deps(new Date('2026-11-21T10:00:00Z'), warnings));
    expect(warnings).toEqual([expect.stringContaining(`corrupted ${healthFile(home)}`)]);
    expect(store.verdict(gpt).state).toBe('ok');
    await store.record(gpt, failure);
    const entries = Object.values(JSON.parse(await readFile(healthFile(home), 'utf8')).entries);
    expect(entries).toEqual([expect.objectContaining({ provider: 'openai', failures: 1 })]);
  });

  it('drops entries of another shape, keeps the rest', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const store = await openHealthStore(home, defaultHealthConfig, deps(now));
    await store.record(gpt, { ok: false, type: 'AUTH', retryable: false });
    const document = JSON.parse(await readFile(healthFile(home), 'utf8'));
    document.entries['bogus#1'] = { provider: 'x', failures: 'many' };
    await writeFile(healthFile(home), JSON.stringify(document));
    const warnings: string[] = [];
    const reopened = await openHealthStore(home, defaultHealthConfig, deps(now, warnings));
    expect(warnings).toEqual([]);
    expect(reopened.verdict(gpt)).toMatchObject({ state: 'unusable', type: 'AUTH' });
  });

  it('concurrent runs recording at once lose none of each other’s entries, and the file stays whole', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const stores = await Promise.all([1, 2, 3, 4].map(() => openHealthStore(home, defaultHealthConfig, deps(now))));
    const models = [gpt, deepseek, resolveModel('openai:gpt-4o-mini', { OPENAI_API_KEY: 'other-key' }), resolveModel('ollama:qwen3', {})];
    await Promise.all(stores.flatMap((store, index) => [1, 2, 3].map(() => store.record(models[index]!, failure))));
    const document = JSON.parse(await readFile(healthFile(home), 'utf8'));
    expect(Object.values(document.entries).map((entry) => (entry as { failures: number }).failures)).toEqual([3, 3, 3, 3]);
    const reopened = await openHealthStore(home, defaultHealthConfig, deps(now));
    expect(models.map((model) => reopened.verdict(model).state)).toEqual(['resting', 'resting', 'resting', 'resting']);
  });

  it('a file that cannot be written is one warning; the run goes on with what it knows', async () => {
    const blocked = path.join(home, 'not-a-directory');
    await writeFile(blocked, '');
    const warnings: string[] = [];
    const store = await openHealthStore(blocked, defaultHealthConfig, deps(new Date('2026-11-21T10:00:00Z'), warnings));
    for (let i = 0; i < 3; i += 1) await store.record(gpt, failure);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('cannot write');
    expect(store.verdict(gpt).state).toBe('resting');
  });
});
