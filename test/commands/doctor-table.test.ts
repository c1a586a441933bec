import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { ProviderCheck } from '../../src/commands/doctor/check-provider.js';
import { renderDoctorTable } from '../../src/commands/doctor/render-doctor-table.js';
import { wrapToWidth } from '../../src/ui/wrap-to-width.js';
import { runInLanguage } from '../../src/i18n/language.js';

const plain = new Chalk({ level: 0 });
const colored = new Chalk({ level: 1 });

const check = (fields: Partial<ProviderCheck>): ProviderCheck => ({
  id: 'deepseek',
  baseURL: 'https://api.deepseek.com/v1',
  proxy: null,
  apiKeyEnv: 'DEEPSEEK_API_KEY',
  keyPresent: true,
  reachable: true,
  keyAccepted: true,
  method: 'models',
  latencyMs: 412,
  ok: true,
  error: null,
  fix: null,
  ...fields,
});

/** Real-looking checks: one ok, a rejected key, an unreachable self-hosted endpoint, a missing key. */
const checks: ProviderCheck[] = [
  check({}),
  check({
    id: 'anthropic',
    baseURL: 'https://api.anthropic.com',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    keyAccepted: false,
    ok: false,
    latencyMs: 1234,
    error: { type: 'AUTH', message: 'AUTH: invalid x-api-key' },
    fix: 'key rejected: check ANTHROPIC_API_KEY',
  }),
  check({
    id: 'my-local-gateway',
    baseURL: 'http://gateway.internal.example.com:8080/openai/v1',
    apiKeyEnv: 'MY_LOCAL_GATEWAY_API_KEY',
    reachable: false,
    keyAccepted: null,
    method: 'generate',
    ok: false,
    latencyMs: 2001,
    error: { type: 'NETWORK', message: 'NETWORK: could not reach the provider (ECONNREFUSED)' },
    fix: 'cannot reach http://gateway.internal.example.com:8080/openai/v1: check MY_LOCAL_GATEWAY_BASE_URL (or providers.my-local-gateway.baseURL) / the proxy',
  }),
  check({
    id: 'qwen',
    baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    apiKeyEnv: 'QWEN_API_KEY',
    keyPresent: false,
    reachable: null,
    keyAccepted: null,
    method: null,
    latencyMs: null,
    ok: false,
    error: { type: 'MISSING_KEY', message: 'QWEN_API_KEY is not set' },
    fix: 'set QWEN_API_KEY in the environment or .env',
  }),
];

const proxied = checks.map((item, index) => (index === 0 ? item : { ...item, proxy: 'http://writer:***@proxy.corp.example.com:3128' }));

const overWide = (text: string, columns: number) => text.split('\n').filter((line) => stringWidth(line) > columns);

describe('the doctor table fits the terminal', () => {
  it.each([80, 160])('at %i columns no line is wider, in English and Chinese, with and without a proxy column', (columns) => {
    for (const rows of [checks, proxied]) {
      for (const color of [plain, colored]) {
        expect(overWide(renderDoctorTable(rows, color, columns), columns)).toEqual([]);
        expect(
          overWide(
            runInLanguage('zh-CN', () => renderDoctorTable(rows, color, columns)),
            columns,
          ),
        ).toEqual([]);
      }
    }
  });

  it('at 80 columns moves the fixes (and the endpoints) below the table, whole and wrapped', () => {
    const text = renderDoctorTable(checks, plain, 80);
    const [table, below] = [text.slice(0, text.lastIndexOf('┘') + 1), text.slice(text.lastIndexOf('┘') + 1)];
    expect(table).toMatch(/│ Provider +│ Key +│ Check +│ +Time │/);
    expect(table).toMatch(/│ anthropic +│ ANTHROPIC_API_KEY +│ ✗ key rejected +│ +1234 ms │/);
    expect(table).not.toContain('check ANTHROPIC_API_KEY');
    expect(below).toContain('anthropic\n  Endpoint: https://api.anthropic.com\n  Fix: key rejected: check ANTHROPIC_API_KEY');
    expect(below).toContain('  Fix: set QWEN_API_KEY in the environment or .env');
    // A long fix wraps under its label, every word kept.
    const words = (value: string) => value.split(/\s+/).filter(Boolean);
    expect(words(below)).toEqual(expect.arrayContaining(words(checks[2]!.fix!)));
    expect(below).toMatch(/\n {4}\S/);
  });

  it('at 160 columns keeps the table whole when it fits, the fix in its row', () => {
    const text = renderDoctorTable(checks.slice(0, 2), plain, 160);
    expect(text).toMatch(
      /│ anthropic +│ https:\/\/api\.anthropic\.com +│ ANTHROPIC_API_KEY +│ ✗ key rejected +│ +1234 ms │ key rejected: check ANTHROPIC_API_KEY │/,
    );
    expect(text.trimEnd().endsWith('┘')).toBe(true);
  });

  it('speaks Chinese: headers, statuses, the key column and the labels below', () => {
    const text = runInLanguage('zh-CN', () => renderDoctorTable(checks, plain, 80));
    expect(text).toMatch(/│ 服务商 +│ 密钥 +│ 检查 +│ +耗时 │/);
    expect(text).toContain('✓ 正常（/models）');
    expect(text).toContain('✗ 密钥被拒绝');
    expect(text).toContain('✗ 缺少 API 密钥');
    expect(text).toContain('  接口地址：https://api.anthropic.com');
    expect(text).toContain('  解决办法：');
  });
});

describe('wrapToWidth', () => {
  it('breaks at spaces and between CJK characters, never wider than asked, with a hanging indent', () => {
    const text =
      '通过代理连接不上 http://gateway.internal.example.com:8080/openai/v1：请检查 HTTPS_PROXY（主机、端口、用户名和密码），或把该主机加进 NO_PROXY';
    const lines = wrapToWidth(text, 30, '    ');
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(30);
    expect(lines.slice(1).every((line) => line.startsWith('    '))).toBe(true);
    expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
  });
});
