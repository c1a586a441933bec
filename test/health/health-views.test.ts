import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { ProviderCheck } from '../../src/commands/doctor/check-provider.js';
import { renderDoctorTable } from '../../src/commands/doctor/render-doctor-table.js';
import { formatRestEnd, healthCell } from '../../src/health/format-health.js';
import { runInLanguage } from '../../src/i18n/language.js';

const plain = new Chalk({ level: 0 });
const check = (id: string): ProviderCheck => ({
  id,
  baseURL: 'https://api.example.com/v1',
  proxy: null,
  apiKeyEnv: 'EXAMPLE_API_KEY',
  keyPresent: true,
  reachable: true,
  keyAccepted: true,
  method: 'models',
  latencyMs: 40,
  ok: true,
  error: null,
  fix: null,
});
const until = new Date(2026, 10, 21, 9, 5, 0);

describe('health cells and lines', () => {
  it('ok / resting until HH:MM / key unusable, with the recent success rate', () => {
    expect(formatRestEnd(until)).toBe('09:05');
    expect(healthCell({ state: 'ok', failures: 0 })).toBe('ok');
    expect(healthCell({ state: 'resting', until, failures: 3 }, { calls: 8, ok: 5 })).toBe(
      'resting until 09:05 · 63% ok of the last 8 calls',
    );
    expect(healthCell({ state: 'unusable', type: 'AUTH', since: until })).toBe('key unusable (AUTH)');
    expect(runInLanguage('zh-CN', () => healthCell({ state: 'resting', until, failures: 3 }, { calls: 4, ok: 1 }))).toBe(
      '休息到 09:05 · 最近 4 次调用成功 25%',
    );
    expect(runInLanguage('zh-CN', () => healthCell({ state: 'unusable', type: 'QUOTA_EXCEEDED', since: until }))).toBe(
      'API 密钥不可用（QUOTA_EXCEEDED）',
    );
  });

  it('doctor: a Health column (or line below, when narrow) only when some provider has a state', () => {
    const checks = [check('deepseek'), check('kimi')];
    expect(renderDoctorTable(checks, plain, 80)).not.toContain('Health');
    expect(renderDoctorTable(checks, plain, 80, () => null)).not.toContain('Health');
    const wide = renderDoctorTable(checks, plain, 160, (row) => (row.id === 'kimi' ? 'resting until 09:05' : null));
    expect(wide).toMatch(/│ kimi +│.*│ resting until 09:05 │/);
    expect(wide).toMatch(/│ deepseek +│.*│ ok +│/);
    const narrow = renderDoctorTable(checks, plain, 60, (row) => (row.id === 'kimi' ? 'resting until 09:05' : null));
    expect(narrow).toContain('kimi\n  Endpoint: https://api.example.com/v1\n  Health: resting until 09:05');
    expect(narrow.split('\n').every((line) => line.length <= 60)).toBe(true);
    const chinese = runInLanguage('zh-CN', () =>
      renderDoctorTable(checks, plain, 60, (row) => (row.id === 'kimi' ? '休息到 09:05' : null)),
    );
    expect(chinese).toContain('健康：休息到 09:05');
  });
});
