import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import type { StageResult } from '../../src/pipeline/run-pipeline.js';
import type { StagePlan } from '../../src/pipeline/write-plan.js';
import { resolveModel } from '../../src/providers/registry.js';
import { renderOutputFile } from '../../src/report/write-output-file.js';
import { createBatchProgressReporter, describeBatchProgress } from '../../src/ui/batch-progress-reporter.js';
import { createLiveTextReporter } from '../../src/ui/live-text-reporter.js';
import { renderFullOutputs, renderReasoning } from '../../src/ui/print-outputs.js';
import { createLineProgressReporter, describeFinish, describeRetry } from '../../src/ui/progress-reporter.js';
import { createLineStageReporter } from '../../src/ui/stage-reporter.js';
import { renderTrendChart } from '../../src/ui/trend-chart.js';
import { okResult } from '../support/model-result-fixture.js';
import { providerFailure } from '../support/recording-model.js';

const a = resolveModel('mock:a', {});
const b = resolveModel('mock:b', {});
const zh = <T>(work: () => T): T => runInLanguage('zh-CN', work);
const sink = () => {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
};
const draft = okResult('mock:a', '# 秋天的第一杯奶茶\n\n正文。', { latencyMs: 1500, reasoning: '先想一想。' });

describe('progress and reporter lines in zh-CN', () => {
  it('retries, fallbacks and finished models', () => {
    const retry = { attempt: 2, maxAttempts: 3, delayMs: 2000, error: providerFailure('RATE_LIMIT', { status: 429 }) };
    expect(zh(() => describeRetry(retry))).toBe('2 s 后重试（429，第 2/3 次）');
    expect(describeRetry(retry)).toBe('retrying in 2 s (429, attempt 2/3)');
    expect(zh(() => describeFinish(draft))).toBe('mock:a 完成，用时 1.50 s，共 345 Token');
    const output = sink();
    zh(() => {
      const lines = createLineProgressReporter(output);
      lines.fallingBack(a, b, providerFailure('TIMEOUT'));
      lines.finished(draft);
    });
    expect(output.text()).toBe('→ mock:a 失败（TIMEOUT），改由备用模型 mock:b 来写\n✓ mock:a 完成，用时 1.50 s，共 345 Token\n');
  });

  it('batch progress', () => {
    const counts = { done: 1, total: 200, failed: 2, running: 49, parallel: 50, latencyMs: 400 };
    expect(zh(() => describeBatchProgress(counts, 1500))).toBe('已完成 1/200，2 个失败，49 个运行中，已用 1.50 s，预计还需 1.60 s');
    const output = sink();
    zh(() => {
      const reporter = createBatchProgressReporter(output, { total: 1, now: () => 0, terminal: false });
      reporter.started(a, 0, 1);
      reporter.finished({ ...draft, promptId: 'p1' });
    });
    expect(output.text()).toContain('已完成 1/1，1 个运行中，已用 0 ms');
  });

  it('the live view', () => {
    const output = sink();
    const notes = sink();
    zh(() => {
      const live = createLiveTextReporter(output, notes);
      live.started(a, 0, 1);
      live.retrying(a, { attempt: 2, maxAttempts: 3, delayMs: 500, error: providerFailure('SERVER_ERROR') });
      live.fallingBack(a, b, providerFailure('SERVER_ERROR'));
      live.finished(draft);
    });
    expect(notes.text()).toContain('↻ mock:a：500 ms 后重试（500，第 2/3 次），正文从头开始');
    expect(output.text()).toContain('── mock:b（mock:a 的备用模型） ──');
  });

  it('write stages', () => {
    const stage: StagePlan = {
      stage: 'writer',
      role: 'writer',
      modelsFrom: 'writer',
      chain: [a, b],
      system: '',
      temperature: null,
      maxTokens: null,
    };
    const result: StageResult = {
      ...draft,
      stage: 'writer',
      role: 'writer',
      input: '',
      inputFile: null,
      servedBy: 'mock:b',
      costUsd: null,
    };
    const output = sink();
    zh(() => {
      const reporter = createLineStageReporter(output, '/work');
      reporter.finished(result, 1, 3);
      reporter.skipped({ ...stage, stage: 'reviewer', role: 'reviewer' }, 'writer');
    });
    expect(output.text()).toBe(
      '✓ [2/3] 撰写 由 mock:b（mock:a 的备用模型） 完成，用时 1.50 s，共 345 Token，费用 —\n– 审稿已跳过：它需要的撰写阶段失败了\n',
    );
  });

  it('full outputs, reasoning and the trend chart', () => {
    expect(zh(() => renderFullOutputs([draft], 0, new Set()))).toContain('━━ mock:a ━━ (1.50 s，共 345 Token)');
    expect(zh(() => renderReasoning([draft], 0))).toContain('━━ mock:a 的思考过程 ━━');
    expect(zh(() => renderTrendChart([]))).toBe('这段时间没有调用。\n');
    const chart = zh(() => renderTrendChart([{ day: '2026-12-01', calls: 4, ok: 3, failed: 1, p50LatencyMs: 1200, costUsd: null }]));
    expect(chart).toContain('调用次数');
    expect(chart).toContain('4 次调用，1 次失败 · 中位数 1.20 s · —');
  });

  it('the saved draft header, with local time and 字数', () => {
    const header = zh(() => renderOutputFile(draft, new Date('2026-12-02T05:05:00.000Z'), '1.0.0'));
    expect(header).toMatch(/^<!--\n模型：mock:a\nToken：输入 12 \/ 输出 345\n耗时：1\.23|1\.50 s/);
    expect(header).toContain('字数：');
    expect(header).toMatch(/生成于 2026-12-0\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\)，wechat-writer 1\.0\.0/);
    expect(renderOutputFile(draft, new Date('2026-12-02T05:05:00.000Z'), '1.0.0')).toMatch(
      /generated: .* \(UTC[+-]\d\d:\d\d\) by wechat-writer/,
    );
  });
});
