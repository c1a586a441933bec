import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openHistoryStore, type StoredRun } from '../../src/store/history-store.js';
import type { StoredBatch } from '../../src/store/batch-store.js';
import type { FakeBatchServer } from '../support/fake-batch-server.js';

/** The keys of the test providers (never to appear in any output). */
export const keys = { openai: 'sk-batch-cli-openai-7f3a9c2e1d', anthropic: 'sk-ant-batch-cli-5b8e0f4a6c' };

/** Three models: two OpenAI-format providers and one Anthropic-format provider, all on the fake batch server. */
export const models = ['oa-one:gpt-a', 'oa-two:gpt-b', 'claude-proxy:claude-x'];

/** A working directory with the config (`batchApi:` on each provider) and a JSONL of `count` prompts. */
export function batchCliDirectory(count = 20, extraProviders = ''): string {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-batch-cli-'));
  const openaiProvider = (id: string, model: string) =>
    `  ${id}:\n    type: openai\n    baseURL: \${OA_BASE}\n    apiKeyEnv: OA_KEY\n    batchApi: openai\n    models: [${model}]\n    prices:\n      ${model}: { input: 2, output: 8 }\n`;
  writeFileSync(
    path.join(cwd, 'wechat-writer.config.yaml'),
    [
      'providers:\n',
      openaiProvider('oa-one', 'gpt-a'),
      openaiProvider('oa-two', 'gpt-b'),
      '  claude-proxy:\n    type: anthropic\n    baseURL: ${AN_BASE}\n    apiKeyEnv: AN_KEY\n    batchApi: anthropic\n    models: [claude-x]\n',
      '    prices:\n      claude-x: { input: 3, output: 15 }\n',
      extraProviders,
      'retry:\n  retries: 0\n',
    ].join(''),
  );
  const prompts = Array.from({ length: count }, (_, index) =>
    JSON.stringify({ id: `p${index + 1}`, prompt: `写一篇推文，编号 p${index + 1}。` }),
  );
  writeFileSync(path.join(cwd, 'prompts.jsonl'), `${prompts.join('\n')}\n`);
  return cwd;
}

/** The environment pointing the providers at the fake batch server (or `ordinaryBase` for ordinary calls). */
export function batchEnv(cwd: string, server: FakeBatchServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OA_BASE: server.openaiBaseURL,
    AN_BASE: server.anthropicBaseURL,
    OA_KEY: keys.openai,
    AN_KEY: keys.anthropic,
    WECHAT_WRITER_HOME: path.join(cwd, 'home'),
    ...extra,
  };
}

/** The `--batch-api` arguments of the 20 × 3 matrix. */
export const batchArgs = ['--prompts', 'prompts.jsonl', '--models', models.join(','), '--batch-api', '--no-check', '--out', 'out'];

/** A stored run and its batches, read straight from the history. */
export async function storedBatches(cwd: string, runId = 1): Promise<{ run: StoredRun | null; batches: StoredBatch[] }> {
  const store = await openHistoryStore(path.join(cwd, 'home'));
  try {
    return { run: store.getRun(runId), batches: store.batches.ofRun(runId) };
  } finally {
    store.close();
  }
}

/** Every output of a run, to check no key leaked. */
export const noKeyIn = (...outputs: string[]): boolean =>
  outputs.every((text) => !text.includes(keys.openai) && !text.includes(keys.anthropic));
