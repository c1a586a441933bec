import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../../src/report/json-report.js';
import { isRunning, until } from '../../fixtures/claude-code/install-fake-claude.js';
import { commandFixture, installFakeCli, readFakeCliRecord } from '../../fixtures/command/install-fake-cli.js';
import { runCliInProcess } from '../../support/run-cli-in-process.js';

let cwd: string;
let bin: string;
let record: string;

const brief = '写一篇关于秋天的短文。';

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-command-e2e-'));
  bin = path.join(cwd, 'bin');
  mkdirSync(bin);
  record = path.join(cwd, 'record.json');
  writeFileSync(path.join(cwd, 'brief.md'), brief);
});

const writeConfig = (yaml: string) => writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), yaml);

const cli = (args: string[], env: Record<string, string> = {}, signal?: AbortSignal) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), FAKE_CLI_RECORD: record, ...env }, signal });

const results = (stdout: string) => (JSON.parse(stdout) as JsonReport).results;

/** Codex as its README section configures it, run by a fake `codex` that prints the recorded events. */
const codexConfig = (command: string) => `providers:
  codex:
    type: command
    command: ${JSON.stringify(command)}
    args: [exec, --json, --ephemeral, --skip-git-repo-check, --sandbox, read-only, -m, "{model}", "-"]
    output: jsonl
    fields:
      text: { path: item.text, when: { type: item.completed, item.type: agent_message } }
      reasoning: { path: item.text, when: { type: item.completed, item.type: reasoning } }
      inputTokens: usage.input_tokens
      cachedInputTokens: usage.cached_input_tokens
      outputTokens: usage.output_tokens
      error: { path: error.message, when: { type: turn.failed } }
    install: npm install -g @openai/codex
    models: [gpt-5-codex]
`;

const geminiConfig = (command: string) => `providers:
  gemini-cli:
    type: command
    command: ${JSON.stringify(command)}
    args: [-m, "{model}", --output-format, json]
    output: json
    fields:
      text: response
      inputTokens: stats.models.*.tokens.prompt
      cachedInputTokens: stats.models.*.tokens.cached
      outputTokens: stats.models.*.tokens.candidates
      reasoningTokens: stats.models.*.tokens.thoughts
      error: error.message
    models: [gemini-2.5-pro]
`;

describe('a `type: command` provider in a compare run (fake CLIs printing recorded output)', () => {
  it('jsonl (Codex): the agent message is the draft, usage read, the brief on stdin, the mock beside it kept', async () => {
    writeConfig(codexConfig(installFakeCli(bin, 'codex')));
    const run = await cli(['--models', 'codex:gpt-5-codex,mock:alpha', '-p', 'brief.md', '--json'], {
      FAKE_CLI_STDOUT: commandFixture('codex-exec.jsonl'),
    });
    expect(run.code, run.stderr).toBe(0);
    const [codex, mock] = results(run.stdout);
    expect(codex).toMatchObject({ model: 'codex:gpt-5-codex', status: 'ok', text: '4', reasoning: '**Providing simple answer**' });
    expect(codex!.usage).toMatchObject({ inputTokens: 2946, cacheReadTokens: 0, noCacheInputTokens: 2946, outputTokens: 7 });
    expect(mock).toMatchObject({ model: 'mock:alpha', status: 'ok' });
    const seen = readFakeCliRecord(record)!;
    // no `{system}` in the arguments: the system prompt goes before the brief, a blank line between
    expect(seen.stdin.endsWith(`\n\n${brief}`)).toBe(true);
    expect(seen.stdin.length).toBeGreaterThan(brief.length + 20);
    expect(seen.args).toEqual([
      'exec',
      '--json',
      '--ephemeral',
      '--skip-git-repo-check',
      '--sandbox',
      'read-only',
      '-m',
      'gpt-5-codex',
      '-',
    ]);
  });

  it('json (Gemini CLI): the response is the draft, the tokens of every model it used added up, the cost from the price table', async () => {
    writeConfig(`${geminiConfig(installFakeCli(bin, 'gemini'))}    prices:\n      gemini-2.5-pro: { input: 1.25, output: 10 }\n`);
    const run = await cli(['--models', 'gemini-cli', '-p', 'brief.md', '--json'], { FAKE_CLI_STDOUT: commandFixture('gemini-json.json') });
    expect(run.code, run.stderr).toBe(0);
    const [result] = results(run.stdout);
    expect(result!.text).toBe('# 秋天的第一杯咖啡\n\n清晨七点，街角的咖啡馆刚刚开门。\n\n落叶铺满了台阶。');
    expect(result!.usage).toMatchObject({ inputTokens: 9934, cacheReadTokens: 6144, outputTokens: 198, reasoningTokens: 656 });
    expect(result!.costUsd).toBeGreaterThan(0);
    expect(readFakeCliRecord(record)!.args).toEqual(['-m', 'gemini-2.5-pro', '--output-format', 'json']);
  });

  it('text (llm): stdout is the draft; the prompt as one argument reaches the CLI exactly, shell characters and all', async () => {
    const fake = installFakeCli(bin, 'llm');
    writeConfig(
      `providers:\n  llm:\n    type: command\n    command: ${JSON.stringify(fake)}\n    args: [-m, "{model}", -s, "{system}", "--", "{prompt}"]\n    models: [gpt-4o-mini]\n`,
    );
    const nasty = `$(rm -rf ~) \`id\` "; | & > out.txt" 'quoted' \\ $HOME\n-m evil --help`;
    writeFileSync(path.join(cwd, 'nasty.md'), nasty);
    writeFileSync(path.join(cwd, 'system.md'), 'You write for WeChat; $(whoami) && exit');
    const run = await cli(['--models', 'llm', '-p', 'nasty.md', '-s', 'system.md', '--json'], {
      FAKE_CLI_STDOUT: commandFixture('llm-text.txt'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(results(run.stdout)[0]!.text).toBe('# 秋天的第一杯咖啡\n\n清晨七点，街角的咖啡馆刚刚开门。\n\n落叶铺满了台阶。');
    const seen = readFakeCliRecord(record)!;
    expect(seen.args).toEqual(['-m', 'gpt-4o-mini', '-s', 'You write for WeChat; $(whoami) && exit', '--', nasty]);
    expect(seen.stdin).toBe('');

    // without `{prompt}` in the arguments the prompt goes to stdin, exactly
    writeConfig(`providers:\n  llm:\n    type: command\n    command: ${JSON.stringify(fake)}\n    args: [-m, "{model}", -s, "{system}"]\n`);
    const piped = await cli(['--models', 'llm:gpt-4o-mini', '-p', 'nasty.md', '-s', 'system.md', '--json'], {
      FAKE_CLI_STDOUT: commandFixture('llm-text.txt'),
    });
    expect(piped.code, piped.stderr).toBe(0);
    expect(readFakeCliRecord(record)).toMatchObject({
      stdin: nasty,
      args: ['-m', 'gpt-4o-mini', '-s', 'You write for WeChat; $(whoami) && exit'],
    });
  });

  it('a failing CLI fails its model with a typed error quoting it, and the other models keep their results (exit 1)', async () => {
    writeConfig(`${codexConfig(installFakeCli(bin, 'codex'))}${geminiConfig(installFakeCli(bin, 'gemini')).replace('providers:\n', '')}`);
    const stderrFile = commandFixture('gemini-error.json');
    const run = await cli(['--models', 'codex:gpt-5-codex,mock:alpha', '-p', 'brief.md', '--json', '--retries', '0'], {
      FAKE_CLI_STDOUT: commandFixture('codex-turn-failed.jsonl'),
      FAKE_CLI_EXIT: '1',
    });
    expect(run.code).toBe(1);
    const [codex, mock] = results(run.stdout);
    expect(codex!.status).toBe('error');
    expect(codex!.error).toMatchObject({ type: 'QUOTA_EXCEEDED' });
    expect(codex!.error!.message).toContain("codex: You've hit your usage limit. Try again later.");
    expect(mock).toMatchObject({ status: 'ok' });

    const gemini = await cli(['--models', 'gemini-cli,mock:alpha', '-p', 'brief.md', '--json', '--retries', '0'], {
      FAKE_CLI_STDERR_FILE: stderrFile,
      FAKE_CLI_EXIT: '41',
    });
    expect(gemini.code).toBe(1);
    const [failed, kept] = results(gemini.stdout);
    expect(failed!.error!.message).toContain('gemini: Please set an Auth method in your /Users/robert/.gemini/settings.json');
    expect(kept).toMatchObject({ status: 'ok' });
  });

  it('a CLI silent past --timeout is killed with its process group: TIMEOUT', async () => {
    writeConfig(codexConfig(installFakeCli(bin, 'codex')));
    const run = await cli(['--models', 'codex:gpt-5-codex', '-p', 'brief.md', '--json', '--timeout', '3000', '--retries', '0'], {
      FAKE_CLI_HANG: '1',
    });
    expect(run.code).toBe(1);
    expect(results(run.stdout)[0]!.error).toMatchObject({ type: 'TIMEOUT' });
    const seen = readFakeCliRecord(record)!;
    expect(await until(() => !isRunning(seen.pid) && !isRunning(seen.childPid!))).toBe(true);
  });

  it('a missing command: exit 2 before any call, naming it and the install hint the config gives', async () => {
    writeConfig(codexConfig('codex'));
    const run = await cli(['--models', 'codex:gpt-5-codex,mock:alpha', '-p', 'brief.md'], { PATH: path.join(cwd, 'empty') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the command "codex" was not found');
    expect(run.stderr).toContain('install it with `npm install -g @openai/codex`');
    expect(readFakeCliRecord(record)).toBeNull();

    const zh = await cli(['--lang', 'zh', '--models', 'codex:gpt-5-codex', '-p', 'brief.md'], { PATH: path.join(cwd, 'empty') });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('找不到命令“codex”');
    expect(zh.stderr).toContain('用 `npm install -g @openai/codex` 安装');
  });

  it('config mistakes are reported at their own keys (exit 2), in English and Chinese', async () => {
    writeConfig(`providers:
  no-command:
    type: command
    output: json
    apiKeyEnv: SOME_KEY
  bad-fields:
    type: command
    command: gemini
    fields:
      text: response
  bad-path:
    type: command
    command: gemini
    output: jsonl
    fields:
      text: "item..text"
  http:
    type: openai
    baseURL: http://127.0.0.1:9/v1
    args: [--json]
`);
    const run = await cli(['--models', 'mock:alpha', '-p', 'brief.md']);
    expect(run.code).toBe(2);
    const said = run.stderr.replace(/\s+/g, ' ');
    expect(said).toContain('providers.no-command.command: `type: command` needs `command:`');
    expect(said).toContain('providers.no-command.fields.text: required with `output: json`');
    expect(said).toContain('providers.no-command.apiKeyEnv: `apiKeyEnv` does not apply to `type: command`');
    expect(said).toContain('providers.bad-fields.fields: `fields` is only read with `output: json` or `output: jsonl`');
    expect(said).toContain('providers.bad-path.fields.text');
    expect(said).toContain('not a dotted path');
    expect(said).toContain('providers.http.args: `args` is only read with `type: command`');

    const zh = await cli(['--lang', 'zh', '--models', 'mock:alpha', '-p', 'brief.md']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('`type: command` 必须填写 `command:`');
    expect(zh.stderr).toContain('`args` 只在 `type: command` 时使用');
  });

  it('doctor runs the version command (nothing spent) and shows the command where a URL would be', async () => {
    const fake = installFakeCli(bin, 'codex');
    writeConfig(`${codexConfig(fake)}    versionArgs: [--version]\n`);
    const doctor = await cli(['doctor', '--json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const checks = JSON.parse(doctor.stdout) as { providers?: unknown[] } | unknown[];
    const list = (Array.isArray(checks) ? checks : (checks.providers ?? [])) as Record<string, unknown>[];
    expect(list.find((check) => check.id === 'codex')).toMatchObject({ baseURL: null, command: fake, ok: true, method: 'command' });
    expect(readFakeCliRecord(record)!.args).toEqual(['--version']);

    const table = await cli(['doctor']);
    expect(table.stdout.replace(/[│\s]+/g, ' ')).toContain('ok (the command runs)');
    const models = await cli(['models', '--json']);
    expect(models.stdout).toContain(JSON.stringify(fake).slice(1, -1));
  });

  it('doctor names a missing CLI and how to install it; a version command that fails is quoted', async () => {
    const fake = installFakeCli(bin, 'llm');
    writeConfig(
      `providers:\n  gone:\n    type: command\n    command: /nowhere/llm\n    install: pip install llm\n  broken:\n    type: command\n    command: ${JSON.stringify(fake)}\n`,
    );
    const doctor = await cli(['doctor'], { FAKE_CLI_EXIT: '2', FAKE_CLI_STDERR: 'Error: no such option: --version' });
    expect(doctor.code).toBe(1);
    const said = doctor.stdout.replace(/[│\s]+/g, ' ');
    expect(said).toContain('install it with `pip install llm`');
    expect(said).toContain('llm: Error: no such option: --version');
  });
});
