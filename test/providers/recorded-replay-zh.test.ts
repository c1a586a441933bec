import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import type { LanguageModel } from '../../src/providers/language-model.js';
import { createAnthropicMessagesModel } from '../../src/providers/wire-formats/anthropic/anthropic-messages-model.js';
import { createOpenAIChatModel } from '../../src/providers/wire-formats/openai/openai-chat-model.js';
import { loadRecordings, type Recording } from '../support/recorded-traffic.js';
import { documentedErrorType, expectedFrom } from '../support/recording-expectations.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';

// The recorded failures again, in a Chinese run: the same type, and one Chinese line that names the
// cause and the fix around the provider's own words (quoted as sent), without the key.
const secret = 'sk-replay-secret-0123456789';
const recordings = loadRecordings();
let server: ReplayServer;

beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

function modelFor(recording: Recording): LanguageModel {
  const config = {
    provider: recording.provider,
    modelId: recording.model ?? 'recorded-model',
    apiKey: secret,
    apiKeyEnv: 'REPLAY_API_KEY',
  };
  return recording.format === 'anthropic'
    ? createAnthropicMessagesModel({ ...config, baseURL: server.url })
    : createOpenAIChatModel({ ...config, baseURL: `${server.url}/v1` });
}

/** The failure one recording comes to, replayed in a Chinese run. */
async function failureInChinese(recording: Recording): Promise<ProviderError> {
  server.serve(recording);
  const model = modelFor(recording);
  const request = { modelId: model.modelId, system: null, prompt: '写一篇文章', maxTokens: null, temperature: null, timeoutMs: 10_000 };
  try {
    await runInLanguage('zh-CN', () => (recording.stream ? model.stream(request, () => {}) : model.generate(request)));
  } catch (caught) {
    expect(caught).toBeInstanceOf(ProviderError);
    return caught as ProviderError;
  }
  throw new Error(`${recording.id} did not fail`);
}

/** The provider's own words, as the recording has them (the first message field), shortened. */
function providerMessage(body: unknown): string | null {
  const found = JSON.stringify(body ?? '').match(/"(?:message|status_msg|msg)":"((?:[^"\\]|\\.){6,})"/);
  return found ? (JSON.parse(`"${found[1]}"`) as string).slice(0, 24) : null;
}

const failing = recordings.filter((recording) => expectedFrom(recording).error);

describe('recorded provider failures, replayed in a Chinese run', () => {
  it('has failures of every common kind to replay', () => {
    const types = new Set(failing.map((recording) => documentedErrorType(expectedFrom(recording).error!)));
    for (const type of ['AUTH', 'QUOTA_EXCEEDED', 'RATE_LIMIT', 'OVERLOADED', 'CONTEXT_LENGTH', 'CONTENT_FILTER', 'MODEL_NOT_FOUND']) {
      expect(types, type).toContain(type);
    }
  });

  it.each(failing.map((recording) => [recording.id, recording] as const))('%s', async (_id, recording) => {
    const expected = expectedFrom(recording);
    const error = await failureInChinese(recording);
    const type = documentedErrorType(expected.error!);
    expect(error.type).toBe(type);
    expect(error.message.startsWith(type), error.message).toBe(true);
    expect(error.message, error.message).toMatch(/\p{Script=Han}/u);
    expect(error.message, error.message).toContain('解决办法：');
    const said = providerMessage(expected.error!.body);
    if (said) expect(error.message).toContain(said);
    expect(error.message).not.toContain(secret);
  });

  it('says the cause and the fix of a key the provider rejected', async () => {
    const recording = recordings.find((candidate) => candidate.id === 'error-openai-invalid-api-key')!;
    const error = await failureInChinese(recording);
    expect(error.message).toMatch(/^AUTH 错误（HTTP 401）：服务商返回“Incorrect API key provided: \[redacted\]\./);
    expect(error.message).toMatch(/” \[invalid_api_key\]；API 密钥被拒绝。解决办法：检查 REPLAY_API_KEY$/);
  });
});
