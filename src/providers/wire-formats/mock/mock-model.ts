import { setTimeout as sleep } from 'node:timers/promises';
import { localProviderError } from '../../../errors/provider-error.js';
import { monotonicNow } from '../../adapter-config.js';
import { usageFrom, type DeltaListener, type GenerateRequest, type GenerateResult, type LanguageModel } from '../../language-model.js';
import { estimateTokens } from '../../../text/estimate-tokens.js';
import { buildMockReply } from './mock-replies.js';
import { hashText } from './mock-text.js';

/** How a mock model behaves; set per model (`mock:beta?delay=200&fail=0.5`) or by env. */
export interface MockSettings {
  /** Total time one reply takes, spread over its stream chunks. */
  delayMs: number;
  /** Share of calls that fail with SERVER_ERROR, from 0 to 1; decided by a seeded hash, so repeatable. */
  failureRate: number;
}

const chunkCount = 12;

/** Reads `name?delay=…&fail=…` into the model name and its settings, with env defaults. */
export function parseMockModelId(modelId: string, env: Record<string, string | undefined>): { name: string; settings: MockSettings } {
  const [name = modelId, query = ''] = modelId.split('?', 2);
  const params = new URLSearchParams(query);
  const number = (value: string | null | undefined, fallback: number) => {
    const parsed = value === null || value === undefined || value === '' ? NaN : Number(value);
    return Number.isFinite(parsed) ? parsed : fallback;
  };
  return {
    name,
    settings: {
      delayMs: Math.max(0, number(params.get('delay'), number(env.WECHAT_WRITER_MOCK_DELAY_MS, 0))),
      failureRate: Math.min(1, Math.max(0, number(params.get('fail'), number(env.WECHAT_WRITER_MOCK_FAILURE_RATE, 0)))),
    },
  };
}

function splitIntoChunks(text: string, count: number): string[] {
  const characters = Array.from(text);
  const size = Math.max(1, Math.ceil(characters.length / count));
  const chunks: string[] = [];
  for (let index = 0; index < characters.length; index += size) chunks.push(characters.slice(index, index + size).join(''));
  return chunks;
}

/** The deterministic offline model: no key, no network. */
export function createMockModel(modelId: string, env: Record<string, string | undefined>, now = monotonicNow): LanguageModel {
  const { name, settings } = parseMockModelId(modelId, env);
  const where = { provider: 'mock', model: name };
  let calls = 0;

  const respond = async (request: GenerateRequest, onDelta: DeltaListener | null): Promise<GenerateResult> => {
    const started = now();
    const callIndex = calls;
    calls += 1;
    const seed = hashText(`${name}\n${request.system ?? ''}\n${request.prompt}\n${callIndex}`);
    const text = buildMockReply(name, request.prompt);
    const chunks = splitIntoChunks(text, onDelta ? chunkCount : 1);
    let ttftMs: number | null = null;
    let streamed = '';
    try {
      for (const chunk of chunks) {
        if (settings.delayMs > 0) await sleep(settings.delayMs / chunks.length, undefined, { signal: request.signal });
        if (onDelta) {
          ttftMs ??= now() - started;
          streamed += chunk;
          onDelta({ text: chunk });
        }
      }
    } catch (error) {
      const partialText = streamed === '' ? null : streamed;
      throw localProviderError('CANCELLED', 'CANCELLED: the call was cancelled', where, { partialText }, error);
    }
    if (seed / 4294967296 < settings.failureRate) {
      const message = `SERVER_ERROR: simulated failure of mock:${name} (failure rate ${settings.failureRate})`;
      throw localProviderError('SERVER_ERROR', message, where, { status: 500, requestId: `mock-${seed.toString(16)}` });
    }
    const outputTokens = estimateTokens(text);
    return {
      text,
      reasoning: null,
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usageFrom({ inputTokens: estimateTokens(`${request.system ?? ''}${request.prompt}`), outputTokens }),
      latencyMs: now() - started,
      ttftMs,
      responseModel: `mock-${name}`,
      requestId: `mock-${seed.toString(16)}`,
    };
  };

  return {
    provider: 'mock',
    modelId: name,
    generate: (request) => respond(request, null),
    stream: (request, onDelta) => respond(request, onDelta),
  };
}
