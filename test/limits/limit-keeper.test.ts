import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { memoryCallLog, type CallLog } from '../../src/limits/call-log.js';
import { limitedKeys } from '../../src/limits/model-keys.js';
import { createLimitKeeper, LimitReachedError, maxPacedMs, type LimitGrant } from '../../src/limits/limit-keeper.js';
import { resolveModelList, type ResolvedModel } from '../../src/providers/registry.js';

const env = { K1: 'sk-keeper-first-1111', K2: 'sk-keeper-second-2222' };
/** Local 10:00:00 on a fixed day: the clock the keeper reads, moved by the tests. */
const start = new Date(2026, 10, 21, 10, 0, 0).getTime();

function modelWith(limits: string, keys = '    apiKeys: ["${K1}", "${K2}"]\n'): ResolvedModel {
  const config = `providers:\n  ds:\n    type: openai\n    baseURL: http://127.0.0.1:9/v1\n${keys}${limits}`;
  const [model] = resolveModelList('ds:m', env, parseConfig(config, 'limits.yaml', env).catalog);
  return model!;
}

function keeperOver(log: CallLog = memoryCallLog()) {
  const clock = { now: start };
  const keeper = createLimitKeeper({ log, env, now: () => clock.now, runId: () => 7 });
  return { keeper, clock, log };
}

const go = (grant: LimitGrant) => {
  if (grant.kind !== 'go') throw new Error(`expected go, got ${grant.kind}`);
  return grant;
};

describe('the limit keeper', () => {
  it('keeps key 1 until its limit, then key 2 takes over with one line; the provider stays on key 2', () => {
    const model = modelWith('    rateLimit: 5/min\n');
    const { keeper } = keeperOver();
    // none of these calls has ended: calls in flight count
    const first = Array.from({ length: 5 }, () => go(keeper.acquire(model, null, 0)));
    expect(first.map((grant) => [grant.keyIndex, grant.note])).toEqual(Array.from({ length: 5 }, () => [0, null]));
    const sixth = go(keeper.acquire(model, null, 0));
    expect(sixth).toMatchObject({ keyIndex: 1, note: 'ds key 1 of 2 reached its limit 5/min; key 2 takes over' });
    expect(go(keeper.acquire(model, null, 0))).toMatchObject({ keyIndex: 1, note: null });
    expect(JSON.stringify(sixth)).not.toContain('sk-keeper');
  });

  it('paces when every key is at its limit: waits until the first slot frees, however often it takes', () => {
    const model = modelWith('    rateLimit: 2/min\n');
    const { keeper, clock } = keeperOver();
    for (let call = 0; call < 4; call += 1) {
      go(keeper.acquire(model, null, 0));
      clock.now += 1000;
    }
    // calls at 10:00:00, :01 (key 1) and :02, :03 (key 2); now 10:00:04: key 1's first call frees at 10:01:00
    const wait = keeper.acquire(model, null, 0);
    expect(wait).toEqual({
      kind: 'wait',
      ms: 56_000,
      note: 'ds: every key reached its limit 2/min; waiting 56 s for a free slot (until 10:01)',
    });
    // the same wait is told once
    expect(keeper.acquire(model, null, 0)).toEqual({ kind: 'wait', ms: 56_000, note: null });
    // a call waits as often as it takes (calls at once take turns)…
    expect(keeper.acquire(model, null, 30 * 60_000)).toMatchObject({ kind: 'wait', ms: 56_000 });
    // …but not past a day in all: then it is refused, nothing recorded
    const refused = keeper.acquire(model, null, maxPacedMs - 1000);
    expect(refused.kind).toBe('refuse');
    const error = (refused as Extract<LimitGrant, { kind: 'refuse' }>).error;
    expect(error).toBeInstanceOf(LimitReachedError);
    expect(error).toMatchObject({ type: 'RATE_LIMIT', retryable: false, status: null, provider: 'ds', model: 'ds:m' });
    expect(error.message).toBe(
      'ds: every key reached its limit 2/min (kept by wechat-writer, nothing was sent); it frees at 10:01 local time',
    );
    clock.now = start + 60_000;
    // key 2 (the current one) is still full; key 1 has a slot again
    expect(go(keeper.acquire(model, null, 0))).toMatchObject({
      keyIndex: 0,
      note: 'ds key 2 of 2 reached its limit 2/min; key 1 takes over',
    });
  });

  it('refuses at once a limit that frees later than a minute from now, with when (local time)', () => {
    const model = modelWith('    rateLimit: 1/hour\n', '    apiKeyEnv: K1\n');
    const { keeper, clock } = keeperOver();
    go(keeper.acquire(model, null, 0));
    clock.now += 10 * 60_000;
    const refused = keeper.acquire(model, null, 0) as Extract<LimitGrant, { kind: 'refuse' }>;
    expect(refused.kind).toBe('refuse');
    expect(refused.error.freeAt).toBe(start + 3_600_000);
    expect(refused.error.message).toContain('reached its limit 1/hour');
    expect(refused.error.message).toContain('it frees at 11:00 local time');
    expect(runInLanguage('zh-CN', () => (keeper.acquire(model, null, 0) as typeof refused).error.message)).toBe(
      '服务商 ds 的每个 API 密钥都已达到限额 1/hour（由 wechat-writer 控制，未发送请求）；本地时间 11:00 恢复',
    );
  });

  it('counts tokens once calls end: a key over its token limit gives way until the oldest calls leave the window', () => {
    const model = modelWith('    tokenLimit: 100/min\n');
    const { keeper, clock } = keeperOver();
    const a = go(keeper.acquire(model, null, 0));
    keeper.ended(a.ticket, 60);
    clock.now += 10_000;
    const b = go(keeper.acquire(model, null, 0));
    // in flight, its tokens are not known yet: key 1 still takes calls
    expect(b.keyIndex).toBe(0);
    keeper.ended(b.ticket, 60);
    clock.now += 10_000;
    expect(go(keeper.acquire(model, null, 0))).toMatchObject({
      keyIndex: 1,
      note: 'ds key 1 of 2 reached its limit 100 tokens/min; key 2 takes over',
    });
  });

  it("a key entry's own limit wins over the provider's", () => {
    const model = modelWith('    rateLimit: 3/min\n', '    apiKeys:\n      - key: ${K1}\n        rateLimit: 1/min\n      - ${K2}\n');
    const { keeper } = keeperOver();
    expect(go(keeper.acquire(model, null, 0)).keyIndex).toBe(0);
    expect(go(keeper.acquire(model, null, 0))).toMatchObject({ keyIndex: 1, note: expect.stringContaining('limit 1/min') });
  });

  it('a second run over the same log knows the first run’s calls', () => {
    const model = modelWith('    rateLimit: 3/day\n');
    const log = memoryCallLog();
    const firstRun = keeperOver(log);
    for (let call = 0; call < 3; call += 1) go(firstRun.keeper.acquire(model, null, 0));
    const secondRun = keeperOver(log);
    expect(go(secondRun.keeper.acquire(model, null, 0))).toMatchObject({ keyIndex: 1, note: expect.stringContaining('key 2 takes over') });
    go(secondRun.keeper.acquire(model, null, 0));
    expect(log.usage(modelKeyId(model, 0), 0).calls).toBe(3);
    expect(log.usage(modelKeyId(model, 1), 0).calls).toBe(2);
  });

  it('a provider without limits goes on the key the call asks for, and is not logged (nothing counts its calls)', () => {
    const model = modelWith('');
    const { keeper, log } = keeperOver();
    for (let call = 0; call < 50; call += 1) {
      const acquired = go(keeper.acquire(model, call === 49 ? 1 : null, 0));
      expect(acquired.note).toBeNull();
      expect(acquired.keyIndex).toBe(call === 49 ? 1 : 0);
      keeper.ended(acquired.ticket, 10);
    }
    expect(log.usage(modelKeyId(model, 0), 0).calls).toBe(0);
    expect(log.usage(modelKeyId(model, 1), 0).calls).toBe(0);
  });
});

function modelKeyId(model: ResolvedModel, index: number): string {
  return limitedKeys(model, env)[index]!.id;
}
