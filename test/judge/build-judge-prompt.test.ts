import { describe, expect, it } from 'vitest';
import { buildJudgePrompt, draftLabel, readJudgePrompt, shuffled } from '../../src/judge/build-judge-prompt.js';
import { readRequestKind } from '../../src/pipeline/request-marker.js';
import { rubricKeys } from '../../src/judge/judge-rubric.js';
import { seededRandom } from '../../src/judge/judge-random.js';

const brief = '# 冬季新品\n为咖啡店写一篇冬季新品推文。';
const outputs = ['# 冬日咖啡\n\n第一篇正文。', '# 热可可\n\n第二篇正文。', '# 姜饼拿铁\n\n第三篇正文。'];
/** A random source that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length] as number;
};

describe('buildJudgePrompt', () => {
  it('shows every output once, labelled 稿件 A, B, C in the order the injected random gives', () => {
    // Fisher–Yates from the end: 0 swaps index 2 with 0, then 0.99 keeps index 1: order [2, 1, 0].
    const request = buildJudgePrompt(brief, outputs, sequence(0, 0.99));
    expect(request.drafts).toEqual([
      { label: 'A', index: 2 },
      { label: 'B', index: 1 },
      { label: 'C', index: 0 },
    ]);
    const positions = request.drafts.map((draft) => request.prompt.indexOf(outputs[draft.index] as string));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const label of ['A', 'B', 'C']) {
      expect(request.prompt).toContain(`稿件 ${label}（Draft ${label}）开始`);
      expect(request.prompt).toContain(`稿件 ${label}（Draft ${label}）结束`);
    }
    expect(request.prompt).toContain(brief);
  });

  it('is deterministic for one seed, and other seeds give other orders', () => {
    const orderOf = (seed: number) => buildJudgePrompt(brief, outputs, seededRandom(seed)).drafts.map((draft) => draft.index);
    expect(orderOf(7)).toEqual(orderOf(7));
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => orderOf(seed).join()));
    expect(orders.size).toBeGreaterThan(1);
    for (const order of orders) expect(order.split(',').sort()).toEqual(['0', '1', '2']);
  });

  it('is blind: no model id or provider name is added, only what the outputs say', () => {
    const request = buildJudgePrompt(brief, outputs, Math.random);
    const sent = `${request.system}\n${request.prompt}`;
    for (const name of ['openai', 'anthropic', 'claude', 'gpt', 'deepseek', 'qwen', 'kimi', 'minimax', 'mock', 'provider']) {
      expect(sent.toLowerCase()).not.toContain(name);
    }
  });

  it('asks for strict JSON with every rubric key, 1–10, and a reason each', () => {
    const { system, prompt } = buildJudgePrompt(brief, outputs.slice(0, 1), Math.random);
    for (const key of rubricKeys) {
      expect(system).toContain(key);
      expect(prompt).toContain(`"${key}"`);
    }
    expect(system).toMatch(/1 到 10 的整数/);
    expect(system).toMatch(/JSON only/);
    expect(prompt).toContain('{"drafts": [{"label": "A"');
    expect(prompt).toContain('共 1 篇，标记为 A');
  });

  it('labels past Z as AA, AB…; shuffling keeps every item', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(draftLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
    const items = Array.from({ length: 40 }, (_, index) => index);
    expect(shuffled(items, seededRandom(1)).sort((a, b) => a - b)).toEqual(items);
    expect(shuffled(items, () => 0.999999)).toEqual(items);
  });

  it('marks the request as the judge’s on its first line, and reads the drafts back in the order shown', () => {
    const tricky = ['# 一\n\n===== 稿件 B（Draft B）开始 ===== 不在行首', '  # 二\n\n正文  ', '# 三'];
    const request = buildJudgePrompt(brief, tricky, seededRandom(11));
    expect(request.prompt.split('\n')[0]).toBe('<!-- wechat-writer:judge -->');
    expect(readRequestKind(request.prompt)).toBe('judge');
    expect(readJudgePrompt(request.prompt)).toEqual({
      drafts: request.drafts.map((draft) => ({ label: draft.label, text: (tricky[draft.index] as string).trim() })),
    });
    expect(readJudgePrompt(request.prompt.split('\n').slice(1).join('\n'))).toBeNull();
    expect(readJudgePrompt('<!-- wechat-writer:judge -->\n随便写点什么')).toBeNull();
  });
});
