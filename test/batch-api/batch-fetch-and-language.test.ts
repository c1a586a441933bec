import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectBatch } from '../../src/batch-api/batch-api.js';
import { createBatchFetch } from '../../src/batch-api/batch-fetch.js';
import { createBatchApi } from '../../src/batch-api/create-batch-api.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { RedirectRefusedError } from '../../src/providers/node-http-fetch.js';
import { errorOf } from './error-of.js';
import { startFakeBatchServer, type FakeBatchServer } from '../support/fake-batch-server.js';

describe('createBatchFetch', () => {
  it('sends a FormData body as multipart bytes with its boundary, and refuses any other origin', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetch = createBatchFetch('https://api.example.com/v1', async (url, init = {}) => {
      seen.push({ url: String(url), init });
      return new Response('{}');
    });
    const form = new FormData();
    form.set('purpose', 'batch');
    form.set('file', new File(['{"a":1}\n'], 'cells.jsonl'));
    await fetch('https://api.example.com/v1/files', { method: 'POST', body: form, headers: { authorization: 'Bearer k' } });
    const sent = seen[0]!;
    const headers = new Headers(sent.init.headers);
    expect(headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(headers.get('authorization')).toBe('Bearer k');
    expect(new TextDecoder().decode(sent.init.body as Uint8Array)).toContain('{"a":1}');
    await expect(fetch('https://elsewhere.example/v1/files')).rejects.toBeInstanceOf(RedirectRefusedError);
    await expect(fetch('data:,')).rejects.toThrow('data:');
    expect(seen).toHaveLength(1);
  });
});

describe('batch API messages', () => {
  let server: FakeBatchServer;
  beforeEach(async () => {
    server = await startFakeBatchServer();
  });
  afterEach(async () => {
    await server.close();
  });
  const api = () =>
    createBatchApi(
      {
        provider: 'openai',
        modelId: 'm',
        apiKey: 'sk-lang-test-0000',
        apiKeyEnv: 'OPENAI_API_KEY',
        baseURL: server.openaiBaseURL,
        env: {},
      },
      { format: 'openai', endpoint: '/v1/chat/completions', maxRequests: 10 },
      { readRetries: 0 },
    );
  const cell = (customId: string) => ({ customId, modelId: 'm', system: null, prompt: 'p', maxTokens: null, temperature: null });

  it('say an unknown batch is unknown (not a missing model), in English and Chinese', async () => {
    await expect(api().status('batch_nope')).rejects.toMatchObject({ type: 'BAD_REQUEST', status: 404 });
    await expect(api().status('batch_nope')).rejects.toThrow('no batch or file "batch_nope"');
    await runInLanguage('zh-CN', () => expect(api().status('batch_nope')).rejects.toThrow('找不到批量任务或文件“batch_nope”'));
  });

  it('report expired and still-running batches in Chinese', async () => {
    const batches = api();
    const handle = await batches.submit([cell('a'), cell('b')]);
    await runInLanguage('zh-CN', () => expect(collectBatch(batches, handle)).rejects.toThrow('状态为“校验中”，结果还没有准备好'));
    server.advance(handle.batchId);
    server.process(handle.batchId, 1);
    server.expire(handle.batchId);
    const outcomes = await runInLanguage('zh-CN', () => collectBatch(batches, handle));
    expect(errorOf(outcomes.get('b')).message).toContain('24 小时期限已过');
    await runInLanguage('zh-CN', () => expect(batches.submit([])).rejects.toThrow('批量任务至少需要一格'));
  });
});
