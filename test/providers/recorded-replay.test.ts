import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { GenerateResult, LanguageModel, Usage } from '../../src/providers/language-model.js';
import { createAnthropicMessagesModel } from '../../src/providers/wire-formats/anthropic/anthropic-messages-model.js';
import { createOpenAIChatModel } from '../../src/providers/wire-formats/openai/openai-chat-model.js';
import { loadRecordingIndex, loadRecordings, type Recording } from '../support/recorded-traffic.js';
import { documentedErrorType, expectedFrom, type Expected } from '../support/recording-expectations.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';

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

/** Replays one recording through the real SDK of its format: the result, or the ProviderError, and the streamed deltas. */
async function replay(recording: Recording): Promise<{ result: GenerateResult | null; error: ProviderError | null; deltas: string }> {
  server.serve(recording);
  const model = modelFor(recording);
  let deltas = '';
  const request = { modelId: model.modelId, system: null, prompt: '写一篇文章', maxTokens: null, temperature: null, timeoutMs: 10_000 };
  try {
    const result = recording.stream ? await model.stream(request, ({ text }) => (deltas += text)) : await model.generate(request);
    return { result, error: null, deltas };
  } catch (caught) {
    expect(caught).toBeInstanceOf(ProviderError);
    return { result: null, error: caught as ProviderError, deltas };
  }
}

/** The normalized usage must say what the recording says, every count. */
function expectUsage(usage: Usage, expected: Expected['usage']) {
  expect(usage).toMatchObject(expected);
  const cached = (expected.cacheReadTokens ?? 0) + (expected.cacheWriteTokens ?? 0);
  expect(usage.noCacheInputTokens).toBe(expected.inputTokens === null ? null : expected.inputTokens - cached);
}

const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The provider's own words, as the recording has them (the first message field), shortened. */
function providerMessage(body: unknown): string | null {
  const found = JSON.stringify(body ?? '').match(/"(?:message|status_msg|msg)":"((?:[^"\\]|\\.){6,})"/);
  return found ? (JSON.parse(`"${found[1]}"`) as string).slice(0, 24) : null;
}

describe('recorded provider traffic, replayed through the real SDKs', () => {
  it('has at least 30 recordings, each with its provenance in index.json', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(30);
    const index = loadRecordingIndex();
    const files = new Set(index.map((entry) => entry.file));
    for (const recording of recordings) expect(files, recording.id).toContain(`${recording.id}.json`);
    for (const entry of index) {
      const where = 'url' in entry.source ? entry.source.url : `${entry.source.repo}/${entry.source.path}@${entry.source.commit}`;
      expect(where, entry.file).toMatch(/^(https:\/\/|[\w.-]+\/[\w.-]+\/.+@[0-9a-f]{40}$)/);
      if (!entry.exact) expect(entry.note, entry.file).toBeTruthy();
    }
  });

  it.each(recordings.map((recording) => [recording.id, recording] as const))('%s', async (_id, recording) => {
    const expected = expectedFrom(recording);
    const { result, error, deltas } = await replay(recording);
    if (expected.error) {
      expect(error?.type).toBe(documentedErrorType(expected.error));
      const said = providerMessage(expected.error.body);
      if (said) expect(error?.message).toContain(said);
      if (expected.text !== '') expect(error?.partialText).toBe(expected.text);
    } else if (!expected.terminated) {
      expect(error?.type).toBe('NETWORK');
      expect(error?.message).toMatch(/stream ended before the reply was finished/);
      expect(error?.partialText ?? '').toBe(expected.text);
      expectUsage(error!.reply!.usage, expected.usage);
    } else {
      expect(error).toBeNull();
      expect(result!.text).toBe(expected.text);
      expect(blankToNull(result!.reasoning ?? '')).toBe(blankToNull(expected.reasoning));
      expect(result!.finishReason.raw).toBe(expected.finishReason);
      expectUsage(result!.usage, expected.usage);
      if (recording.stream) expect(deltas).toBe(expected.text);
    }
    for (const text of [result?.text, result?.reasoning, error?.message, error?.partialText]) expect(text ?? '').not.toContain(secret);
  });
});

/** A streamed recording without its terminator: no finish reason and no [DONE]; no message_stop. */
function cutBeforeTerminator(recording: Recording): Recording {
  const events = recording.response.events ?? [];
  const kept =
    recording.format === 'anthropic'
      ? events.filter((event) => !event.data.includes('"message_stop"'))
      : events.slice(0, events.findIndex((event) => event.data.trim() === '[DONE]' || /"finish_reason":\s*"/.test(event.data)) >>> 0);
  return { ...recording, id: `${recording.id} (cut)`, response: { ...recording.response, events: kept } };
}

const completeStreams = recordings.filter((recording) => {
  const expected = expectedFrom(recording);
  return recording.stream && !expected.error && expected.terminated;
});

describe('every complete recorded stream, cut before its terminator, is incomplete, never ok', () => {
  it.each(completeStreams.map((recording) => [recording.id, cutBeforeTerminator(recording)] as const))('%s', async (_id, cut) => {
    const expected = expectedFrom(cut);
    expect(expected.terminated).toBe(false);
    const { error } = await replay(cut);
    expect(error?.type).toBe('NETWORK');
    expect(error?.retryable).toBe(true);
    expect(error?.partialText ?? '').toBe(expected.text);
    expectUsage(error!.reply!.usage, expected.usage);
  });
});

/** The same stream as some proxies and gateways send it: `data:` lines only, no `event:` lines. */
const withoutEventLines = (recording: Recording): Recording => ({
  ...recording,
  id: `${recording.id} (data only)`,
  response: { ...recording.response, events: (recording.response.events ?? []).map(({ data }) => ({ data })) },
});

const anthropicStreams = recordings.filter((recording) => recording.format === 'anthropic' && recording.stream);

describe('every recorded Anthropic stream, sent without its event: lines, reads the same', () => {
  it.each(anthropicStreams.map((recording) => [recording.id, recording] as const))('%s', async (_id, recording) => {
    const named = await replay(recording);
    const bare = await replay(withoutEventLines(recording));
    expect(bare.error?.type).toBe(named.error?.type);
    expect(bare.error?.partialText).toBe(named.error?.partialText);
    expect(bare.result?.text).toBe(named.result?.text);
    expect(bare.result?.reasoning).toBe(named.result?.reasoning);
    expect(bare.result?.usage).toEqual(named.result?.usage);
    expect(bare.result?.finishReason).toEqual(named.result?.finishReason);
  });
});
