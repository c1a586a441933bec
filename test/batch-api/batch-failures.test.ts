import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectBatch, type BatchCell, type BatchFormat } from '../../src/batch-api/batch-api.js';
import { createBatchApi } from '../../src/batch-api/create-batch-api.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';

const cells = (count: number): BatchCell[] =>
  Array.from({ length: count }, (_, index) => ({
    customId: `cell-${index}`,
    modelId: 'm',
    system: null,
    prompt: 'p',
    maxTokens: 10,
    temperature: null,
  }));

let server: FakeBatchServer;
beforeEach(async () => {
  server = await startFakeBatchServer();
});
afterEach(async () => {
  await server.close();
});

const api = (format: BatchFormat, options: { timeoutMs?: number; readRetries?: number } = {}) =>
  createBatchApi(
    {
      provider: format,
      modelId: 'm',
      apiKey: 'sk-failures-test-1234',
      apiKeyEnv: 'TEST_API_KEY',
      baseURL: format === 'openai' ? server.openaiBaseURL : server.anthropicBaseURL,
      env: {},
    },
    { format, endpoint: format === 'openai' ? '/v1/chat/completions' : '/v1/messages/batches', maxRequests: 100 },
    { readRetries: 0, ...options },
  );

describe('batch API call failures', () => {
  it('removes the uploaded file when the batch cannot be created, and reports the typed failure once', async () => {
    server.answers.set('POST /v1/batches', { status: 500, body: { error: { message: 'upstream exploded', type: 'server_error' } } });
    const error = await api('openai')
      .submit(cells(2))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'SERVER_ERROR', status: 500 });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/files',
      'POST /v1/batches',
      'DELETE /v1/files/file-in0001',
    ]);
    expect(server.files.size).toBe(0);
  });

  it('retries a status poll the server failed (a safe read) but never a submit', async () => {
    server.answers.set('GET /v1/messages/batches/msgbatch_0001', {
      status: 503,
      body: { type: 'error', error: { type: 'api_error', message: 'busy' } },
    });
    const batches = api('anthropic', { readRetries: 1 });
    const handle = await batches.submit(cells(1));
    const error = await batches.status(handle.batchId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ type: 'SERVER_ERROR' });
    expect(server.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
    server.answers.set('POST /v1/messages/batches', {
      status: 503,
      body: { type: 'error', error: { type: 'api_error', message: 'busy' } },
    });
    await expect(batches.submit(cells(1))).rejects.toBeInstanceOf(ProviderError);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  it.each(['openai', 'anthropic'] as const)('says BAD_RESPONSE for a %s batch object it cannot read', async (format) => {
    const path = format === 'openai' ? 'POST /v1/batches' : 'POST /v1/messages/batches';
    server.answers.set(path, { status: 200, body: { hello: 'world' } });
    await expect(api(format).submit(cells(1))).rejects.toMatchObject({ type: 'BAD_RESPONSE' });
  });

  // The idle timer runs on a fake clock (setTimeout only: sockets, the server and setImmediate stay
  // real), so neither test depends on how fast this machine streams: time moves when the test says.
  it.each(['openai', 'anthropic'] as const)('times out a %s result download that stalls midway (TIMEOUT, not a hang)', async (format) => {
    const handle = await api(format).submit(cells(3));
    const batches = api(format, { timeoutMs: 1000 });
    server.finish(handle.batchId);
    server.stallDownloads = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const read: string[] = [];
      let settled = false;
      const reading = (async () => {
        for await (const outcome of batches.results(handle)) read.push(outcome.customId);
      })()
        .catch((caught: unknown) => caught)
        .finally(() => (settled = true));
      // the first line arrives, then the server falls silent: only then does time pass
      while (read.length < 1) await nextTurn();
      while (!settled) {
        await vi.advanceTimersByTimeAsync(250);
        await nextTurn();
      }
      const error = await reading;
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ type: 'TIMEOUT' });
      expect(read).toEqual(['cell-0']);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each(['openai', 'anthropic'] as const)(
    'waits for a slow %s caller: time spent on each outcome is not server silence',
    async (format) => {
      server.cells.set('cell-1', { error: { status: 400, type: 'invalid_request_error', message: 'no' } }); // OpenAI: a second file
      server.padEveryLine = 2_000_000; // more than socket buffers hold: the download is still streaming while the caller waits
      const batches = api(format, { timeoutMs: 1000 });
      const handle = await batches.submit(cells(3));
      server.finish(handle.batchId);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const read: string[] = [];
        for await (const outcome of batches.results(handle)) {
          // the caller spends far longer than the timeout on its first outcome, the download still open
          if (read.push(outcome.customId) === 1) await vi.advanceTimersByTimeAsync(2500);
        }
        expect(read.sort()).toEqual(['cell-0', 'cell-1', 'cell-2']);
      } finally {
        vi.useRealTimers();
      }
    },
  );

  it('stops at once when the caller cancels (CANCELLED)', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(api('openai').status('batch_x', { signal: controller.signal })).rejects.toMatchObject({ type: 'CANCELLED' });
  });

  it('collects nothing twice when a result file repeats a cell', async () => {
    const batches = api('anthropic');
    const handle = await batches.submit(cells(2));
    server.cells.set('cell-1', { rawLine: '{"custom_id":"cell-0","result":{"type":"expired"}}' });
    server.finish(handle.batchId);
    const outcomes = await collectBatch(batches, handle);
    expect(outcomes.get('cell-0')?.ok).toBe(true);
    expect(outcomes.get('cell-1')).toMatchObject({ ok: false, reason: 'missing' });
  });
});
