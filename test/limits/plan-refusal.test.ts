import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { memoryCallLog } from '../../src/limits/call-log.js';
import { limitedKeys } from '../../src/limits/model-keys.js';
import { planRefusals, plannedCalls } from '../../src/limits/plan-refusal.js';
import { providersLimitUse } from '../../src/limits/provider-limit-use.js';
import { resolveModelList, type ResolvedModel } from '../../src/providers/registry.js';
import { openCallLogReader } from '../../src/store/call-log-store.js';
import { openHistoryStore } from '../../src/store/history-store.js';

const env = { K1: 'sk-plan-first-1111', K2: 'sk-plan-second-2222' };
const now = new Date(2026, 10, 21, 10, 0, 0).getTime();
const hour = 3_600_000;

function modelWith(limits: string): ResolvedModel {
  const config = `providers:\n  ds:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n    apiKeys: ["\${K1}", "\${K2}"]\n${limits}`;
  const [model] = resolveModelList('ds:m', env, parseConfig(config, 'limits.yaml', env).catalog);
  return model!;
}

/** A log holding `calls` calls on key `index` of the model, `ago` ms before now, with `tokens` each. */
function logWith(model: ResolvedModel, entries: { index: number; calls: number; ago: number; tokens?: number }[]) {
  const log = memoryCallLog();
  for (const { index, calls, ago, tokens } of entries) {
    const keyId = limitedKeys(model, env)[index]!.id;
    for (let call = 0; call < calls; call += 1) {
      log.ended(log.sent({ sentAt: now - ago, provider: 'ds', keyId, model: model.id, runId: null }), tokens ?? 0);
    }
  }
  return log;
}

const refusals = (model: ResolvedModel, calls: number, log = memoryCallLog()) =>
  planRefusals(plannedCalls([model], calls), { log, env, now, configFile: 'wechat-writer.config.yaml' });

describe('refusing a run before any call', () => {
  it('adds what every key has left under an hour or day limit, and refuses a plan above it, saying when a slot frees', () => {
    const model = modelWith('    rateLimit: 3/day\n');
    const log = logWith(model, [{ index: 0, calls: 2, ago: 2 * hour }]);
    // key 1 has 1 left, key 2 has 3: four calls fit
    expect(refusals(model, 4, log)).toEqual([]);
    expect(refusals(model, 5, log)).toEqual([
      'ds: this run plans 5 calls, but 3/day leaves room for 4 more (counted for each of its 2 key(s)); the next slot frees at 2026-11-22 08:00 local time; fix: fewer prompts or models, another key, or a higher rateLimit in wechat-writer.config.yaml',
    ]);
  });

  it('says when a plan is more than the keys allow at all', () => {
    const model = modelWith('    rateLimit: 3/hour\n');
    expect(refusals(model, 6)).toEqual([]);
    expect(refusals(model, 7)).toEqual([
      'ds: this run plans 7 calls, more than 3/hour allows on its 2 key(s) together; fix: fewer prompts or models, another key, or a higher rateLimit in wechat-writer.config.yaml',
    ]);
  });

  it('paces minute limits instead of refusing', () => {
    expect(refusals(modelWith('    rateLimit: 1/min\n'), 50)).toEqual([]);
  });

  it('refuses when every key has used up a day token limit', () => {
    const model = modelWith('    tokenLimit: 1000/day\n');
    const oneKey = logWith(model, [{ index: 0, calls: 1, ago: hour, tokens: 1500 }]);
    expect(refusals(model, 1, oneKey)).toEqual([]);
    const both = logWith(model, [
      { index: 0, calls: 1, ago: hour, tokens: 1500 },
      { index: 1, calls: 2, ago: 3 * hour, tokens: 600 },
    ]);
    expect(refusals(model, 1, both)).toEqual([
      'ds: every key has used up 1000 tokens/day; it frees at 2026-11-22 07:00 local time; fix: fewer prompts or models, another key, or a higher tokenLimit in wechat-writer.config.yaml',
    ]);
    expect(runInLanguage('zh-CN', () => refusals(model, 1, both))).toEqual([
      '服务商 ds：每个 API 密钥都已用完限额 1000 个 Token/day；本地时间 2026-11-22 07:00 恢复；解决办法：减少提示词或模型，换一个 API 密钥，或在 wechat-writer.config.yaml 中调高 tokenLimit',
    ]);
  });
});

describe('the calls table (schema v9)', () => {
  it("counts a key's calls and tokens in a window from the history, and never stores a key", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-calls-'));
    const store = await openHistoryStore(home);
    const model = modelWith('');
    const [first, second] = limitedKeys(model, env);
    const at = (ago: number, keyId: string) => store.calls.sent({ sentAt: now - ago, provider: 'ds', keyId, model: model.id, runId: null });
    store.calls.ended(at(2 * hour, first!.id), 500);
    store.calls.ended(at(30 * 60_000, first!.id), 70);
    at(60_000, first!.id); // in flight: counted, no tokens yet
    store.calls.ended(at(10_000, second!.id), 9);
    expect(store.calls.usage(first!.id, now - hour)).toEqual({ calls: 2, tokens: 70 });
    expect(store.calls.oldest(first!.id, 0, 2)).toEqual([
      { sentAt: now - 2 * hour, tokens: 500 },
      { sentAt: now - 30 * 60_000, tokens: 70 },
    ]);
    store.close();
    // read back without writing (a run with the history off)
    const reader = await openCallLogReader(home);
    expect(reader?.usage(second!.id, 0)).toEqual({ calls: 1, tokens: 9 });
    reader?.close();
    expect(await openCallLogReader(path.join(home, 'nowhere'))).toBeNull();
    const { loadSqlite } = await import('../../src/store/load-sqlite.js');
    const database = (await loadSqlite())(path.join(home, 'history.db'));
    const dump = JSON.stringify(database.prepare('SELECT * FROM calls').all());
    expect(dump).not.toContain('sk-plan');
    const plan = database.prepare("EXPLAIN QUERY PLAN SELECT count(*), sum(tokens) FROM calls WHERE key_id = 'x' AND sent_at >= 0").all();
    expect(JSON.stringify(plan)).toContain('USING COVERING INDEX calls_by_key');
    database.close();
  });
});

describe("a provider's use against its limits (models --json, doctor)", () => {
  it('counts each key in its window from the history; providers without limits are left out', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-use-'));
    const config = `providers:\n  ds:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n    apiKeys: ["\${K1}", "\${K2}"]\n    rateLimit: 5/min\n    tokenLimit: 1000/day\n`;
    const settings = parseConfig(config, 'limits.yaml', env);
    const [model] = resolveModelList('ds:m', env, settings.catalog);
    const store = await openHistoryStore(home);
    const [first] = limitedKeys(model!, env);
    for (const ago of [10_000, 20_000, 2 * hour]) {
      store.calls.ended(store.calls.sent({ sentAt: now - ago, provider: 'ds', keyId: first!.id, model: 'ds:m', runId: null }), 100);
    }
    store.close();
    const io = { env: { ...env, WECHAT_WRITER_HOME: home }, currentDate: () => new Date(now) };
    const use = await providersLimitUse(['ds', 'openai'], io, settings);
    expect([...use.keys()]).toEqual(['ds']);
    expect(use.get('ds')).toEqual({
      keys: [
        { key: 1, rateLimit: { limit: '5/min', used: 2 }, tokenLimit: { limit: '1000/day', used: 300 } },
        { key: 2, rateLimit: { limit: '5/min', used: 0 }, tokenLimit: { limit: '1000/day', used: 0 } },
      ],
      text: '#1 2/5/min, 300/1000/day · #2 0/5/min, 0/1000/day',
    });
  });
});
