import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors/provider-error.js';
import { runInLanguage } from '../../../src/i18n/language.js';
import type { AdapterConfig } from '../../../src/providers/adapter-config.js';
import type { GenerateRequest } from '../../../src/providers/language-model.js';
import type { CommandTemplate } from '../../../src/providers/provider-preset.js';
import { commandInvocation } from '../../../src/providers/wire-formats/command/command-invocation.js';
import { createCommandModel } from '../../../src/providers/wire-formats/command/command-model.js';
import { valuesAt } from '../../../src/providers/wire-formats/command/read-command-fields.js';
import { isRunning, until } from '../../fixtures/claude-code/install-fake-claude.js';
import { commandFixture, installFakeCli, readFakeCliRecord } from '../../fixtures/command/install-fake-cli.js';

let dir: string;
let fake: string;
let record: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ww-command-'));
  fake = installFakeCli(dir, 'some-cli');
  record = path.join(dir, 'record.json');
});

const model = (template: Partial<CommandTemplate>, env: Record<string, string> = {}) => {
  const config: AdapterConfig = {
    provider: 'cli',
    modelId: 'm1',
    apiKey: null,
    baseURL: '',
    command: { command: fake, ...template },
    apiKeyEnv: null,
    env: { FAKE_CLI_RECORD: record, ...env },
  };
  return createCommandModel(config);
};

const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  modelId: 'm1',
  system: null,
  prompt: '写一篇关于秋天的短文。',
  maxTokens: null,
  temperature: null,
  timeoutMs: 5000,
  ...overrides,
});

const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ProviderError);
  return caught as ProviderError;
};

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** Gemini CLI's `--output-format stream-json` events (packages/core/src/output/types.ts), made up. */
const streamJson = [
  { type: 'init', timestamp: 't', session_id: 's1', model: 'gemini-2.5-pro' },
  { type: 'message', timestamp: 't', role: 'user', content: '写一篇关于秋天的短文。' },
  { type: 'message', timestamp: 't', role: 'assistant', content: '# 秋天\n\n', delta: true },
  { type: 'message', timestamp: 't', role: 'assistant', content: '清晨七点。', delta: true },
  { type: 'result', timestamp: 't', status: 'success', stats: { total_tokens: 60, input_tokens: 40, output_tokens: 20, cached: 10 } },
]
  .map((event) => JSON.stringify(event))
  .join('\n');

const streamJsonTemplate: Partial<CommandTemplate> = {
  args: ['-m', '{model}', '--output-format', 'stream-json'],
  output: 'jsonl',
  fields: {
    text: [{ path: 'content', when: { type: 'message', role: 'assistant' } }],
    model: [{ path: 'model', when: { type: 'init' } }],
    inputTokens: [{ path: 'stats.input_tokens', when: { type: 'result' } }],
    cachedInputTokens: [{ path: 'stats.cached', when: { type: 'result' } }],
    outputTokens: [{ path: 'stats.output_tokens', when: { type: 'result' } }],
    error: [{ path: 'error.message', when: { type: 'result', status: 'error' } }],
  },
};

describe('the command model (a fake CLI)', () => {
  it('jsonl: streams each matching event as a delta, the user echo left out; usage and model read', async () => {
    const pieces: string[] = [];
    const result = await model(streamJsonTemplate, { FAKE_CLI_STDOUT: write('s.jsonl', streamJson), FAKE_CLI_DELAY_MS: '5' }).stream(
      request(),
      (delta) => pieces.push(delta.text),
    );
    expect(pieces).toEqual(['# 秋天\n\n', '清晨七点。']);
    expect(result.text).toBe('# 秋天\n\n清晨七点。');
    expect(result.ttftMs).not.toBeNull();
    expect(result.responseModel).toBe('gemini-2.5-pro');
    expect(result.usage).toMatchObject({ inputTokens: 40, cacheReadTokens: 10, noCacheInputTokens: 30, outputTokens: 20 });
  });

  it('text: streams stdout as it comes, holding back the whitespace at the end', async () => {
    const pieces: string[] = [];
    const result = await model({ args: [] }, { FAKE_CLI_STDOUT: commandFixture('llm-text.txt'), FAKE_CLI_DELAY_MS: '5' }).stream(
      request(),
      (delta) => pieces.push(delta.text),
    );
    expect(result.text).toBe('# 秋天的第一杯咖啡\n\n清晨七点，街角的咖啡馆刚刚开门。\n\n落叶铺满了台阶。');
    expect(pieces.join('')).toBe(result.text);
    expect(pieces.length).toBeGreaterThan(1);
  });

  it('json: reads a reported cost and the model', async () => {
    const out = write(
      'o.json',
      JSON.stringify({ result: { text: 'Hello' }, meta: { cost: 0.0123, model: 'x-1' }, usage: { in: 5, out: 2 } }),
    );
    const result = await model(
      {
        output: 'json',
        fields: {
          text: [{ path: 'result.text' }],
          costUsd: [{ path: 'meta.cost' }],
          model: [{ path: 'meta.model' }],
          inputTokens: [{ path: 'usage.in' }],
          outputTokens: [{ path: 'usage.out' }],
        },
      },
      { FAKE_CLI_STDOUT: out },
    ).generate(request());
    expect(result).toMatchObject({ text: 'Hello', reportedCostUsd: 0.0123, responseModel: 'x-1', ttftMs: null });
    expect(result.usage).toMatchObject({ inputTokens: 5, outputTokens: 2 });
  });

  it('an error field fails the call even with exit code 0, quoting it', async () => {
    const out = write(
      'e.jsonl',
      `${streamJson.split('\n').slice(0, 3).join('\n')}\n${JSON.stringify({ type: 'result', status: 'error', error: { type: 'X', message: 'Rate limit exceeded (429)' } })}\n`,
    );
    const error = await failure(model(streamJsonTemplate, { FAKE_CLI_STDOUT: out }).generate(request()));
    expect(error.type).toBe('RATE_LIMIT');
    expect(error.message).toBe('RATE_LIMIT: some-cli: Rate limit exceeded (429)');
    expect(error.partialText).toBe('# 秋天\n\n');
  });

  it('a non-zero exit quotes stderr: one bounded line, secrets hidden, terminal controls dropped', async () => {
    const stderr = `Error: invalid api key sk-proj-abcdefghijklmnopqrstuv\n\u001b[31mred\u001b[0m ${'x'.repeat(5000)}`;
    const error = await failure(model({}, { FAKE_CLI_STDERR: stderr, FAKE_CLI_EXIT: '1' }).generate(request()));
    expect(error.type).toBe('AUTH');
    expect(error.message).toContain('some-cli: Error: invalid api key');
    expect(error.message).toContain('fix: run `some-cli` once in a terminal and log in');
    expect(error.message).not.toContain('sk-proj-abcdefghijklmnopqrstuv');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('\u001b');
    expect(error.message.length).toBeLessThan(500);
  });

  it('a non-zero exit without a word, output that is not JSON, and no text at all are BAD_RESPONSE', async () => {
    expect((await failure(model({}, { FAKE_CLI_EXIT: '3' }).generate(request()))).message).toBe(
      'BAD_RESPONSE: some-cli ended (exit code 3) without saying why',
    );
    const plain = write('p.txt', 'Hello, I am plain text\n');
    expect((await failure(model(streamJsonTemplate, { FAKE_CLI_STDOUT: plain }).generate(request()))).message).toBe(
      'BAD_RESPONSE: some-cli did not print the JSON `output: jsonl` expects: Hello, I am plain text',
    );
    expect((await failure(model({}, {}).generate(request()))).message).toBe(
      'BAD_RESPONSE: some-cli printed no text for the draft (read with `output: text`)',
    );
  });

  it('says it in Chinese in a Chinese run', async () => {
    const error = await runInLanguage('zh-CN', () => failure(model({}, { FAKE_CLI_EXIT: '3' }).generate(request())));
    expect(error.message).toBe('BAD_RESPONSE: some-cli 已结束（退出码 3），没有说明原因');
    const missing = await runInLanguage('zh-CN', () =>
      failure(model({ command: path.join(dir, 'none'), install: 'pip install llm' }).generate(request())),
    );
    expect(missing.message).toContain('找不到命令');
    expect(missing.message).toContain('用 `pip install llm` 安装');
  });

  it('an abort (Ctrl-C) kills the process group at once: CANCELLED, with the text so far', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const call = model(streamJsonTemplate, { FAKE_CLI_STDOUT: write('s.jsonl', streamJson), FAKE_CLI_HANG: '1' }).stream(
      request({ signal: controller.signal, timeoutMs: 60_000 }),
      (delta) => pieces.push(delta.text),
    );
    expect(await until(() => pieces.length === 2 && readFakeCliRecord(record) !== null)).toBe(true);
    controller.abort();
    const error = await failure(call);
    expect(error.type).toBe('CANCELLED');
    expect(error.partialText).toBe('# 秋天\n\n清晨七点。');
    const seen = readFakeCliRecord(record)!;
    expect(isRunning(seen.pid)).toBe(false);
    expect(await until(() => !isRunning(seen.childPid!))).toBe(true);
  });
});

describe('templates and paths', () => {
  it('fills placeholders inside single arguments, once: a prompt holding `{model}` stays as it is', () => {
    const template: CommandTemplate = { command: 'x', args: ['--model={model}', '--ask', '{prompt}', '{system}'] };
    expect(commandInvocation(template, request({ prompt: 'say {model} $(id)', system: 'sys' }))).toEqual({
      args: ['--model=m1', '--ask', 'say {model} $(id)', 'sys'],
      stdin: '',
    });
    expect(commandInvocation({ command: 'x', args: ['-m', '{model}'] }, request({ system: 'sys' }))).toEqual({
      args: ['-m', 'm1'],
      stdin: 'sys\n\n写一篇关于秋天的短文。',
    });
  });

  it('reads dotted paths, `*` over every key and element', () => {
    const document = { a: { x: { n: 1 }, y: { n: 2 } }, list: [{ t: 'p' }, { t: 'q' }] };
    expect(valuesAt(document, 'a.*.n')).toEqual([1, 2]);
    expect(valuesAt(document, 'list.*.t')).toEqual(['p', 'q']);
    expect(valuesAt(document, 'list.1.t')).toEqual(['q']);
    expect(valuesAt(document, 'a.missing.n')).toEqual([]);
  });
});
