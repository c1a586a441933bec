import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { LanguageModel } from '../../src/providers/language-model.js';
import { createAnthropicMessagesModel } from '../../src/providers/wire-formats/anthropic/anthropic-messages-model.js';
import { createOpenAIChatModel } from '../../src/providers/wire-formats/openai/openai-chat-model.js';
import type { Recording } from '../support/recorded-traffic.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';

// Shapes servers send that are not in a recording of ours: each served as a body (not a stream) where a
// stream or a reply was asked for, through the real SDKs.
let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const model = (format: 'openai' | 'anthropic'): LanguageModel => {
  const config = { provider: 'odd', modelId: 'odd-model', apiKey: 'sk-odd-key-123456', apiKeyEnv: 'ODD_KEY' };
  return format === 'anthropic'
    ? createAnthropicMessagesModel({ ...config, baseURL: server.url })
    : createOpenAIChatModel({ ...config, baseURL: `${server.url}/v1` });
};

const serve = (format: 'openai' | 'anthropic', response: Recording['response']) =>
  server.serve({ id: 'odd', provider: 'odd', format, stream: true, model: 'odd-model', response });

const request = { modelId: 'odd-model', system: null, prompt: '写', maxTokens: null, temperature: null, timeoutMs: 5000 };

async function failure(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const miniMaxBalance = { id: '0123', choices: null, base_resp: { status_code: 1008, status_msg: 'insufficient balance' } };

describe('a reply that is not what was asked for says what it is', () => {
  it.each(['stream', 'generate'] as const)('HTTP 200 with a MiniMax base_resp error (%s): QUOTA_EXCEEDED, not retried', async (how) => {
    serve('openai', { status: 200, headers: {}, json: miniMaxBalance });
    const call = how === 'stream' ? model('openai').stream(request, () => {}) : model('openai').generate(request);
    const error = await failure(call);
    expect(error).toMatchObject({ type: 'QUOTA_EXCEEDED', retryable: false, status: 200 });
    expect(error.message).toContain('insufficient balance [1008]');
  });

  it('HTTP 200 with an Anthropic error object where a stream was asked for: its own type', async () => {
    serve('anthropic', { status: 200, headers: {}, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const error = await failure(model('anthropic').stream(request, () => {}));
    expect(error).toMatchObject({ type: 'OVERLOADED', retryable: true });
  });

  it.each(['openai', 'anthropic'] as const)(
    '%s: an HTML page where a stream was asked for is BAD_RESPONSE naming the page, not a cut stream',
    async (format) => {
      serve(format, { status: 200, headers: {}, text: '<html><head><title>Proxy login required</title></head><body>…</body></html>' });
      const error = await failure(model(format).stream(request, () => {}));
      expect(error.type).toBe('BAD_RESPONSE');
      expect(error.message).toContain('Proxy login required');
    },
  );

  it.each(['openai', 'anthropic'] as const)('%s: an empty event stream is a stream that ended early', async (format) => {
    serve(format, { status: 200, headers: {}, events: [] });
    const error = await failure(model(format).stream(request, () => {}));
    expect(error).toMatchObject({ type: 'NETWORK', retryable: true });
    expect(error.message).toContain('stream ended before the reply was finished');
  });
});
