import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchNotFinishedError, collectBatch, type BatchCell } from '../../src/batch-api/batch-api.js';
import { createBatchApi } from '../../src/batch-api/create-batch-api.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { AdapterConfig } from '../../src/providers/adapter-config.js';
import { errorOf } from './error-of.js';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';

const key = 'sk-ant-batch-test-4d8e2f';
const cells = (count: number, model = 'claude-haiku-4-5'): BatchCell[] =>
  Array.from({ length: count }, (_, index) => ({
    customId: `cell-${index}`,
    modelId: model,
    system: index % 2 === 0 ? 'You write WeChat articles.' : null,
    prompt: `Topic ${index}`,
    maxTokens: index === 0 ? null : 900,
    temperature: index === 0 ? null : 0.5,
  }));

let server: FakeBatchServer;
const config = (): AdapterConfig => ({
  provider: 'anthropic',
  modelId: 'claude-haiku-4-5',
  apiKey: key,
  apiKeyEnv: 'ANTHROPIC_API_KEY',
  baseURL: server.anthropicBaseURL,
  env: {},
});
const api = () =>
  createBatchApi(config(), { format: 'anthropic', endpoint: '/v1/messages/batches', maxRequests: 100_000 }, { readRetries: 0 });

beforeEach(async () => {
  server = await startFakeBatchServer();
});
afterEach(async () => {
  await server.close();
});

describe('Anthropic Message Batches against the local batch server', () => {
  it('creates a batch of 20 requests, polls it to the end and collects all 20 with usage in the one meaning', async () => {
    const batches = api();
    const handle = await batches.submit(cells(20));
    expect(handle).toMatchObject({ format: 'anthropic', provider: 'anthropic', inputFileId: null, modelId: 'claude-haiku-4-5' });
    const create = server.requests[0]!;
    expect(create).toMatchObject({ method: 'POST', path: '/v1/messages/batches' });
    expect(create.headers['x-api-key']).toBe(key);
    const { requests } = create.body as { requests: { custom_id: string; params: Record<string, unknown> }[] };
    expect(requests).toHaveLength(20);
    expect(requests[0]).toEqual({
      custom_id: 'cell-0',
      params: {
        model: 'claude-haiku-4-5',
        max_tokens: 8192,
        messages: [{ role: 'user', content: 'Topic 0' }],
        system: 'You write WeChat articles.',
      },
    });
    expect(requests[1]!.params).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 900,
      messages: [{ role: 'user', content: 'Topic 1' }],
      temperature: 0.5,
    });

    const running = await batches.status(handle.batchId);
    expect(running).toMatchObject({ state: 'in_progress', finished: false, counts: { total: 20, processing: 20, succeeded: 0 } });
    await expect(collectBatch(batches, handle)).rejects.toBeInstanceOf(BatchNotFinishedError);
    server.advance(handle.batchId);
    const ended = await batches.status(handle.batchId);
    expect(ended).toMatchObject({ state: 'ended', finished: true });
    expect(ended.counts).toEqual({ total: 20, succeeded: 20, failed: 0, processing: 0, expired: 0, cancelled: 0 });

    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.size).toBe(20);
    const fifth = outcomes.get('cell-5');
    expect(fifth).toMatchObject({
      ok: true,
      result: {
        text: 'reply to cell-5',
        finishReason: { unified: 'stop', raw: 'end_turn' },
        requestId: 'msg_cell-5',
        responseModel: 'claude-haiku-4-5',
      },
    });
    // Messages reports input without the cached part; the one meaning counts every input token.
    expect(fifth?.ok && fifth.result.usage).toEqual({
      inputTokens: 15,
      noCacheInputTokens: 15,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 7,
      reasoningTokens: null,
    });
    const results = server.requests.at(-1)!;
    expect(results).toMatchObject({ method: 'GET', path: `/v1/messages/batches/${handle.batchId}/results` });
    expect(results.headers.accept).toBe('application/binary');
  });

  it('reports errored, expired and cancelled cells per cell', async () => {
    server.cells.set('cell-1', { error: { status: 400, type: 'invalid_request_error', message: 'max_tokens: must be at most 64000' } });
    server.cells.set('cell-2', { error: { status: 529, type: 'overloaded_error', message: 'Overloaded' } });
    const batches = api();
    const expiring = await batches.submit(cells(5));
    server.process(expiring.batchId, 3);
    server.expire(expiring.batchId);
    const status = await batches.status(expiring.batchId);
    expect(status.counts).toEqual({ total: 5, succeeded: 1, failed: 2, processing: 0, expired: 2, cancelled: 0 });
    const outcomes = await collectBatch(batches, expiring);
    expect(outcomes.get('cell-0')?.ok).toBe(true);
    expect(outcomes.get('cell-1')).toMatchObject({ ok: false, reason: 'errored', error: { type: 'BAD_REQUEST', status: null } });
    expect(errorOf(outcomes.get('cell-1')).message).toContain('max_tokens: must be at most 64000');
    expect(outcomes.get('cell-2')).toMatchObject({ ok: false, reason: 'errored', error: { type: 'OVERLOADED', retryable: true } });
    expect(outcomes.get('cell-4')).toMatchObject({ ok: false, reason: 'expired', error: { type: 'TIMEOUT' } });

    const cancelling = await batches.submit(cells(3).map((cell) => ({ ...cell, customId: `c${cell.customId}` })));
    server.process(cancelling.batchId, 1);
    expect((await batches.cancel(cancelling.batchId)).state).toBe('cancelling');
    server.advance(cancelling.batchId);
    const cancelled = await collectBatch(batches, cancelling);
    expect(cancelled.get('ccell-0')?.ok).toBe(true);
    expect(cancelled.get('ccell-2')).toMatchObject({ ok: false, reason: 'cancelled', error: { type: 'CANCELLED' } });
  });

  it('marks the system prompt and the prompt for caching when a cell asks for it', async () => {
    await api().submit([{ ...cells(1)[0]!, cache: true }]);
    const { requests } = server.requests[0]!.body as { requests: { params: Record<string, unknown> }[] };
    const cached = [{ type: 'text', text: 'Topic 0', cache_control: { type: 'ephemeral' } }];
    expect(requests[0]!.params.messages).toEqual([{ role: 'user', content: cached }]);
    expect(requests[0]!.params.system).toEqual([
      { type: 'text', text: 'You write WeChat articles.', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('reports a cell the results leave out as missing', async () => {
    server.cells.set('cell-1', { rawLine: '{"not":"a result"}' });
    server.cells.set('cell-2', { rawLine: 'this is not json' });
    const batches = api();
    const handle = await batches.submit(cells(3));
    server.finish(handle.batchId);
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.get('cell-0')?.ok).toBe(true);
    expect(outcomes.get('cell-1')).toMatchObject({ ok: false, reason: 'missing', error: { type: 'BAD_RESPONSE', retryable: true } });
    expect(outcomes.get('cell-2')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('types an auth failure as AUTH naming the key variable, never showing the key', async () => {
    server.acceptedKeys.add('sk-ant-right-key-0000');
    server.echoKey = true;
    const error = await api()
      .status('msgbatch_0001')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type: 'AUTH', status: 401 });
    expect((error as Error).message).toContain('ANTHROPIC_API_KEY');
    expect((error as Error).message).not.toContain(key);
  });
});
