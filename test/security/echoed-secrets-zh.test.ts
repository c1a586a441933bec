import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// The echoed-secrets test again in a Chinese run: the Chinese sentences around a server's words must
// not let a secret through either. Neither key looks like a key (no `sk-`): only exact redaction catches them.
const openaiKey = 'hk_live_zh_5b2e8c1d47a9';
const anthropicKey = 'ak9_live_zh_c81f2a6d0e37';
const teamSecret = 'team-secret-zh-4e71b93a';
const secrets = [openaiKey, anthropicKey, teamSecret];

const config = `providers:
  hostile:
    type: openai
    baseURL: \${HOSTILE_URL}/v1
    apiKeyEnv: HOSTILE_KEY
    headers:
      X-Custom-Secret: \${TEAM_SECRET}
  hostile-claude:
    type: anthropic
    baseURL: \${HOSTILE_URL}
    apiKeyEnv: HOSTILE_CLAUDE_KEY
    headers:
      X-Custom-Secret: \${TEAM_SECRET}
`;

const models = ['echo', 'cut', 'error', 'garbage'].flatMap((mode) => [`hostile:${mode}`, `hostile-claude:${mode}`]).join(',');

let server: HostileServer;
let cwd: string;

const cli = (args: string[]) =>
  runCliInProcess(args, {
    cwd,
    env: {
      WECHAT_WRITER_HOME: path.join(cwd, 'home'),
      WECHAT_WRITER_LANG: 'zh-CN',
      HOSTILE_URL: server.url,
      HOSTILE_KEY: openaiKey,
      HOSTILE_CLAUDE_KEY: anthropicKey,
      TEAM_SECRET: teamSecret,
    },
  });

function filesUnder(directory: string): { file: string; bytes: Buffer }[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [{ file: full, bytes: readFileSync(full) }];
  });
}

/** The secrets found in a text or in bytes, whole or a telling piece (its start or end). */
const leaks = (where: string, content: string | Buffer) =>
  secrets
    .filter((secret) => [secret, secret.slice(0, 8), secret.slice(-8)].some((piece) => content.includes(piece)))
    .map((secret) => `${where}: ${secret}`);

beforeAll(async () => {
  server = await startHostileServer();
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-echoed-secrets-zh-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config);
});

afterAll(() => server.close());

describe('a server that echoes the secrets it received, in a Chinese run', () => {
  it('gets no secret into any output, file, report or history row, and its failures read in Chinese', async () => {
    const runs = [
      await cli(['-m', models, '主题', '--retries', '0', '--json', '-o', 'out-json']),
      await cli(['-m', models, '主题', '--retries', '0', '--show', 'full', '-o', 'out-show', '--report', 'report.html', '--debug']),
      await cli(['-m', 'hostile:error', '主题', '--retries', '0', '--fallback', 'hostile-claude:error', '--json', '-o', 'out-fallback']),
    ];
    const history = await cli(['history', '--json', '-n', '50']);
    expect(server.received.some(({ key, secret }) => key === openaiKey && secret === teamSecret)).toBe(true);

    const report = JSON.parse(runs[0]?.stdout ?? '') as JsonReport;
    const byModel = new Map(report.results.map((result) => [result.model, result]));
    const error = byModel.get('hostile:error')?.error;
    expect(error?.type).toBe('BAD_REQUEST');
    expect(error?.message).toContain('invalid key [redacted], header [redacted]');
    expect(error?.message).toBe(
      'BAD_REQUEST 错误（HTTP 400）：服务商返回“invalid key [redacted], header [redacted]”；服务商不接受这次请求的参数。解决办法：检查 --max-tokens 和 --temperature 是否适合这个模型',
    );
    expect(byModel.get('hostile-claude:error')?.error?.message).toMatch(/^BAD_REQUEST 错误（HTTP 400）：.*解决办法：/);
    const fallback = JSON.parse(runs[2]?.stdout ?? '') as JsonReport;
    expect(fallback.results[0]?.error?.message).toMatch(/^hostile:error 失败，备用模型 hostile-claude:error 也失败了：BAD_REQUEST 错误/);
    expect(runs[1]?.stdout).toMatch(/\p{Script=Han}/u);

    const found = [
      ...runs.flatMap((run, index) => [...leaks(`run ${index} stdout`, run.stdout), ...leaks(`run ${index} stderr`, run.stderr)]),
      ...leaks('history stdout', history.stdout),
      ...leaks('history stderr', history.stderr),
      ...filesUnder(cwd).flatMap(({ file, bytes }) => leaks(path.relative(cwd, file), bytes)),
    ];
    expect(found).toEqual([]);
    expect(existsSync(path.join(cwd, 'report.html'))).toBe(true);
  });
});
