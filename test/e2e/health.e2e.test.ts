import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatRestEnd } from '../../src/health/format-health.js';
import { runCliAt } from '../health/run-cli-at.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const sickKey = 'sk-sick-provider-key-5150';
let cwd: string;

const config = `providers:
  sick:
    type: openai
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: SICK_KEY
  well:
    type: openai
    baseURL: \${LOCAL_BASE}/v1
    apiKeyEnv: WELL_KEY
roles:
  default: [sick:sick-model, well:well-model]
retry:
  retries: 0
`;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-health-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config);
  const server = fakeServer();
  server.replies.set('sick-model', { status: 500, errorBody: { error: { message: 'internal error', type: 'server_error' } } });
  server.replies.set('well-model', { chunks: ['# 冬日热可可\n\n', '窗外下着雪。评分：8/10'] });
});

const home = () => path.join(cwd, 'home');
const env = (extra: Record<string, string> = {}) => ({
  LOCAL_BASE: fakeServer().url,
  SICK_KEY: sickKey,
  WELL_KEY: 'sk-well-provider-key-6160',
  WECHAT_WRITER_HOME: home(),
  ...extra,
});
const start = new Date(2026, 10, 21, 10, 0, 0);
const plus = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const compare = (at: Date, models: string, extra: string[] = []) =>
  runCliAt(at, ['--models', models, '--no-history', '--out', 'out', ...extra, '冬天的热可可'], { cwd, env: env() });
const write = (at: Date, extra: string[] = [], moreEnv: Record<string, string> = {}) =>
  runCliAt(at, ['write', '--no-history', '--no-check', '--out', 'out', ...extra, '冬天的热可可'], { cwd, env: env(moreEnv) });

/** Three runs whose call to the sick provider fails (it falls back to the well one). */
async function sickenThreeTimes(): Promise<void> {
  for (let run = 0; run < 3; run += 1) {
    const ran = await compare(plus(run), 'sick:sick-model', ['--fallback', 'well:well-model']);
    expect(ran.code).toBe(0);
  }
}

describe('provider health across runs', () => {
  it('three failing runs rest a provider: write skips it, --models still calls it with a warning, models shows the rest, and after the cooldown it is used again', async () => {
    const server = fakeServer();
    await sickenThreeTimes();
    expect(server.requestCount('sick-model')).toBe(3);
    const file = path.join(home(), 'health.json');
    expect(readFileSync(file, 'utf8')).not.toContain(sickKey);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const until = formatRestEnd(plus(2 + 60));

    // the next write: every stage goes straight to the role's next model, one line each saying so
    const written = await write(plus(10));
    expect(written.code).toBe(0);
    expect(server.requestCount('sick-model')).toBe(3);
    expect(written.stderr).toContain(`skipped sick:sick-model: sick is resting until ${until} after 3 failures in a row`);
    expect(written.stderr.split('skipped sick:sick-model').length - 1).toBe(1); // once a run, not once a stage

    // named with --models, it is called anyway, with a warning
    const named = await compare(plus(20), 'sick:sick-model');
    expect(named.code).toBe(1);
    expect(server.requestCount('sick-model')).toBe(4);
    expect(named.stderr).toContain(
      `warning: sick is resting until ${until} after 3 failures in a row; sick:sick-model is called anyway because --models names it`,
    );

    const models = await runCliAt(plus(30), ['models', '--json'], { cwd, env: env() });
    const listed = JSON.parse(models.stdout).providers as {
      id: string;
      health?: { state: string; until: string | null; recent: unknown };
    }[];
    expect(listed.find((provider) => provider.id === 'sick')?.health).toMatchObject({ state: 'resting', until: plus(62).toISOString() });
    expect(listed.find((provider) => provider.id === 'well')?.health).toMatchObject({ state: 'ok', until: null });
    expect(listed.find((provider) => provider.id === 'openai')?.health).toBeUndefined();
    expect(listed.find((provider) => provider.id === 'sick')?.health?.recent).toEqual({ calls: 4, ok: 0 });
    const table = await runCliAt(plus(30), ['models'], { cwd, env: env() });
    expect(table.stdout).toMatch(new RegExp(`│ sick +│.*│ resting until ${until}`));
    const tableLines = table.stdout.split('\n').filter((line) => /^[┌│├└]/.test(line));
    expect(tableLines.every((line) => line.length <= 80)).toBe(true);
    const doctor = await runCliAt(plus(30), ['doctor'], { cwd, env: env() });
    expect(doctor.stdout).toContain(`Health: resting until ${until} · 0% ok of the last 4 calls`);
    expect(doctor.stdout).toMatch(/Health: ok · 100% ok of the last \d+ calls/);

    // past the cooldown it is tried again (and, failing again, rests twice as long)
    const again = await write(plus(63), ['--json']);
    expect(server.requestCount('sick-model')).toBe(5);
    expect(again.code).toBe(0);
    const twice = await runCliAt(plus(64), ['models', '--json'], { cwd, env: env() });
    const sick = (JSON.parse(twice.stdout).providers as { id: string; health?: { until: string } }[]).find(
      (provider) => provider.id === 'sick',
    );
    expect(sick?.health?.until).toBe(plus(63 + 120).toISOString());
  });

  it('a changed key clears the rest; a corrupted state file is ignored with a warning', async () => {
    const server = fakeServer();
    await sickenThreeTimes();
    // the first stage calls it again with the new key (which fails too, and rests after three stages)
    await write(plus(10), [], { SICK_KEY: 'sk-a-brand-new-key-7777' });
    expect(server.requestCount('sick-model')).toBeGreaterThan(3);

    writeFileSync(path.join(home(), 'health.json'), '{ not json');
    const after = await write(plus(11));
    expect(after.stderr).toContain(
      `wechat-writer: warning: the provider health file ${path.join(home(), 'health.json')} could not be read`,
    );
    expect(JSON.parse(readFileSync(path.join(home(), 'health.json'), 'utf8')).version).toBe(1);
  });

  it('says so in Chinese', async () => {
    await sickenThreeTimes();
    const until = formatRestEnd(plus(62));
    const written = await write(plus(10), ['--lang', 'zh']);
    expect(written.stderr).toContain(`已跳过 sick:sick-model：服务商 sick 连续失败 3 次，休息到 ${until}`);
    const named = await runCliAt(plus(20), ['--lang', 'zh', '--models', 'sick:sick-model', '--no-history', '--out', 'out', '主题'], {
      cwd,
      env: env(),
    });
    expect(named.stderr).toContain(`警告：服务商 sick 连续失败 3 次，休息到 ${until}；因为 --models 指定了 sick:sick-model，仍然调用`);
    const table = await runCliAt(plus(30), ['models', '--lang', 'zh'], { cwd, env: env({ COLUMNS: '160' }) });
    expect(table.stdout).toContain(`休息到 ${until}`);
    expect(table.stdout).toContain('健康');
  });
});
