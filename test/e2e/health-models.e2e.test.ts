import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatRestEnd } from '../../src/health/format-health.js';
import { defaultHealthConfig } from '../../src/health/health-config.js';
import { openHealthStore } from '../../src/health/health-store.js';
import { resolveModel } from '../../src/providers/registry.js';
import { runCliAt } from '../health/run-cli-at.js';

const config = `providers:
  sick:
    type: openai
    baseURL: http://127.0.0.1:9/v1
    apiKeyEnv: SICK_KEY
  refused:
    type: openai
    baseURL: http://127.0.0.1:9/v1
    apiKeyEnv: REFUSED_KEY
health:
  failures: 2
  cooldownSeconds: 90
`;
let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-health-models-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config);
});
const home = () => path.join(cwd, 'home');
const env = (extra: Record<string, string> = {}) => ({
  SICK_KEY: 'sk-sick-1',
  REFUSED_KEY: 'sk-refused-1',
  WECHAT_WRITER_HOME: home(),
  ...extra,
});
const start = new Date(2026, 10, 21, 10, 0, 0);
const plus = (seconds: number) => new Date(start.getTime() + seconds * 1000);

/** What two failing calls of `sick` and a refused key of `refused` leave in the state file (as runs record them). */
async function seed(): Promise<void> {
  const { catalog } = await import('../../src/config/parse-config.js').then(({ parseConfig }) => parseConfig(config, 'c.yaml', env()));
  const store = await openHealthStore(home(), defaultHealthConfig, {
    currentDate: () => start,
    warn: () => undefined,
    messages: { corrupted: () => '', cannotWrite: () => '' },
  });
  const sick = resolveModel('sick:m', env(), catalog);
  await store.record(sick, { ok: true });
  for (let i = 0; i < 2; i += 1) await store.record(sick, { ok: false, type: 'SERVER_ERROR', retryable: true });
  await store.record(resolveModel('refused:m', env(), catalog), { ok: false, type: 'AUTH', retryable: false });
}

interface Listed {
  id: string;
  health?: { state: string; until: string | null; type: string | null; recent: { calls: number; ok: number } | null; label: string };
}
const listed = async (at: Date, extra: Record<string, string> = {}) =>
  JSON.parse((await runCliAt(at, ['models', '--json'], { cwd, env: env(extra) })).stdout).providers as Listed[];

describe('models shows provider health', () => {
  it('resting until HH:MM by the config’s rules, key unusable (AUTH) until the key changes, ok once the rest is over', async () => {
    await seed();
    // the config's health: two failures, 90 s — but the seed used the defaults (3 failures): not resting yet
    const before = await listed(plus(1));
    expect(before.find((provider) => provider.id === 'sick')?.health).toMatchObject({ state: 'ok', recent: { calls: 3, ok: 1 } });
    expect(before.find((provider) => provider.id === 'refused')?.health).toMatchObject({ state: 'unusable', type: 'AUTH' });
    expect(before.find((provider) => provider.id === 'openai')?.health).toBeUndefined();

    const table = await runCliAt(plus(1), ['models'], { cwd, env: env() });
    expect(table.stdout).toMatch(/│ Health +│/);
    expect(table.stdout).toMatch(/│ refused +│.*│ key unusable \(AUTH\) +│/);
    expect(
      table.stdout
        .split('\n')
        .filter((line) => /^[┌│├└]/.test(line))
        .every((line) => line.length <= 80),
    ).toBe(true);

    // a new key: the mark no longer applies
    expect((await listed(plus(1), { REFUSED_KEY: 'sk-refused-2' })).find((provider) => provider.id === 'refused')?.health).toBeUndefined();
  });

  it('a rest shows its end, in Chinese too, and is over at that time', async () => {
    await seed();
    const store = await openHealthStore(home(), defaultHealthConfig, {
      currentDate: () => plus(5),
      warn: () => undefined,
      messages: { corrupted: () => '', cannotWrite: () => '' },
    });
    const { parseConfig } = await import('../../src/config/parse-config.js');
    await store.record(resolveModel('sick:m', env(), parseConfig(config, 'c.yaml', env()).catalog), {
      ok: false,
      type: 'TIMEOUT',
      retryable: true,
    });
    const until = formatRestEnd(plus(65));
    expect((await listed(plus(6))).find((provider) => provider.id === 'sick')?.health).toMatchObject({
      state: 'resting',
      until: plus(65).toISOString(),
      label: `resting until ${until}`,
    });
    const chinese = await runCliAt(plus(6), ['models', '--lang', 'zh'], { cwd, env: env() });
    expect(chinese.stdout).toMatch(new RegExp(`│ sick +│.*│ 休息到 ${until} +│`));
    expect(chinese.stdout).toMatch(/│ 健康 +│/);
    expect((await listed(plus(65))).find((provider) => provider.id === 'sick')?.health?.state).toBe('ok');
  });

  it('refuses an unknown health key in the config', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), `${config}  restSeconds: 5\n`);
    const run = await runCliAt(start, ['models'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('health');
  });
});
