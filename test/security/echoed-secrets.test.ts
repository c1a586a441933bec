import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// Neither looks like a key (no `sk-`): only redaction of the exact values can catch them.
const openaiKey = 'hk_live_7f3a9c2e41d8b6';
const anthropicKey = 'ak9_live_e40b7d21c93f5a';
const teamSecret = 'team-secret-9d2f71c4e0';
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

const models = [
  ...['echo', 'cut', 'error', 'garbage'].flatMap((mode) => [`hostile:${mode}`, `hostile-claude:${mode}`]),
  'hostile:thread',
].join(',');

let server: HostileServer;
let cwd: string;
let home: string;

const cli = (args: string[]) =>
  runCliInProcess(args, {
    cwd,
    env: {
      WECHAT_WRITER_HOME: home,
      HOSTILE_URL: server.url,
      HOSTILE_KEY: openaiKey,
      HOSTILE_CLAUDE_KEY: anthropicKey,
      TEAM_SECRET: teamSecret,
    },
  });

/** Every file under a directory, with its bytes. */
function filesUnder(directory: string): { file: string; bytes: Buffer }[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [{ file: full, bytes: readFileSync(full) }];
  });
}

/** The secrets found in a text or in bytes, whole or a telling piece (as a parser's error quotes: its start or end). */
const leaks = (where: string, content: string | Buffer) =>
  secrets
    .filter((secret) => [secret, secret.slice(0, 8), secret.slice(-8)].some((piece) => content.includes(piece)))
    .map((secret) => `${where}: ${secret}`);

beforeAll(async () => {
  server = await startHostileServer();
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-echoed-secrets-'));
  home = path.join(cwd, 'home');
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config);
});

afterAll(() => server.close());

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a server that echoes the secrets it received', () => {
  it('gets neither the keys nor the secret header back into any output, file, report or history row', async () => {
    const consoleSpies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    const runs = [
      await cli(['-m', models, 'topic', '--retries', '0', '--json', '-o', 'out-json']),
      await cli(['-m', models, 'topic', '--retries', '0', '--live', '--show-reasoning', '-o', 'out-live', '--report', 'report.csv']),
      await cli(['-m', models, 'topic', '--retries', '0', '--show', 'full', '-o', 'out-show', '--report', 'report.html', '--debug']),
      await cli(['-m', models, 'topic', '--retries', '0', '-o', 'out-md', '--report', 'report.md']),
      await cli(['-m', 'hostile:error', 'topic', '--retries', '0', '--fallback', 'hostile-claude:cut', '--json', '-o', 'out-fallback']),
      await cli(['-m', 'hostile:echo', 'topic', '--no-stream', '--retries', '0', '--json', '-o', 'out-whole']),
    ];
    const history = await cli(['history', '--json', '-n', '50']);

    // The server did receive every secret, and echoed them: what follows is not vacuous.
    expect(server.received.some(({ key, secret }) => key === openaiKey && secret === teamSecret)).toBe(true);
    expect(server.received.some(({ key, secret }) => key === anthropicKey && secret === teamSecret)).toBe(true);
    const report = JSON.parse(runs[0]?.stdout ?? '') as JsonReport;
    const byModel = new Map(report.results.map((result) => [result.model, result]));
    expect(byModel.get('hostile:echo')).toMatchObject({
      status: 'ok',
      responseModel: '[redacted]+[redacted]',
      requestId: '[redacted]+[redacted]',
    });
    expect(byModel.get('hostile:echo')?.text).toContain('The key is [redacted] and the header is [redacted].');
    expect(byModel.get('hostile:echo')?.reasoning).toBe('thinking of [redacted] and [redacted]');
    expect(byModel.get('hostile-claude:echo')?.text).toContain('The key is [redacted] and the header is [redacted].');
    expect(byModel.get('hostile:cut')).toMatchObject({ status: 'error', incomplete: true });
    expect(byModel.get('hostile:cut')?.text).toContain('partial [redacted]');
    expect(byModel.get('hostile:error')?.error?.message).toContain('invalid key [redacted], header [redacted]');
    expect(runs[1]?.stdout).toContain('The key is [redacted] and the header is [redacted].');

    const found = [
      ...runs.flatMap((run, index) => [...leaks(`run ${index} stdout`, run.stdout), ...leaks(`run ${index} stderr`, run.stderr)]),
      ...leaks('history stdout', history.stdout),
      ...leaks('history stderr', history.stderr),
      ...filesUnder(cwd).flatMap(({ file, bytes }) => leaks(path.relative(cwd, file), bytes)),
      ...consoleSpies.flatMap((spy) => leaks('console', spy.mock.calls.map((call) => call.map(String).join(' ')).join('\n'))),
    ];
    expect(found).toEqual([]);
    // The files that must be there to be searched are.
    for (const file of ['report.csv', 'report.html', 'report.md', path.join('home', 'history.db')])
      expect(existsSync(path.join(cwd, file))).toBe(true);
    expect(filesUnder(path.join(cwd, 'out-json')).length).toBeGreaterThan(0);
    // Whatever the SDKs would have printed (an unparsable chunk), they printed nothing at all.
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});
