import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { errorsMessages } from '../../src/i18n/catalog/errors-messages.js';
import { providerErrorsMessages } from '../../src/i18n/catalog/provider-errors-messages.js';
import { InterruptedError } from '../../src/errors/interrupted-error.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { checkReply } from '../../src/providers/check-reply.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { mapHttpError } from '../../src/providers/map-http-error.js';
import { mapSdkError, type SdkErrorContext } from '../../src/providers/map-sdk-error.js';
import { proxyForUrl } from '../../src/providers/proxy-for-url.js';
import { findProvider, resolveModel, resolveModelList } from '../../src/providers/registry.js';
import { readReplyLimits, replyTooLarge } from '../../src/providers/reply-limits.js';
import { adjustTemperature } from '../../src/run/adjust-temperature.js';
import { decideRetry, defaultRetryPolicy } from '../../src/run/retry-policy.js';
import { englishLeaks } from '../i18n/english-leaks.js';

const zh = <T>(work: () => T): T => runInLanguage('zh-CN', work);
const han = /\p{Script=Han}/u;
const secret = 'sk-live-abcdefghijkl';
const base = { provider: 'openai', model: 'gpt-x', headers: undefined, requestId: null, apiKeyEnv: 'OPENAI_API_KEY', secrets: [secret] };

/** A Chinese failure line: its type code first, then Chinese naming the cause, then the fix. */
function expectCauseAndFix(message: string, type: string) {
  expect(message.startsWith(type), message).toBe(true);
  expect(message, message).toMatch(han);
  expect(message, message).toContain('解决办法：');
  expect(message, message).not.toContain(secret);
}

describe('the Chinese error catalogue', () => {
  it('leaves no run of English words in our own sentences (the server words come in placeholders)', () => {
    const chinese = { ...errorsMessages['zh-CN'], ...providerErrorsMessages['zh-CN'] };
    const leaks = Object.entries(chinese).flatMap(([key, text]) =>
      englishLeaks(text.replace(/\{\w+\}/g, ' ')).map((leak) => `${key}: ${leak}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('provider failures in Chinese', () => {
  it.each([
    [401, { error: { message: `Incorrect API key provided: ${secret}` } }, 'AUTH', 'OPENAI_API_KEY'],
    [403, { error: { message: 'forbidden' } }, 'PERMISSION', '无权使用模型“gpt-x”'],
    [429, { error: { code: 'insufficient_quota', message: 'You exceeded your current quota' } }, 'QUOTA_EXCEEDED', '充值'],
    [200, { base_resp: { status_code: 1008, status_msg: 'insufficient balance' } }, 'QUOTA_EXCEEDED', '余额'],
    [429, { error: { code: '1113', message: '您的账户已欠费，请充值后重试。' } }, 'QUOTA_EXCEEDED', '充值'],
    [429, { error: { type: 'requests', message: 'slow down' } }, 'RATE_LIMIT', '限流'],
    [529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'OVERLOADED', '--fallback'],
    [404, { error: { code: 'model_not_found', message: 'no such model' } }, 'MODEL_NOT_FOUND', 'wechat-writer models'],
    [400, { error: { message: "This model's maximum context length is 8192" } }, 'CONTEXT_LENGTH', '--max-tokens'],
    [400, { error: { code: '1301', message: '系统检测到输入或生成内容可能包含不安全或敏感内容' } }, 'CONTENT_FILTER', '写作简报'],
    [422, { error: { message: 'temperature out of range' } }, 'BAD_REQUEST', '--temperature'],
    [408, {}, 'TIMEOUT', '超时'],
    [502, '<html><title>502 Bad Gateway</title></html>', 'SERVER_ERROR', '稍后再试'],
    [418, {}, 'UNKNOWN', '稍后再试'],
  ] as const)('HTTP %s %j reads as %s, its cause and its fix', (status, body, type, fix) => {
    const error = zh(() => mapHttpError({ ...base, status, body }));
    expect(error.type).toBe(type);
    expectCauseAndFix(error.message, type);
    expect(error.message).toContain(fix);
    expect(error.message).toContain(`（HTTP ${status}）`);
  });

  it('quotes the server words as sent (redacted, never read as a template), inside the Chinese sentence', () => {
    const error = zh(() => mapHttpError({ ...base, status: 401, body: { error: { message: `bad key ${secret} for {keyEnv}` } } }));
    expect(error.message).toBe(
      'AUTH 错误（HTTP 401）：服务商返回“bad key [redacted] for {keyEnv}”；API 密钥被拒绝。解决办法：检查 OPENAI_API_KEY',
    );
  });

  it('removes anything shaped like a key, even written against Chinese text', () => {
    const body = { error: { message: '密钥sk-proj-1234567890abcdef无效' } };
    const error = zh(() => mapHttpError({ ...base, secrets: [], status: 401, body }));
    expect(error.message).toContain('服务商返回“密钥[redacted]无效”');
  });

  it('says an error inside a stream, and a bare error code', () => {
    const error = zh(() => mapHttpError({ ...base, status: undefined, body: { error: { code: 'E42' } } }));
    expect(error.message).toMatch(/^SERVER_ERROR 错误（流式回复中）：服务商返回错误码 \[E42\]；/);
  });

  it('keeps the English wording in an English run', () => {
    const error = mapHttpError({ ...base, status: 401, body: { error: { message: 'bad key' } } });
    expect(error.message).toBe('AUTH (HTTP 401): bad key; check OPENAI_API_KEY (the key was rejected)');
  });
});

const context: SdkErrorContext = {
  provider: 'openai',
  model: 'gpt-x',
  apiKeyEnv: 'OPENAI_API_KEY',
  timeoutMs: 5000,
  timedOut: false,
  cancelled: false,
  secrets: [secret],
};

describe('failures found on our side, in Chinese', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  const connectionError = new OpenAI.APIConnectionError({
    message: 'Connection error.',
    cause: new TypeError('fetch failed', { cause: refused }),
  });

  it.each([
    ['TIMEOUT', () => mapSdkError(new OpenAI.APIConnectionTimeoutError(), OpenAI, context), '--timeout'],
    ['NETWORK', () => mapSdkError(connectionError, OpenAI, context), '连接被拒绝'],
    ['NETWORK', () => mapSdkError(new TypeError('terminated'), OpenAI, context), '连接被中断'],
    ['BAD_RESPONSE', () => mapSdkError(new SyntaxError('Unexpected end of JSON input'), OpenAI, context), '无法解析'],
  ] as const)('%s names the cause and the fix', (type, make, cause) => {
    const error = zh(make);
    expect(error.type).toBe(type);
    expectCauseAndFix(error.message, type);
    expect(error.message).toContain(cause);
  });

  it('shows the system error code, explained in Chinese only', () => {
    expect(zh(() => mapSdkError(connectionError, OpenAI, context)).message).toBe(
      'NETWORK：无法连接到服务商（ECONNREFUSED：连接被拒绝，那个地址上没有服务在运行）。解决办法：检查 base URL 和网络连接',
    );
    expect(mapSdkError(connectionError, OpenAI, context).message).toBe(
      'NETWORK: could not reach the provider (ECONNREFUSED); check the base URL and your network',
    );
  });

  it('tells how to start a local Ollama that does not answer', () => {
    const ollama = { ...context, provider: 'ollama' };
    expect(mapSdkError(connectionError, OpenAI, ollama).message).toBe(
      'NETWORK: could not reach the provider (ECONNREFUSED); start Ollama (ollama serve), or set OLLAMA_HOST to where it runs',
    );
    expect(zh(() => mapSdkError(connectionError, OpenAI, ollama)).message).toMatch(
      /解决办法：启动 Ollama（ollama serve），或把 OLLAMA_HOST/,
    );
  });

  it('says an empty or filtered reply, an oversized one, a bad limit and a bad proxy variable', () => {
    const reply = (text: string, unified: 'stop' | 'content-filter' | 'length') => ({
      text,
      reasoning: null,
      finishReason: { unified, raw: unified === 'content-filter' ? 'content_filter' : null },
      usage: emptyUsage(),
      latencyMs: 1,
      ttftMs: null,
      responseModel: null,
      requestId: null,
    });
    const thrown = (work: () => unknown): Error => {
      try {
        zh(work);
      } catch (error) {
        return error as Error;
      }
      throw new Error('nothing thrown');
    };
    expectCauseAndFix(thrown(() => checkReply(reply('', 'stop'), 'openai', 'm')).message, 'BAD_RESPONSE');
    expect(thrown(() => checkReply(reply('', 'stop'), 'openai', 'm')).message).toContain('结束原因 无');
    expectCauseAndFix(thrown(() => checkReply(reply('', 'length'), 'openai', 'm')).message, 'BAD_RESPONSE');
    expectCauseAndFix(thrown(() => checkReply(reply('半篇', 'content-filter'), 'openai', 'm')).message, 'CONTENT_FILTER');
    expectCauseAndFix(zh(() => replyTooLarge({ provider: 'p', model: 'm' }, 2048)).message, 'BAD_RESPONSE');
    expect(zh(() => replyTooLarge({ provider: 'p', model: 'm' }, 2048)).message).toContain('2,048 字节');
    expect(thrown(() => readReplyLimits({ WECHAT_WRITER_MAX_REPLY_BYTES: '12' })).message).toMatch(/^WECHAT_WRITER_MAX_REPLY_BYTES 必须是/);
    expect(thrown(() => proxyForUrl('https://api.example', { HTTPS_PROXY: 'socks5://127.0.0.1:1080' })).message).toBe(
      'HTTPS_PROXY 必须是 http:// 或 https:// 代理地址，不支持 socks5 代理',
    );
  });
});

describe('model lookups, retries and warnings, in Chinese', () => {
  const usage = (work: () => unknown): string => {
    try {
      zh(work);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('nothing thrown');
  };

  it('says an unknown model, with the names that exist and the fix', () => {
    const message = usage(() => resolveModel('nosuch:x', {}));
    expect(message).toMatch(/^未知模型“nosuch:x”：已知的服务商：openai, anthropic/);
    expect(message).toContain('解决办法：');
    expect(usage(() => resolveModel('openai:', {}))).toMatch(/^“openai:”缺少模型 ID。解决办法：写成 openai:<模型>/);
  });

  it('names the built-in providers in the run language', () => {
    expect(findProvider('ollama')?.name).toBe('Ollama (local models)');
    expect(zh(() => findProvider('ollama')?.name)).toBe('Ollama（本地模型）');
    expect(zh(() => ({ ...findProvider('mock')! }).name)).toBe('内置模拟模型（离线，结果固定）');
  });

  it('says missing keys and other problems, joined the Chinese way', () => {
    expect(usage(() => resolveModelList('openai:gpt-x,deepseek:ds-x', {}))).toBe(
      '缺少 API 密钥：openai:gpt-x 需要 OPENAI_API_KEY；deepseek:ds-x 需要 DEEPSEEK_API_KEY。解决办法：在环境变量或 .env 文件里设置（参考 .env.example）',
    );
    expect(usage(() => resolveModelList('', {}))).toMatch(/^没有指定模型。解决办法：用 --models 指定/);
    expect(usage(() => resolveModelList('openai:gpt-x', { OPENAI_API_KEY: 'k-123456', OPENAI_API_FORMAT: 'grpc' }))).toBe(
      '无法使用：openai:gpt-x 的配置问题：OPENAI_API_FORMAT 只能是 openai 或 anthropic，不能是“grpc”',
    );
  });

  it('gives the reason a retry is not made, the temperature warning and the interruption in Chinese', () => {
    const error = new ProviderError({
      type: 'RATE_LIMIT',
      message: 'm',
      provider: 'p',
      model: 'm',
      status: 429,
      requestId: null,
      retryable: true,
      retryAfterMs: 120_000,
    });
    expect(zh(() => decideRetry(error, 1, defaultRetryPolicy, 30_000))).toEqual({
      retry: false,
      reason: '服务器要求等待 120 秒，时间太长，不等了',
    });
    expect(zh(() => adjustTemperature(1.5, { min: 0, max: 1, minExclusive: true })).warning).toBe(
      '只接受 (0, 1] 范围内的 temperature：--temperature 1.5 按 1 发送',
    );
    expect(zh(() => new InterruptedError().message)).toBe('已中断');
    expect(new InterruptedError().message).toBe('interrupted');
  });
});
