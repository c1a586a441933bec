import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectBatch, type BatchApi, type BatchCell, type BatchCellOutcome, type BatchFormat } from '../../src/batch-api/batch-api.js';
import { createBatchApi } from '../../src/batch-api/create-batch-api.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { errorOf } from './error-of.js';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';

const key = 'hk_live_batch_secret_91b2';
const cells = (count: number): BatchCell[] =>
  Array.from({ length: count }, (_, index) => ({
    customId: `cell-${index}`,
    modelId: 'model-a',
    system: null,
    prompt: `Topic ${index}`,
    maxTokens: 100,
    temperature: null,
  }));

let server: FakeBatchServer;
beforeEach(async () => {
  server = await startFakeBatchServer();
});
afterEach(async () => {
  await server.close();
});

const api = (format: BatchFormat, limits: { maxReplyBytes?: number; maxFileBytes?: number } = {}): BatchApi =>
  createBatchApi(
    {
      provider: format === 'openai' ? 'proxy-openai' : 'proxy-anthropic',
      modelId: 'model-a',
      apiKey: key,
      apiKeyEnv: 'PROXY_API_KEY',
      baseURL: format === 'openai' ? server.openaiBaseURL : server.anthropicBaseURL,
      env: {},
      ...(limits.maxReplyBytes ? { maxReplyBytes: limits.maxReplyBytes } : {}),
    },
    { format, endpoint: format === 'openai' ? '/v1/chat/completions' : '/v1/messages/batches', maxRequests: 1000 },
    { readRetries: 0, ...(limits.maxFileBytes ? { maxFileBytes: limits.maxFileBytes } : {}) },
  );

const everyText = (outcomes: Iterable<BatchCellOutcome>) =>
  [...outcomes]
    .map((outcome) => (outcome.ok ? JSON.stringify(outcome.result) : `${outcome.error.message} ${outcome.error.requestId}`))
    .join('\n');

describe.each(['openai', 'anthropic'] as const)('a hostile or broken %s batch server', (format) => {
  it('has the key it echoes redacted from results and per-cell errors', async () => {
    server.echoKey = true;
    server.cells.set('cell-1', { error: { status: 400, type: 'invalid_request_error', message: 'bad request' } });
    const batches = api(format);
    const handle = await batches.submit(cells(3));
    server.finish(handle.batchId);
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.get('cell-0')).toMatchObject({ ok: true, result: { text: 'reply to cell-0 (key [redacted])' } });
    expect(outcomes.get('cell-1')?.ok).toBe(false);
    const all = everyText(outcomes.values());
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(key);
  });

  it('bounds a result line over the reply limit: that cell fails, the others are read', async () => {
    server.cells.set('cell-1', { padBytes: 200_000 });
    const batches = api(format, { maxReplyBytes: 64 * 1024 });
    const handle = await batches.submit(cells(3));
    server.finish(handle.batchId);
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.get('cell-0')?.ok).toBe(true);
    expect(outcomes.get('cell-2')?.ok).toBe(true);
    expect(outcomes.get('cell-1')).toMatchObject({ ok: false, reason: 'errored', error: { type: 'BAD_RESPONSE', retryable: false } });
    expect(errorOf(outcomes.get('cell-1')).message).toContain('64 KiB');
  });

  it('bounds a result file over the file limit: the cells read before it are kept, then a typed error', async () => {
    server.padEveryLine = 40_000;
    const batches = api(format, { maxFileBytes: 100_000 });
    const handle = await batches.submit(cells(10));
    server.finish(handle.batchId);
    const read: BatchCellOutcome[] = [];
    const error = await (async () => {
      for await (const outcome of batches.results(handle)) read.push(outcome);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type: 'BAD_RESPONSE', retryable: false });
    expect((error as Error).message).toContain('WECHAT_WRITER_MAX_BATCH_FILE_BYTES');
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(10);
    expect(read.every((outcome) => outcome.ok)).toBe(true);
  });
});

describe('a hostile Anthropic batch server', () => {
  it('cannot make the client send the key to another origin through results_url', async () => {
    const elsewhere = await startFakeBatchServer();
    try {
      server.resultsOrigin = elsewhere.url;
      const batches = api('anthropic');
      const handle = await batches.submit(cells(2));
      server.finish(handle.batchId);
      const error = await collectBatch(batches, handle).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ type: 'NETWORK', retryable: false });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });
});
