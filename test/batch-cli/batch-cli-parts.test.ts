import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchStatus } from '../../src/batch-api/batch-api.js';
import { batchRouteOf } from '../../src/commands/batch/batch-route.js';
import { cellAt, cellIdOf, positionIn, positionOfCellId } from '../../src/commands/batch/batch-cells.js';
import { firstPollMs, longestPollMs, waitForBatches } from '../../src/commands/batch/wait-for-batches.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { ProviderError } from '../../src/errors/provider-error.js';
import { UsageError } from '../../src/errors/usage-error.js';
import { presetCatalog } from '../../src/providers/preset-catalog.js';
import { resolveModel } from '../../src/providers/registry.js';
import type { StoredBatch } from '../../src/store/batch-store.js';
import { migrations } from '../../src/store/history-schema.js';
import { openHistoryStore } from '../../src/store/history-store.js';

const config = (provider: string) =>
  `providers:\n  px:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n    apiKeyEnv: PX_KEY\n${provider}`;
const env = { PX_KEY: 'sk-px-0123456789', OPENAI_API_KEY: 'sk-openai-0123456789', MOONSHOT_API_KEY: 'sk-kimi-0123456789' };

describe('which models go through a batch API', () => {
  it('a config `batchApi:` wins over detection (a proxy, a test server); `off` turns it off', () => {
    const settings = parseConfig(config('    batchApi: anthropic\n'), 'c.yaml', env);
    const found = batchRouteOf(resolveModel('px:m', env, settings.catalog));
    expect(found.supported && found.route.format).toBe('anthropic');
    const off = parseConfig(config('    batchApi: off\n'), 'c.yaml', env);
    expect(batchRouteOf(resolveModel('px:m', env, off.catalog))).toEqual({ supported: false, reason: 'off' });
    expect(() => parseConfig(config('    batchApi: sometimes\n'), 'c.yaml', env)).toThrow(UsageError);
  });

  it('without it: the documented host has one, a proxy or an unknown provider does not, nor a local one', () => {
    expect(batchRouteOf(resolveModel('openai:gpt-4o', env, presetCatalog))).toMatchObject({ supported: true, route: { format: 'openai' } });
    expect(batchRouteOf(resolveModel('px:m', env, parseConfig(config(''), 'c.yaml', env).catalog))).toEqual({
      supported: false,
      reason: 'none',
    });
    expect(batchRouteOf(resolveModel('openai:gpt-4o', { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, presetCatalog))).toEqual({
      supported: false,
      reason: 'custom-endpoint',
    });
    expect(batchRouteOf(resolveModel('mock:fast', env, presetCatalog))).toEqual({ supported: false, reason: 'local' });
    // Kimi documents batches for some models only
    expect(batchRouteOf(resolveModel('kimi:kimi-k2.6', env, presetCatalog)).supported).toBe(true);
    expect(batchRouteOf(resolveModel('kimi:moonshot-v1-8k', env, presetCatalog))).toEqual({ supported: false, reason: 'model' });
  });
});

describe('cell ids', () => {
  it('name the matrix position (prompt index × models + model index), both ways', () => {
    const matrix = { models: ['a:x', 'b:y', 'c:z'], prompts: ['p1', 'p2'].map((id) => ({ id, text: id, system: null, source: id })) };
    expect(cellIdOf(4)).toBe('cell-4');
    expect(positionOfCellId('cell-4')).toBe(4);
    expect(positionOfCellId('other-4')).toBeNull();
    expect(cellAt(matrix, 4)).toMatchObject({ model: 'b:y', prompt: { id: 'p2' } });
    expect(cellAt(matrix, 6)).toBeNull();
    expect(positionIn(matrix, 'b:y', 'p2')).toBe(4);
  });
});

const stored = (id: number): StoredBatch => ({
  id,
  runId: 1,
  provider: 'px',
  model: 'px:m',
  handle: { batchId: `b${id}`, provider: 'px', format: 'openai', modelId: 'm', submittedAt: '', inputFileId: null, customIds: ['cell-0'] },
  details: { prices: null, batchPrices: null },
  submittedAt: '2026-12-02T08:00:00.000Z',
  state: 'validating',
  counts: null,
  checkedAt: null,
  collectedAt: null,
});
const status = (batchId: string, finished: boolean): BatchStatus => ({
  batchId,
  state: finished ? 'completed' : 'in_progress',
  finished,
  counts: { total: 1, succeeded: finished ? 1 : 0, failed: 0, processing: finished ? 0 : 1, expired: null, cancelled: null },
  errors: [],
});

describe('waiting for batches', () => {
  it('polls 5 s apart, growing by half to 60 s, one line each time it changes, until every batch ended', async () => {
    const sleeps: number[] = [];
    let polls = 0;
    let said = '';
    const ended = await waitForBatches([stored(1)], new Map(), {
      status: async (batch) => status(batch.handle.batchId, (polls += 1) >= 12),
      seen: () => {},
      sleep: async (milliseconds) => void sleeps.push(milliseconds),
      stderr: { write: (text: string) => ((said += text), true) },
      terminal: false,
    });
    expect(ended).toBe(true);
    expect(sleeps[0]).toBe(firstPollMs);
    expect(sleeps).toEqual([5000, 7500, 11250, 16875, 25313, 37970, 56955, 60000, 60000, 60000, 60000]);
    expect(Math.max(...sleeps)).toBe(longestPollMs);
    expect(said.trim().split('\n')).toEqual([
      'Batches: 0/1 ended · cells 0/1 done, 0 failed · in progress 1',
      'Batches: 1/1 ended · cells 1/1 done, 0 failed · completed 1',
    ]);
  });

  it('asks again after a retryable failure, gives up on any other, and stops on Ctrl-C', async () => {
    let calls = 0;
    const flaky = async (batch: StoredBatch) => {
      calls += 1;
      if (calls === 1)
        throw new ProviderError({
          type: 'NETWORK',
          message: 'reset',
          provider: 'px',
          model: 'm',
          status: null,
          requestId: null,
          retryable: true,
          retryAfterMs: null,
        });
      return status(batch.handle.batchId, true);
    };
    let said = '';
    const deps = { seen: () => {}, sleep: async () => {}, stderr: { write: (text: string) => ((said += text), true) }, terminal: true };
    expect(await waitForBatches([stored(1)], new Map(), { ...deps, status: flaky })).toBe(true);
    expect(said).toContain('(status not available: NETWORK; asking again)');
    expect(said).toContain('\r\u001b[2K');
    const auth = async () => {
      throw new ProviderError({
        type: 'AUTH',
        message: 'bad key',
        provider: 'px',
        model: 'm',
        status: 401,
        requestId: null,
        retryable: false,
        retryAfterMs: null,
      });
    };
    await expect(waitForBatches([stored(1)], new Map(), { ...deps, status: auth })).rejects.toThrow('bad key');
    const controller = new AbortController();
    const stopped = await waitForBatches([stored(1)], new Map(), {
      ...deps,
      status: async (batch) => status(batch.handle.batchId, false),
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    expect(stopped).toBe(false);
  });
});

describe('the batch store (history v11)', () => {
  it('keeps each handle, its last state and when it was collected; the newest run with batches', async () => {
    expect(migrations.length).toBeGreaterThanOrEqual(11);
    const store = await openHistoryStore(mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-batch-store-')));
    try {
      const runId = store.startRun({
        startedAt: '2026-12-02T08:00:00.000Z',
        kind: 'compare',
        parentRunId: null,
        prompt: 'p',
        promptSource: 'x',
        topic: null,
        systemPrompt: null,
        options: {},
        toolVersion: '0',
      });
      expect(store.batches.newestRun()).toBeNull();
      const batch = stored(0);
      const id = store.batches.add(runId, 'px:m', batch.handle, batch.details);
      store.batches.setState(id, 'completed', status('b0', true).counts, '2026-12-02T09:00:00.000Z');
      store.batches.setCollected(id, '2026-12-02T09:01:00.000Z');
      expect(store.batches.newestRun()).toBe(runId);
      expect(store.batches.ofRun(runId)).toEqual([
        {
          ...batch,
          id,
          runId,
          submittedAt: '',
          state: 'completed',
          counts: status('b0', true).counts,
          checkedAt: '2026-12-02T09:00:00.000Z',
          collectedAt: '2026-12-02T09:01:00.000Z',
        },
      ]);
    } finally {
      store.close();
    }
  });
});
