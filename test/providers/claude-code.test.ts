import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import type { AdapterConfig } from '../../src/providers/adapter-config.js';
import type { GenerateRequest } from '../../src/providers/language-model.js';
import { createClaudeCodeModel } from '../../src/providers/wire-formats/claude-code/claude-code-model.js';
import { classifyClaudeFailure } from '../../src/providers/wire-formats/claude-code/map-claude-code-error.js';
import { claudeFixture, installFakeClaude, isRunning, readFakeRecord, until } from '../fixtures/claude-code/install-fake-claude.js';

let dir: string;
let fake: string;
let record: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ww-claude-code-'));
  fake = installFakeClaude(dir);
  record = path.join(dir, 'record.json');
});

const model = (env: Record<string, string> = {}, command = fake) => {
  const config: AdapterConfig = {
    provider: 'cc',
    modelId: 'opus',
    apiKey: null,
    baseURL: '',
    command: { command },
    apiKeyEnv: null,
    env: { FAKE_CLAUDE_RECORD: record, ...env },
  };
  return createClaudeCodeModel(config);
};

const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  modelId: 'opus',
  system: 'You write for WeChat.',
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

describe('the claude-code model (a fake CLI printing recorded events)', () => {
  it('reads text, usage, cost and model from a real recorded run, and passes the prompt on stdin', async () => {
    const result = await model({ FAKE_CLAUDE_EVENTS: claudeFixture('basic-query.ndjson') }).generate(request());
    expect(result.text).toBe('4');
    expect(result.usage).toEqual({
      inputTokens: 21580,
      noCacheInputTokens: 10,
      cacheReadTokens: 0,
      cacheWriteTokens: 21570,
      outputTokens: 25,
      reasoningTokens: null,
    });
    expect(result.reportedCostUsd).toBe(0.1354875);
    expect(result.responseModel).toBe('claude-opus-4-5-20251101');
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.requestId).toBe('1d1e46f9-35c7-4834-b529-846d5bb82288');
    expect(result.ttftMs).toBeNull();
    const seen = readFakeRecord(record)!;
    expect(seen.stdin).toBe('写一篇关于秋天的短文。');
    expect(seen.args).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'opus',
      '--system-prompt',
      'You write for WeChat.',
      '--tools',
      '',
      '--no-session-persistence',
    ]);
  });

  it('streams the text deltas as they come (--include-partial-messages)', async () => {
    const pieces: string[] = [];
    const result = await model({ FAKE_CLAUDE_EVENTS: claudeFixture('partial-messages.ndjson'), FAKE_CLAUDE_DELAY_MS: '5' }).stream(
      request(),
      (delta) => pieces.push(delta.text),
    );
    expect(pieces).toEqual(['# 秋天的第一杯咖啡\n\n', '清晨七点，街角的咖啡馆', '刚刚开门。']);
    expect(result.text).toBe(pieces.join(''));
    expect(result.ttftMs).not.toBeNull();
    expect(result.usage.cacheReadTokens).toBe(14000);
    expect(result.usage.inputTokens).toBe(15203);
    expect(result.usage.outputTokens).toBe(42);
    expect(result.reportedCostUsd).toBe(0.0102);
    expect(readFakeRecord(record)!.args).toContain('--include-partial-messages');
  });

  it('streams a whole assistant message once when the CLI sends no deltas', async () => {
    const pieces: string[] = [];
    const result = await model({ FAKE_CLAUDE_EVENTS: claudeFixture('basic-query.ndjson') }).stream(request(), (delta) =>
      pieces.push(delta.text),
    );
    expect(pieces).toEqual(['4']);
    expect(result.text).toBe('4');
  });

  it('never passes the prompt or the system prompt through a shell', async () => {
    const prompt = `$(rm -rf /) \`id\` "double" 'single' \\ ; echo pwned | cat > x\n第二行 && exit 1\n-p --model evil`;
    const system = `--help $(touch ${path.join(dir, 'owned')}) 'quoted'\nnext line`;
    await model({ FAKE_CLAUDE_EVENTS: claudeFixture('basic-query.ndjson') }).generate(request({ prompt, system }));
    const seen = readFakeRecord(record)!;
    expect(seen.stdin).toBe(prompt);
    expect(seen.args[seen.args.indexOf('--system-prompt') + 1]).toBe(system);
    expect(isRunning(seen.pid)).toBe(false);
  });

  it('a not-logged-in CLI is an AUTH error with one clear line', async () => {
    const error = await failure(
      model({ FAKE_CLAUDE_EVENTS: claudeFixture('auth-error.ndjson'), FAKE_CLAUDE_EXIT: '1' }).generate(request()),
    );
    expect(error.type).toBe('AUTH');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'AUTH: Claude Code: Invalid API key · Please run /login; fix: run `claude` once in a terminal and log in (/login)',
    );
  });

  it('says it in Chinese in a Chinese run', async () => {
    const error = await runInLanguage('zh-CN', () =>
      failure(model({ FAKE_CLAUDE_EVENTS: claudeFixture('auth-error.ndjson'), FAKE_CLAUDE_EXIT: '1' }).generate(request())),
    );
    expect(error.message).toBe(
      'AUTH: Claude Code 报错：Invalid API key · Please run /login。解决办法：在终端里运行一次 `claude` 并登录（/login）',
    );
    const missing = await runInLanguage('zh-CN', () => failure(model({}, path.join(dir, 'none')).generate(request())));
    expect(missing.message).toContain('找不到命令');
  });

  it('a usage limit on stderr with a non-zero exit is QUOTA_EXCEEDED, the stderr bounded, one line, without secrets', async () => {
    const stderr = `Error: Claude AI usage limit reached|4102444800\nkey sk-ant-api03-abcdefghijklmnop\n${'x'.repeat(5000)}`;
    const error = await failure(model({ FAKE_CLAUDE_STDERR: stderr, FAKE_CLAUDE_EXIT: '1' }).generate(request()));
    expect(error.type).toBe('QUOTA_EXCEEDED');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.message).not.toContain('sk-ant-api03');
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(500);
  });

  it('an exit without a result and without stderr is BAD_RESPONSE naming the exit code', async () => {
    const error = await failure(model({ FAKE_CLAUDE_EXIT: '3' }).generate(request()));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.message).toBe('BAD_RESPONSE: Claude Code ended (exit code 3) without a result event');
  });

  it('output that is not stream-json is BAD_RESPONSE quoting the line', async () => {
    const events = path.join(dir, 'text.ndjson');
    writeFileSync(events, 'Hello, I am plain text\n');
    const error = await failure(model({ FAKE_CLAUDE_EVENTS: events }).generate(request()));
    expect(error.type).toBe('BAD_RESPONSE');
    expect(error.message).toContain('not stream-json: Hello, I am plain text');
  });

  // 3 s: long enough for the fake (a node process) to start and write its record on a loaded machine
  it('a CLI silent past the timeout is killed with its whole process group: TIMEOUT', async () => {
    const events = path.join(dir, 'init.ndjson');
    writeFileSync(events, '{"type":"system","subtype":"init","session_id":"s","model":"claude-opus-4-5"}\n');
    const error = await failure(model({ FAKE_CLAUDE_EVENTS: events, FAKE_CLAUDE_HANG: '1' }).generate(request({ timeoutMs: 3000 })));
    expect(error.type).toBe('TIMEOUT');
    expect(error.message).toBe('TIMEOUT: no response for 3000 ms; raise --timeout or try again');
    const seen = readFakeRecord(record)!;
    expect(isRunning(seen.pid)).toBe(false);
    expect(await until(() => !isRunning(seen.childPid!))).toBe(true);
  });

  it('an abort (Ctrl-C) kills the process group at once: CANCELLED, with the text so far', async () => {
    const controller = new AbortController();
    const pieces: string[] = [];
    const call = model({ FAKE_CLAUDE_EVENTS: claudeFixture('partial-messages.ndjson'), FAKE_CLAUDE_HANG: '1' }).stream(
      request({ signal: controller.signal, timeoutMs: 60_000 }),
      (delta) => {
        pieces.push(delta.text);
      },
    );
    expect(await until(() => pieces.length === 3 && readFakeRecord(record) !== null)).toBe(true);
    controller.abort();
    const error = await failure(call);
    expect(error.type).toBe('CANCELLED');
    expect(error.partialText).toBe('# 秋天的第一杯咖啡\n\n清晨七点，街角的咖啡馆刚刚开门。');
    const seen = readFakeRecord(record)!;
    expect(isRunning(seen.pid)).toBe(false);
    expect(await until(() => !isRunning(seen.childPid!))).toBe(true);
  });

  it('a CLI that does not exit after its final event is stopped, and the answer kept', async () => {
    const result = await model({ FAKE_CLAUDE_EVENTS: claudeFixture('basic-query.ndjson'), FAKE_CLAUDE_HANG: '1' }).generate(
      request({ timeoutMs: 60_000 }),
    );
    expect(result.text).toBe('4');
    const seen = readFakeRecord(record)!;
    expect(isRunning(seen.pid)).toBe(false);
    expect(await until(() => !isRunning(seen.childPid!))).toBe(true);
  });

  it('a missing command fails the call with the install hint', async () => {
    const error = await failure(model({}, path.join(dir, 'no-such-claude')).generate(request()));
    expect(error.type).toBe('BAD_REQUEST');
    expect(error.message).toContain('npm install -g @anthropic-ai/claude-code');
  });
});

describe('classifying what Claude Code says when it fails', () => {
  it.each([
    ['Invalid API key · Please run /login', null, 'AUTH'],
    ['Failed to authenticate. API Error: 403 The security token included in the request is expired', 403, 'AUTH'],
    ['Claude AI usage limit reached|1760000000', null, 'QUOTA_EXCEEDED'],
    ['5-hour limit reached ∙ resets 3pm', null, 'QUOTA_EXCEEDED'],
    ['Credit balance is too low', null, 'QUOTA_EXCEEDED'],
    ['API Error: 429 rate_limit_error', 429, 'RATE_LIMIT'],
    ['API Error: 529 Overloaded', 529, 'OVERLOADED'],
    ["There's an issue with the selected model (sonnet-typo-xyz).", 404, 'MODEL_NOT_FOUND'],
    ['Prompt is too long', null, 'CONTEXT_LENGTH'],
    ['API Error: 500 Internal server error', 500, 'SERVER_ERROR'],
    ['something odd happened', null, 'BAD_RESPONSE'],
  ] as const)('%s → %s', (message, status, type) => {
    expect(classifyClaudeFailure(message, status)).toBe(type);
  });
});
