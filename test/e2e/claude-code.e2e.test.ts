import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { claudeFixture, installFakeClaude, isRunning, readFakeRecord, until } from '../fixtures/claude-code/install-fake-claude.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
let bin: string;
let fake: string;
let record: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-claude-code-e2e-'));
  bin = path.join(cwd, 'bin');
  mkdirSync(bin);
  fake = installFakeClaude(bin);
  record = path.join(cwd, 'record.json');
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于秋天的短文。');
});

const config = (command?: string) =>
  `providers:\n  cc:\n    type: claude-code\n${command === undefined ? '' : `    command: ${JSON.stringify(command)}\n`}    models: [sonnet, opus]\n`;

const cli = (args: string[], env: Record<string, string> = {}, signal?: AbortSignal) =>
  runCliInProcess(args, {
    cwd,
    env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), FAKE_CLAUDE_RECORD: record, ...env },
    signal,
  });

describe('a claude-code provider through the CLI (a fake claude)', () => {
  it('writes with the fake: text, usage and the CLI-reported cost in --json, the brief on its stdin', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config(fake));
    const run = await cli(['--models', 'cc:opus', '-p', 'brief.md', '--json'], { FAKE_CLAUDE_EVENTS: claudeFixture('basic-query.ndjson') });
    expect(run.code, run.stderr).toBe(0);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result).toMatchObject({
      model: 'cc:opus',
      status: 'ok',
      text: '4',
      costUsd: 0.1354875,
      responseModel: 'claude-opus-4-5-20251101',
    });
    expect(result!.usage).toMatchObject({ inputTokens: 21580, cacheWriteTokens: 21570, outputTokens: 25 });
    const seen = readFakeRecord(record)!;
    expect(seen.stdin).toBe('写一篇关于秋天的短文。');
    expect(seen.args).toEqual(expect.arrayContaining(['-p', '--output-format', 'stream-json', '--verbose', '--model', 'opus']));
  });

  it('finds `claude` on PATH when no command is given', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config());
    const run = await cli(['--models', 'cc', '-p', 'brief.md', '--json'], {
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      FAKE_CLAUDE_EVENTS: claudeFixture('partial-messages.ndjson'),
    });
    expect(run.code, run.stderr).toBe(0);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result).toMatchObject({ model: 'cc:sonnet', status: 'ok', text: '# 秋天的第一杯咖啡\n\n清晨七点，街角的咖啡馆刚刚开门。' });
    expect(readFakeRecord(record)!.args).toEqual(expect.arrayContaining(['--model', 'sonnet']));
  });

  it('without the CLI: exit 2 at plan time, naming how to install it, nothing run', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config());
    const run = await cli(['--models', 'cc:sonnet', '-p', 'brief.md'], { PATH: path.join(cwd, 'empty') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the command "claude" was not found');
    expect(run.stderr).toContain('npm install -g @anthropic-ai/claude-code');
    expect(readFakeRecord(record)).toBeNull();
  });

  it('without the CLI, in Chinese', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config(path.join(cwd, 'nowhere', 'claude')));
    const run = await cli(['--lang', 'zh', '--models', 'cc:sonnet', '-p', 'brief.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到命令');
    expect(run.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  });

  it('a logged-out CLI fails the model with AUTH (exit 1)', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config(fake));
    const run = await cli(['--models', 'cc:opus', '-p', 'brief.md', '--json'], {
      FAKE_CLAUDE_EVENTS: claudeFixture('auth-error.ndjson'),
      FAKE_CLAUDE_EXIT: '1',
    });
    expect(run.code).toBe(1);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result!.status).toBe('error');
    expect(result!.error).toMatchObject({ type: 'AUTH' });
    expect(result!.error!.message).toContain('Please run /login');
  });

  it('Ctrl-C while the CLI runs: exit 130 and its process group is gone', async () => {
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), config(fake));
    const interrupt = new AbortController();
    const events = path.join(cwd, 'init.ndjson');
    writeFileSync(events, '{"type":"system","subtype":"init","session_id":"s","model":"claude-opus-4-5"}\n');
    const running = cli(
      ['--models', 'cc:opus', '-p', 'brief.md', '--timeout', '60000'],
      { FAKE_CLAUDE_EVENTS: events, FAKE_CLAUDE_HANG: '1' },
      interrupt.signal,
    );
    const started = await until(() => readFakeRecord(record) !== null);
    interrupt.abort();
    const run = await running;
    expect(started, run.stderr).toBe(true);
    expect(run.code).toBe(130);
    const seen = readFakeRecord(record)!;
    expect(await until(() => !isRunning(seen.pid) && !isRunning(seen.childPid!))).toBe(true);
  });

  it('`command` without `type: claude-code`, or a key on a claude-code provider, is a config error (exit 2)', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      'providers:\n  odd:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n    command: claude\n  cc:\n    type: claude-code\n    apiKeyEnv: CC_KEY\n',
    );
    const run = await cli(['--models', 'mock:alpha', '-p', 'brief.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`command` is only read with `type: claude-code`');
    expect(run.stderr).toContain('`apiKeyEnv` does not apply to `type: claude-code`');
  });
});
