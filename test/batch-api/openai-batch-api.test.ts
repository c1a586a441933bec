import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchNotFinishedError, collectBatch, type BatchCell, type BatchHandle } from '../../src/batch-api/batch-api.js';
import { createBatchApi } from '../../src/batch-api/create-batch-api.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import type { AdapterConfig } from '../../src/providers/adapter-config.js';
import { errorOf } from './error-of.js';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';

const key = 'sk-batch-test-7f3a9c2e1b';
const cells = (count: number, model = 'gpt-5.6-luna'): BatchCell[] =>
  Array.from({ length: count }, (_, index) => ({
    customId: `cell-${index}`,
    modelId: model,
    system: 'You write WeChat articles.',
    prompt: `Topic ${index}`,
    maxTokens: 800,
    temperature: 0.7,
  }));

let server: FakeBatchServer;
const config = (overrides: Partial<AdapterConfig> = {}): AdapterConfig => ({
  provider: 'openai',
  modelId: 'gpt-5.6-luna',
  apiKey: key,
  apiKeyEnv: 'OPENAI_API_KEY',
  baseURL: server.openaiBaseURL,
  maxTokensParam: 'max_completion_tokens',
  env: {},
  ...overrides,
});
const api = (overrides: Partial<AdapterConfig> = {}) =>
  createBatchApi(config(overrides), { format: 'openai', endpoint: '/v1/chat/completions', maxRequests: 50_000 }, { readRetries: 0 });

beforeEach(async () => {
  server = await startFakeBatchServer();
});
afterEach(async () => {
  await server.close();
});

describe('OpenAI-format batch API against the local batch server', () => {
  it('uploads 20 cells as JSONL, creates the batch, follows it through every state and collects all 20', async () => {
    const batches = api();
    const handle = await batches.submit(cells(20));
    expect(handle).toMatchObject({ provider: 'openai', format: 'openai', modelId: 'gpt-5.6-luna', inputFileId: 'file-in0001' });
    expect(handle.customIds).toHaveLength(20);

    const upload = server.requests.find((request) => request.path === '/v1/files')!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const { purpose, content } = upload.body as { purpose: string; content: string };
    expect(purpose).toBe('batch');
    const lines = content
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(20);
    expect(lines[3]).toEqual({
      custom_id: 'cell-3',
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'gpt-5.6-luna',
        messages: [
          { role: 'system', content: 'You write WeChat articles.' },
          { role: 'user', content: 'Topic 3' },
        ],
        max_completion_tokens: 800,
        temperature: 0.7,
      },
    });
    const create = server.requests.find((request) => request.path === '/v1/batches')!;
    expect(create.body).toEqual({ input_file_id: 'file-in0001', endpoint: '/v1/chat/completions', completion_window: '24h' });

    const seen: string[] = [];
    for (let step = 0; step < 4; step += 1) {
      const status = await batches.status(handle.batchId);
      seen.push(status.state);
      if (!status.finished) server.advance(handle.batchId);
    }
    expect(seen).toEqual(['validating', 'in_progress', 'finalizing', 'completed']);
    const done = await batches.status(handle.batchId);
    expect(done.counts).toEqual({ total: 20, succeeded: 20, failed: 0, processing: 0, expired: null, cancelled: null });

    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.size).toBe(20);
    const first = outcomes.get('cell-0');
    expect(first).toMatchObject({
      ok: true,
      result: {
        text: 'reply to cell-0',
        finishReason: { unified: 'stop', raw: 'stop' },
        responseModel: 'gpt-5.6-luna',
        requestId: 'req_cell-0',
        batchId: handle.batchId,
      },
    });
    expect(first?.ok && first.result.usage).toEqual({
      inputTokens: 10,
      noCacheInputTokens: 10,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      outputTokens: 7,
      reasoningTokens: null,
    });
  });

  it('polls through the transitions with the server advancing every second poll', async () => {
    server.advanceAfterPolls = 2;
    const batches = api();
    const handle = await batches.submit(cells(3));
    const states: string[] = [];
    for (let poll = 0; poll < 8; poll += 1) states.push((await batches.status(handle.batchId)).state);
    expect(states).toEqual(['validating', 'in_progress', 'in_progress', 'finalizing', 'finalizing', 'completed', 'completed', 'completed']);
  });

  it('reports per-cell failures from the error file, typed like ordinary HTTP errors', async () => {
    server.cells.set('cell-1', { error: { status: 400, type: 'invalid_request_error', message: 'max_completion_tokens is too large' } });
    server.cells.set('cell-2', {
      error: { status: 429, type: 'rate_limit_error', message: 'Rate limit reached', code: 'rate_limit_exceeded' },
    });
    const batches = api();
    const handle = await batches.submit(cells(5));
    server.finish(handle.batchId);
    const status = await batches.status(handle.batchId);
    expect(status.counts).toMatchObject({ total: 5, succeeded: 3, failed: 2 });
    const outcomes = await collectBatch(batches, handle);
    expect([...outcomes.values()].filter((outcome) => outcome.ok)).toHaveLength(3);
    const bad = outcomes.get('cell-1');
    expect(bad).toMatchObject({ ok: false, reason: 'errored', error: { type: 'BAD_REQUEST', status: 400, requestId: 'req_cell-1' } });
    expect(errorOf(bad)).toBeInstanceOf(ProviderError);
    expect(errorOf(bad).message).toContain('max_completion_tokens is too large');
    expect(outcomes.get('cell-2')).toMatchObject({ ok: false, reason: 'errored', error: { type: 'RATE_LIMIT', retryable: true } });
  });

  it('reports an expired batch per cell: processed cells keep their results, the rest expired (from the error file)', async () => {
    const batches = api();
    const handle = await batches.submit(cells(6));
    server.advance(handle.batchId);
    server.process(handle.batchId, 4);
    server.expire(handle.batchId);
    expect((await batches.status(handle.batchId)).state).toBe('expired');
    const outcomes = await collectBatch(batches, handle);
    expect(['cell-0', 'cell-3'].map((id) => outcomes.get(id)?.ok)).toEqual([true, true]);
    expect(outcomes.get('cell-4')).toMatchObject({ ok: false, reason: 'expired', error: { type: 'TIMEOUT', retryable: true } });
    expect(outcomes.get('cell-5')).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('reports cells the files leave out as expired or cancelled from the batch state, and never drops a cell', async () => {
    server.omitNotRunLines = true;
    const batches = api();
    const handle = await batches.submit(cells(4));
    server.advance(handle.batchId);
    server.process(handle.batchId, 1);
    const cancelling = await batches.cancel(handle.batchId);
    expect(cancelling.state).toBe('cancelling');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/batches/${handle.batchId}/cancel` });
    server.advance(handle.batchId);
    expect((await batches.status(handle.batchId)).state).toBe('cancelled');
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.size).toBe(4);
    expect(outcomes.get('cell-0')?.ok).toBe(true);
    expect(outcomes.get('cell-3')).toMatchObject({ ok: false, reason: 'cancelled', error: { type: 'CANCELLED' } });
  });

  it('reports cancelled cells from the error file (batch_cancelled)', async () => {
    const batches = api();
    const handle = await batches.submit(cells(3));
    server.advance(handle.batchId);
    await batches.cancel(handle.batchId);
    server.advance(handle.batchId);
    const outcomes = await collectBatch(batches, handle);
    expect([...outcomes.values()].map((outcome) => !outcome.ok && outcome.reason)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('fails every cell of a batch the provider refused at validation, with its reasons', async () => {
    server.failValidation = [{ code: 'invalid_json_line', message: 'Line 2 is not valid JSON', line: 2 }];
    const batches = api();
    const handle = await batches.submit(cells(2));
    server.advance(handle.batchId);
    const status = await batches.status(handle.batchId);
    expect(status).toMatchObject({ state: 'failed', finished: true, errors: ['invalid_json_line: Line 2 is not valid JSON'] });
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.get('cell-1')).toMatchObject({ ok: false, reason: 'errored', error: { type: 'BAD_REQUEST' } });
    expect(errorOf(outcomes.get('cell-1')).message).toContain('Line 2 is not valid JSON');
  });

  it('refuses to collect a batch still running (BatchNotFinishedError)', async () => {
    const batches = api();
    const handle = await batches.submit(cells(2));
    await expect(collectBatch(batches, handle)).rejects.toBeInstanceOf(BatchNotFinishedError);
    await expect(collectBatch(batches, handle)).rejects.toThrow(`batch ${handle.batchId} is validating`);
  });

  it('types an auth failure as AUTH naming the key variable, never showing the key', async () => {
    server.acceptedKeys.add('sk-the-right-key-000');
    server.echoKey = true;
    const error = await api()
      .submit(cells(2))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ type: 'AUTH', status: 401 });
    expect((error as Error).message).toContain('OPENAI_API_KEY');
    expect((error as Error).message).not.toContain(key);
    expect(server.requests).toHaveLength(1); // nothing retried, no batch created
  });

  it('refuses cells no provider would take before sending anything', async () => {
    const batches = api();
    await expect(batches.submit([])).rejects.toThrow('at least one cell');
    await expect(batches.submit([...cells(1), ...cells(1, 'gpt-5.6-terra').map((cell) => ({ ...cell, customId: 'x' }))])).rejects.toThrow(
      'one batch holds one model',
    );
    await expect(batches.submit([{ ...cells(1)[0]!, customId: 'has space' }])).rejects.toThrow('cannot be sent');
    await expect(batches.submit([...cells(1), ...cells(1)])).rejects.toThrow('appears twice');
    expect(server.requests).toHaveLength(0);
  });

  it('sends GLM its own endpoint path and leaves temperature out where the provider refuses it', async () => {
    const batches = createBatchApi(
      config({ provider: 'kimi', maxTokensParam: 'max_tokens' }),
      { format: 'openai', endpoint: '/v4/chat/completions', maxRequests: 10, omitTemperature: true },
      { readRetries: 0 },
    );
    await batches.submit(cells(2, 'kimi-k2.6'));
    const { content } = server.requests[0]!.body as { content: string };
    const line = JSON.parse(content.split('\n')[0]!) as { url: string; body: Record<string, unknown> };
    expect(line.url).toBe('/v4/chat/completions');
    expect(line.body).not.toHaveProperty('temperature');
    expect(line.body).toHaveProperty('max_tokens', 800);
    expect(server.requests[1]!.body).toMatchObject({ endpoint: '/v4/chat/completions' });
    await expect(batches.submit(cells(11, 'kimi-k2.6'))).rejects.toThrow('at most 10 requests');
  });

  it('reads the batch object of the API reference example (Retrieve batch)', async () => {
    const documented = {
      id: 'batch_abc123',
      object: 'batch',
      endpoint: '/v1/completions',
      errors: null,
      input_file_id: 'file-abc123',
      completion_window: '24h',
      status: 'completed',
      output_file_id: 'file-cvaTdG',
      error_file_id: 'file-HOWS94',
      created_at: 1711471533,
      in_progress_at: 1711471538,
      expires_at: 1711557933,
      finalizing_at: 1711493133,
      completed_at: 1711493163,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 100, completed: 95, failed: 5 },
      metadata: { customer_id: 'user_123456789', batch_description: 'Nightly eval job' },
    };
    server.answers.set('GET /v1/batches/batch_abc123', { status: 200, body: documented });
    expect(await api().status('batch_abc123')).toEqual({
      batchId: 'batch_abc123',
      state: 'completed',
      finished: true,
      counts: { total: 100, succeeded: 95, failed: 5, processing: 0, expired: null, cancelled: null },
      errors: [],
    });
  });

  it('keeps the handle serializable for another process', async () => {
    const handle: BatchHandle = await api().submit(cells(2));
    const restored = JSON.parse(JSON.stringify(handle)) as BatchHandle;
    server.finish(restored.batchId);
    const outcomes = await collectBatch(api(), restored);
    expect(outcomes.size).toBe(2);
  });
});
