import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import type { FakeReply } from '../support/fake-llm-server.js';
import { observeProgress } from '../support/observe-progress.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const openaiKey = 'sk-faults-openai-key-777';
const anthropicKey = 'sk-ant-faults-key-888';
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-faults-'));
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于春天的短文。');
});
afterEach(() => {
  vi.useRealTimers();
});

const env = () => ({
  OPENAI_BASE_URL: fakeServer().openaiBaseURL,
  OPENAI_API_KEY: openaiKey,
  ANTHROPIC_BASE_URL: fakeServer().anthropicBaseURL,
  ANTHROPIC_API_KEY: anthropicKey,
});
const quickRetry = { 'retry-after-ms': '10' };
const errorBody = (type: string, message: string, code?: string) => ({ error: { type, message, ...(code ? { code } : {}) } });

/** Everything a run wrote: stdout, stderr and every saved file. */
function everythingWritten(run: { stdout: string; stderr: string }): string {
  const outputDir = path.join(cwd, 'output');
  const files = readdirSync(outputDir).map((name) => readFileSync(path.join(outputDir, name), 'utf8'));
  return [run.stdout, run.stderr, ...files].join('\n');
}

interface FaultCase {
  name: string;
  format: 'openai' | 'anthropic';
  reply: FakeReply;
  args?: string[];
  type: string;
  requests: number;
  /**
   * Replies that hang (never answer, or stall mid-stream) and must end by --timeout. The CLI's timers
   * run on a fake clock, moved past the timeout only once the server holds each hung request: the
   * count cannot depend on how fast a loaded machine gets a request to the server.
   */
  hangs?: number;
}

const faults: FaultCase[] = [
  {
    name: '401',
    format: 'openai',
    reply: { status: 401, errorBody: errorBody('invalid_request_error', `bad key ${openaiKey}`) },
    type: 'AUTH',
    requests: 1,
  },
  {
    name: '403',
    format: 'anthropic',
    reply: { status: 403, errorBody: errorBody('permission_error', 'no access') },
    type: 'PERMISSION',
    requests: 1,
  },
  {
    name: '429 with retry-after',
    format: 'openai',
    reply: { status: 429, headers: quickRetry, errorBody: errorBody('requests', 'Rate limit reached') },
    type: 'RATE_LIMIT',
    requests: 3,
  },
  {
    name: '429 insufficient_quota',
    format: 'openai',
    reply: { status: 429, errorBody: errorBody('insufficient_quota', 'quota', 'insufficient_quota') },
    type: 'QUOTA_EXCEEDED',
    requests: 1,
  },
  {
    name: 'credit balance 400',
    format: 'anthropic',
    reply: { status: 400, errorBody: errorBody('invalid_request_error', 'Your credit balance is too low') },
    type: 'QUOTA_EXCEEDED',
    requests: 1,
  },
  {
    name: '402 billing',
    format: 'anthropic',
    reply: { status: 402, errorBody: errorBody('billing_error', 'payment required') },
    type: 'QUOTA_EXCEEDED',
    requests: 1,
  },
  {
    name: '404',
    format: 'openai',
    reply: { status: 404, errorBody: errorBody('invalid_request_error', 'The model does not exist', 'model_not_found') },
    type: 'MODEL_NOT_FOUND',
    requests: 1,
  },
  {
    name: 'context length',
    format: 'openai',
    reply: {
      status: 400,
      errorBody: errorBody('invalid_request_error', 'maximum context length is 8192 tokens', 'context_length_exceeded'),
    },
    type: 'CONTEXT_LENGTH',
    requests: 1,
  },
  { name: 'content filter', format: 'openai', reply: { chunks: [], finishReason: 'content_filter' }, type: 'CONTENT_FILTER', requests: 1 },
  {
    name: '422',
    format: 'openai',
    reply: { status: 422, errorBody: errorBody('invalid_request_error', 'temperature must be <= 1') },
    type: 'BAD_REQUEST',
    requests: 1,
  },
  { name: '500', format: 'openai', reply: { status: 500, headers: quickRetry }, type: 'SERVER_ERROR', requests: 3 },
  {
    name: 'in-stream error',
    format: 'openai',
    reply: { inStreamError: { type: 'server_error', message: 'upstream failed' }, headers: quickRetry },
    args: ['--retries', '0'],
    type: 'SERVER_ERROR',
    requests: 1,
  },
  {
    name: '529',
    format: 'anthropic',
    reply: { status: 529, headers: quickRetry, errorBody: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
    type: 'OVERLOADED',
    requests: 3,
  },
  {
    name: 'anthropic in-stream overloaded',
    format: 'anthropic',
    reply: { inStreamError: { type: 'overloaded_error', message: 'Overloaded' } },
    args: ['--retries', '0'],
    type: 'OVERLOADED',
    requests: 1,
  },
  { name: 'malformed JSON stream', format: 'openai', reply: { malformed: true }, type: 'BAD_RESPONSE', requests: 1 },
  {
    name: 'malformed JSON body',
    format: 'anthropic',
    reply: { malformed: true },
    args: ['--no-stream'],
    type: 'BAD_RESPONSE',
    requests: 1,
  },
  { name: 'empty reply', format: 'anthropic', reply: { chunks: [] }, type: 'BAD_RESPONSE', requests: 1 },
  { name: 'stream cut midway', format: 'openai', reply: { cutAfterEvents: 3 }, args: ['--retries', '1'], type: 'NETWORK', requests: 2 },
  {
    name: 'stalled stream',
    format: 'anthropic',
    reply: { stallAfterEvents: 3 },
    args: ['--retries', '0', '--timeout', '400'],
    type: 'TIMEOUT',
    requests: 1,
    hangs: 1,
  },
  {
    name: 'no answer at all',
    format: 'openai',
    reply: { neverAnswer: true },
    args: ['--retries', '1', '--timeout', '300'],
    type: 'TIMEOUT',
    requests: 2,
    hangs: 2,
  },
  {
    name: '418',
    format: 'openai',
    reply: { status: 418, errorBody: errorBody('teapot', 'short and stout') },
    type: 'UNKNOWN',
    requests: 1,
  },
];

describe('faults, through the real CLI against the local server', () => {
  it.each(faults)('$name ends as $type after $requests request(s), the other model unaffected', async (fault) => {
    const broken = fault.format === 'openai' ? 'openai:broken' : 'anthropic:broken';
    const healthy = fault.format === 'openai' ? 'anthropic:healthy' : 'openai:healthy';
    fakeServer().replies.set('broken', fault.reply);
    const args = fault.args ?? [];
    if (fault.hangs) vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const running = runCliInProcess(['-m', `${broken},${healthy}`, '-p', 'brief.md', '--json', ...args], { cwd, env: env() });
    for (let hang = 1; hang <= (fault.hangs ?? 0); hang += 1) {
      await fakeServer().until(() => fakeServer().hangs >= hang);
      await vi.advanceTimersByTimeAsync(Number(args[args.indexOf('--timeout') + 1]));
    }
    const run = await running;

    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]).toMatchObject({ model: broken, status: 'error', error: { type: fault.type } });
    expect(report.results[1]).toMatchObject({ model: healthy, status: 'ok', error: null });
    expect(fakeServer().requestCount('broken')).toBe(fault.requests);
    expect(fakeServer().requestCount('healthy')).toBe(1);
    const written = everythingWritten(run);
    expect(written).not.toContain(openaiKey);
    expect(written).not.toContain(anthropicKey);
  });

  it('succeeds after retries, showing each retry', async () => {
    fakeServer().replies.set('flaky', { status: 503, failFirst: 2, headers: { 'retry-after-ms': '20' } });
    const run = await runCliInProcess(['-m', 'openai:flaky', '-p', 'brief.md', '--json'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(fakeServer().requestCount('flaky')).toBe(3);
    expect((JSON.parse(run.stdout) as JsonReport).results[0]).toMatchObject({ status: 'ok', attempts: 3 });
    expect(run.stderr).toContain('openai:flaky: retrying in 20 ms (503, attempt 2/3)');
    expect(run.stderr).toContain('(503, attempt 3/3)');
  });

  it('does not wait when the server asks for more than 60 s, and reports the wait it asked for', async () => {
    fakeServer().replies.set('slowdown', { status: 429, headers: { 'retry-after': '120' } });
    const run = await runCliInProcess(['-m', 'openai:slowdown', '-p', 'brief.md', '--json'], { cwd, env: env() });
    expect(fakeServer().requestCount('slowdown')).toBe(1);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result?.error).toMatchObject({ type: 'RATE_LIMIT', retryable: true, retryAfterMs: 120_000 });
    expect(result?.error?.message).toContain('asked to wait 120 s');
  });

  it('keeps the partial text of a stream cut midway, in the report and the saved file', async () => {
    fakeServer().replies.set('cut', { chunks: ['# 春天\n\n', '第一段', '第二段', '第三段'], cutAfterEvents: 3 });
    const run = await runCliInProcess(['-m', 'openai:cut', '-p', 'brief.md', '--json', '--retries', '0'], { cwd, env: env() });
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result).toMatchObject({ status: 'error', incomplete: true, text: '# 春天\n\n第一段', error: { type: 'NETWORK' } });
    expect(readFileSync(result?.outputFile ?? '', 'utf8')).toContain('INCOMPLETE');
  });

  it('never cuts a long generation that keeps streaming', async () => {
    // The CLI's timers and clock are fake. The server sends each of the 12 pieces once the CLI has taken
    // the one before, 200 ms (of the fake clock) later: under the 250 ms --timeout each time, 2.4 s in all.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let deltas = 0;
    let onDelta = () => {};
    const deltasSeen = (count: number) =>
      new Promise<void>((resolve) => {
        onDelta = () => {
          if (deltas >= count) resolve();
        };
        onDelta();
      });
    const chunks = Array.from({ length: 12 }, (_unused, index) => `第${index}段。`);
    const pace = async (eventIndex: number) => {
      // event 0 opens the stream, events 1 to 12 carry the pieces
      if (eventIndex > chunks.length) return;
      await deltasSeen(eventIndex - 1);
      await vi.advanceTimersByTimeAsync(200);
    };
    fakeServer().replies.set('long', { chunks, pace });
    const run = await runCliInProcess(['-m', 'openai:long', '-p', 'brief.md', '--json', '--timeout', '250'], {
      cwd,
      env: env(),
      deps: observeProgress({
        delta: () => {
          deltas += 1;
          onDelta();
        },
      }),
    });
    expect(run.code).toBe(0);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result?.latencyMs).toBeGreaterThan(500);
    expect(result?.text).toContain('第11段。');
  });

  it('handles a very large reply', async () => {
    const chunk = '长文'.repeat(5000);
    fakeServer().replies.set('huge', { chunks: Array.from({ length: 60 }, () => chunk) });
    const run = await runCliInProcess(['-m', 'anthropic:huge', '-p', 'brief.md', '--json'], { cwd, env: env() });
    expect(run.code).toBe(0);
    const [result] = (JSON.parse(run.stdout) as JsonReport).results;
    expect(result?.text?.replaceAll('长文', '')).toBe('');
    expect(result?.text?.length).toBe(600_000);
    expect(readFileSync(result?.outputFile ?? '', 'utf8')).toContain(chunk);
  });

  it('sends a failed prompt to --fallback at once and counts it as a success', async () => {
    fakeServer().replies.set('broken', { status: 401 });
    // A wide terminal, so the status column has room for the whole `→ via …`.
    const run = await runCliInProcess(['-m', 'openai:broken,openai:healthy', '-p', 'brief.md', '--fallback', 'anthropic:backup'], {
      cwd,
      env: { ...env(), COLUMNS: '200' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('→ via anthropic:backup');
    const json = await runCliInProcess(['-m', 'openai:broken', '-p', 'brief.md', '--fallback', 'anthropic:backup', '--json'], {
      cwd,
      env: env(),
    });
    expect((JSON.parse(json.stdout) as JsonReport).results[0]).toMatchObject({
      model: 'openai:broken',
      status: 'ok',
      servedBy: 'anthropic:backup',
      fallback: { from: 'openai:broken', error: { type: 'AUTH' } },
    });
  });
});

describe('faults in a Chinese run: each failure line names its cause and its fix', () => {
  const zhEnv = () => ({ ...env(), WECHAT_WRITER_LANG: 'zh-CN' });
  it.each([
    [
      '401',
      { status: 401, errorBody: errorBody('invalid_request_error', `bad key ${openaiKey}`) },
      /AUTH 错误（HTTP 401）：.*API 密钥被拒绝。解决办法：检查 OPENAI_API_KEY/,
    ],
    [
      '429 insufficient_quota',
      { status: 429, errorBody: errorBody('insufficient_quota', 'quota', 'insufficient_quota') },
      /QUOTA_EXCEEDED 错误（HTTP 429）：服务商返回“quota” \[insufficient_quota\]；服务商账户余额或额度不足。解决办法：/,
    ],
    [
      '429 asking for 120 s',
      { status: 429, headers: { 'retry-after': '120' } },
      /RATE_LIMIT 错误.*解决办法：.*（不再重试：服务器要求等待 120 秒/,
    ],
    ['a stream cut midway', { chunks: ['# 春天\n\n', '第一段', '第二段'], cutAfterEvents: 2 }, /NETWORK：.*解决办法：/],
  ] as const)('%s', async (_name, reply, line) => {
    fakeServer().replies.set('broken', reply);
    // The wait asked for is refused before any retry: that case keeps the default retries, to say why none is made.
    const retries = 'headers' in reply ? [] : ['--retries', '0'];
    const run = await runCliInProcess(['-m', 'openai:broken', '-p', 'brief.md', ...retries], { cwd, env: zhEnv() });
    expect(run.code).toBe(1);
    expect(`${run.stdout}\n${run.stderr}`).toMatch(line);
    expect(everythingWritten(run)).not.toContain(openaiKey);
  });
});
