import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/commands/doctor/run-doctor.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const goodKey = 'sk-e2e-doctor-good-0001';
const badKey = 'sk-e2e-doctor-bad-0002';
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-doctor-'));
  const server = fakeServer();
  server.acceptedKeys.add(goodKey);
  const config = [
    'providers:',
    '  good:',
    '    type: openai',
    `    baseURL: ${server.openaiBaseURL}`,
    '    apiKeyEnv: GOOD_KEY',
    '  bad:',
    '    type: anthropic',
    `    baseURL: ${server.anthropicBaseURL}`,
    '    apiKeyEnv: BAD_KEY',
    '',
  ].join('\n');
  writeFileSync(path.join(cwd, 'doctor.yaml'), config);
});

const env = () => ({ GOOD_KEY: goodKey, BAD_KEY: badKey, WECHAT_WRITER_HOME: cwd });

describe('wechat-writer doctor', () => {
  // The 2 s bound on each check is test/commands/doctor.test.ts's (on a fake clock); here it is raised
  // with --timeout so that a loaded machine cannot make a check time out.
  it('tells a good provider from a bad key, with a fix, and exits 1', async () => {
    const run = await runCliInProcess(['doctor', '--config', 'doctor.yaml', '--timeout', '30000'], {
      cwd,
      env: { ...env(), COLUMNS: '200' },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/│ good +│ .*│ GOOD_KEY +│ ✓ ok \(\/models\)/);
    expect(run.stdout).toMatch(/│ bad +│ .*│ BAD_KEY +│ ✗ key rejected .*│ key rejected: check BAD_KEY/);
    expect(run.stdout).toContain('✗ 1 of 2 checked providers failed');
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout + run.stderr).not.toContain(goodKey);
    expect(run.stdout + run.stderr).not.toContain(badKey);
    expect(run.stdout).not.toContain('TIMEOUT');
  });

  it('--json prints the report alone on stdout', async () => {
    const run = await runCliInProcess(['doctor', '--json', '-c', 'doctor.yaml', '--timeout', '30000'], { cwd, env: env() });
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report).toMatchObject({ version: 1, ok: false });
    expect(report.providers.map((check) => [check.id, check.ok, check.error?.type ?? null])).toEqual([
      ['good', true, null],
      ['bad', false, 'AUTH'],
    ]);
    expect(run.stdout + run.stderr).not.toContain(badKey);
  });

  it('exits 0 when every configured provider passes, and 2 on an unreadable --config', async () => {
    const ok = await runCliInProcess(['doctor', '-c', 'doctor.yaml', '--timeout', '30000'], { cwd, env: { ...env(), BAD_KEY: goodKey } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('✓ all 2 checked providers ok');
    const missing = await runCliInProcess(['doctor', '-c', 'nope.yaml'], { cwd, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read --config "nope.yaml"');
  });

  it('--timeout takes a whole number of milliseconds; anything else is exit 2 in one line, before any call', async () => {
    const run = await runCliInProcess(['doctor', '--config', 'doctor.yaml', '--timeout', 'soon'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--timeout takes a whole number of at least 1, got "soon"');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it.each(['80', '160'])('in Chinese at COLUMNS=%s: headers, statuses, fixes and summary, no line wider', async (columns) => {
    const run = await runCliInProcess(['doctor', '--config', 'doctor.yaml', '--timeout', '30000'], {
      cwd,
      env: { ...env(), WECHAT_WRITER_LANG: 'zh-CN', COLUMNS: columns },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/│ 服务商 +│/);
    expect(run.stdout).toMatch(/│ 检查 +│/);
    expect(run.stdout).toContain('✓ 正常（/models）');
    expect(run.stdout).toContain('✗ 密钥被拒绝');
    expect(run.stdout).toContain('密钥被拒绝：请检查 BAD_KEY');
    expect(run.stdout).toContain('✗ 检查的 2 个服务商中有 1 个失败');
    expect(run.stdout).not.toMatch(/key rejected|checked providers|Provider/);
    const tooWide = run.stdout.split('\n').filter((line) => stringWidth(line) > Number(columns));
    expect(tooWide).toEqual([]);
  });

  it('in English at COLUMNS=80 the fix moves below the table, whole', async () => {
    const run = await runCliInProcess(['doctor', '--config', 'doctor.yaml', '--timeout', '30000'], {
      cwd,
      env: { ...env(), COLUMNS: '80' },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
    expect(run.stdout).toMatch(/│ bad +│.*│ BAD_KEY +│ ✗ key rejected +│ +\d+ ms │\n/);
    expect(run.stdout).not.toMatch(/│.*check BAD_KEY/);
    expect(run.stdout).toMatch(/\nbad\n(  Endpoint: \S+\n)?  Fix: key rejected: check BAD_KEY\n/);
  });
});
