import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgramDeps } from '../../src/cli/build-program.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { issueExample } from '../support/config-example.js';
import { observeProgress } from '../support/observe-progress.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const localKey = 'sk-config-e2e-local-key-777';
let cwd: string;
let home: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-config-'));
  home = path.join(cwd, 'home');
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于秋天的短文。');
});

const cli = (args: string[], env: Record<string, string> = {}, deps?: ProgramDeps) =>
  runCliInProcess(args, {
    cwd,
    env: { WECHAT_WRITER_HOME: home, LOCAL_BASE: fakeServer().url, LOCAL_KEY: localKey, ...env },
    deps,
  });
const report = (stdout: string) => JSON.parse(stdout) as JsonReport;

describe('a config file with providers', () => {
  it('--concurrency 3 compares three models from config providers at once, results and history in order', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), issueExample);
    // No model is answered before all three requests have arrived: the run only ends if they overlap.
    const allThreeArrived = () => fakeServer().until(() => fakeServer().requests.length >= 3);
    for (const [model, text] of [
      ['a', '# A\n甲'],
      ['b', '# B\n乙'],
      ['c', '# C\n丙'],
    ] as const) {
      fakeServer().replies.set(model, { gate: allThreeArrived, chunks: [text] });
    }
    const run = await cli(['--concurrency', '3', '--models', 'local:a,local:b,claude-proxy:c', '-p', 'brief.md', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { results, runId } = report(run.stdout);
    expect(results.map((result) => [result.model, result.status, result.text])).toEqual([
      ['local:a', 'ok', '# A\n甲'],
      ['local:b', 'ok', '# B\n乙'],
      ['claude-proxy:c', 'ok', '# C\n丙'],
    ]);

    // The three requests overlapped: all arrived before the first answer was sent (the gate above).
    const requests = fakeServer().requests;
    expect(requests.map((request) => request.path).sort()).toEqual(['/v1/chat/completions', '/v1/chat/completions', '/v1/messages']);
    expect(
      requests.every((request) => request.headers.authorization === `Bearer ${localKey}` || request.headers['x-api-key'] === localKey),
    ).toBe(true);
    expect(run.stdout + run.stderr).not.toContain(localKey);

    // History rows are not mixed up: each text with its model, in plan order.
    expect(runId).not.toBeNull();
    const shown = await cli(['history', 'show', String(runId), '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(report(shown.stdout).results.map((result) => [result.model, result.text])).toEqual([
      ['local:a', '# A\n甲'],
      ['local:b', '# B\n乙'],
      ['claude-proxy:c', '# C\n丙'],
    ]);
  });

  it('reads the config from WECHAT_WRITER_HOME/config.yaml, and --config over it', async () => {
    writeFileSync(path.join(cwd, 'home-config.yaml'), issueExample);
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'config.yaml'), 'providers:\n  homelocal:\n    type: openai\n    baseURL: ${LOCAL_BASE}/v1\n');
    const fromHome = await cli(['models', '--json']);
    expect(fromHome.code, fromHome.stderr).toBe(0);
    const homeIds = (JSON.parse(fromHome.stdout) as { providers: { id: string }[] }).providers.map((provider) => provider.id);
    expect(homeIds).toContain('homelocal');
    const explicit = await cli(['models', '--config', 'home-config.yaml', '--json']);
    const explicitIds = (JSON.parse(explicit.stdout) as { providers: { id: string }[] }).providers.map((provider) => provider.id);
    expect(explicitIds).toContain('local');
    expect(explicitIds).not.toContain('homelocal');
  });

  it('models --config <file> --json lists the config providers, never the key', async () => {
    writeFileSync(path.join(cwd, 'team.yaml'), issueExample);
    const run = await cli(['models', '--config', 'team.yaml', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { providers } = JSON.parse(run.stdout) as {
      providers: { id: string; wireFormat: string; baseURL: string; apiKeyEnv: string; usable: boolean }[];
    };
    expect(providers.find((provider) => provider.id === 'local')).toMatchObject({
      wireFormat: 'openai',
      baseURL: `${fakeServer().url}/v1`,
      apiKeyEnv: 'LOCAL_KEY',
      usable: true,
    });
    expect(providers.find((provider) => provider.id === 'claude-proxy')).toMatchObject({ wireFormat: 'anthropic', usable: true });
    expect(run.stdout).not.toContain(localKey);
  });

  it('a config with two mistakes: exit 2, both named with the file, and nothing is called', async () => {
    const broken = issueExample.replace('type: openai', 'type: grpc').replace('  retries: 0', '  retries: -1');
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), broken);
    const run = await cli(['--models', 'local:a,claude-proxy:c', '-p', 'brief.md', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('config wechat-writer.config.yaml has 2 problems; nothing was called');
    expect(run.stderr).toContain('providers.local.type: unknown type "grpc": use openai or anthropic');
    expect(run.stderr).toContain('retry.retries: must be at least 0, got -1');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('an unreadable --config is a usage error (exit 2) naming it', async () => {
    const run = await cli(['--config', 'nope.yaml', '--models', 'mock:alpha', '-p', 'brief.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read --config "nope.yaml": it does not exist');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('a missing key variable of a config provider is a usage error naming it', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), issueExample);
    const run = await runCliInProcess(['--models', 'local:a', '-p', 'brief.md'], {
      cwd,
      env: { WECHAT_WRITER_HOME: home, LOCAL_BASE: fakeServer().url },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('local:a needs LOCAL_KEY');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('rotates to the next key on a 429, end to end', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      `providers:\n  pool:\n    type: openai\n    baseURL: \${LOCAL_BASE}/v1\n    apiKeyEnvs: [POOL_KEY_1, POOL_KEY_2]\n`,
    );
    fakeServer().replies.set('m', { status: 429, failForKeys: ['sk-pool-one-1111'], chunks: ['# ok'] });
    const run = await cli(['--models', 'pool:m', '-p', 'brief.md', '--json'], {
      POOL_KEY_1: 'sk-pool-one-1111',
      POOL_KEY_2: 'sk-pool-two-2222',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(report(run.stdout).results[0]).toMatchObject({ status: 'ok', attempts: 2, text: '# ok' });
    expect(fakeServer().requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-pool-one-1111',
      'Bearer sk-pool-two-2222',
    ]);
    expect(run.stdout + run.stderr).not.toMatch(/sk-pool-(one|two)/);
  });

  it('--concurrency without --json shows each model once, in the plain progress lines, results in order', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), issueExample);
    // slow is answered only once the CLI has the whole of fast: the second model ends first.
    let fastEnded = () => {};
    const fastDone = new Promise<void>((resolve) => (fastEnded = resolve));
    fakeServer().replies.set('slow', { gate: () => fastDone, chunks: ['# slow'] });
    fakeServer().replies.set('fast', { chunks: ['# fast'] });
    const whenFastEnds = observeProgress({ ended: (model) => model.id === 'local:fast' && fastEnded() });
    const run = await cli(['--concurrency', '2', '--models', 'local:slow,local:fast', '-p', 'brief.md', '--live'], {}, whenFastEnds);
    expect(run.code, run.stderr).toBe(0);
    // --live with models at once: each text whole under its own header, never interleaved.
    expect(run.stdout).toMatch(/── \[1\/2\] local:slow ──\n# slow\n\n── \[2\/2\] local:fast ──\n# fast\n/);
  });

  it('in Chinese (WECHAT_WRITER_LANG=zh-CN): every problem of the file on its own line, paths and values as written', async () => {
    const broken = issueExample.replace('type: openai', 'type: grpc').replace('  retries: 0', '  retries: -1');
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), broken);
    const run = await cli(['--models', 'local:a', '-p', 'brief.md'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('配置文件 wechat-writer.config.yaml 有 2 处问题，没有调用任何模型');
    expect(run.stderr).toContain('providers.local.type: 未知的类型 "grpc"：请用 openai 或 anthropic');
    expect(run.stderr).toContain('retry.retries: 必须大于或等于 0，实际为 -1');
    expect(run.stderr).not.toContain('nothing was called');
    expect(fakeServer().requests).toHaveLength(0);
  });

  it('language: zh-CN in the config file gives a Chinese interface; --lang en wins over it', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), 'language: zh\n');
    const zh = await cli(['--models', 'mock:alpha', '--max-tokens', 'lots', 'x']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('--max-tokens 需要一个不小于 1 的整数，收到的是 "lots"');
    const en = await cli(['--lang', 'en', '--models', 'mock:alpha', '--max-tokens', 'lots', 'x']);
    expect(en.stderr).toContain('--max-tokens takes a whole number of at least 1, got "lots"');
  });

  it('a language the tool does not speak is one clear line naming the two it does', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), 'language: fr\n');
    const run = await cli(['--models', 'mock:alpha', '-p', 'brief.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('config wechat-writer.config.yaml has 1 problem; nothing was called');
    expect(run.stderr).toContain('language: "fr" is not an interface language: use zh-CN or en');
  });

  it('in Chinese, a missing prompt without a terminal says how to give one (exit 2)', async () => {
    const run = await cli(['--lang', 'zh-CN', '--models', 'mock:alpha']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有提示词：请给出主题（wechat-writer "选题"）或 --prompt brief.md');
    const missing = await cli(['--models', 'mock:alpha', '--prompt', 'nope.md'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(missing.stderr).toContain('--prompt 指定的文件 "nope.md" 不存在：请给 --prompt 一个文本文件的路径');
  });
});
