import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { renderMatrixTable } from '../../src/ui/matrix-table.js';
import { summarizeModels } from '../../src/ui/matrix-summary.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';

const cell = (promptId: string, model: string, overrides: Partial<ModelResult> = {}): ModelResult => ({
  ...okResult(model, `# ${promptId} ${model}`, { latencyMs: 100, costUsd: 0.001, ...overrides }),
  promptId,
});

const judgement = (score: number) => ({
  score,
  scores: { title: score, opening: score, structure: score, readability: score, factualCare: score },
  reasons: { title: '', opening: '', structure: '', readability: '', factualCare: '' },
});

describe('summarizeModels', () => {
  it('counts judge wins per prompt (ties for each), mean latency of successes, total tokens and cost', () => {
    const results = [
      cell('p1', 'mock:a', { judge: judgement(8) }),
      cell('p1', 'mock:b', { judge: judgement(6), latencyMs: 300 }),
      cell('p2', 'mock:a', { judge: judgement(7) }),
      cell('p2', 'mock:b', { judge: judgement(7), latencyMs: 500 }),
    ];
    const [a, b] = summarizeModels(results);
    expect(a).toMatchObject({ model: 'mock:a', calls: 2, ok: 2, wins: 2, meanLatencyMs: 100 });
    expect(b).toMatchObject({ model: 'mock:b', wins: 1, meanLatencyMs: 400, costUsd: 0.002 });
  });

  it('has no wins column without a judge', () => {
    expect(summarizeModels([cell('p1', 'mock:a')])[0]?.wins).toBeNull();
  });
});

describe('renderMatrixTable', () => {
  it('groups calls by prompt, adds a row per model, and lists failures', () => {
    const failed = cell('p2', 'mock:b', {
      status: 'error',
      servedBy: null,
      text: null,
      error: { type: 'TIMEOUT', message: 'TIMEOUT: no answer', retryable: true, status: null, requestId: null, retryAfterMs: null },
    });
    const table = renderMatrixTable([cell('p1', 'mock:a'), cell('p1', 'mock:b'), cell('p2', 'mock:a'), failed], { colorLevel: 0 });
    const lines = table.split('\n');
    const p1 = lines.findIndex((line) => line.includes(' p1 '));
    const p2 = lines.findIndex((line) => line.includes(' p2 '));
    expect(p1).toBeGreaterThan(0);
    expect(p2).toBeGreaterThan(p1);
    expect(lines.slice(p1 + 1, p2).filter((line) => line.includes('mock:'))).toHaveLength(2);
    expect(table).toMatch(/mock:b\s+│\s+1\/2/);
    expect(table).toContain('✗ p2 × mock:b: TIMEOUT: no answer');
  });
});

describe('renderMatrixTable fitting the terminal', () => {
  const prompts = [
    '秋天的第一杯奶茶',
    '🚀 火箭发射',
    'a-very-long-prompt-id-that-goes-on-and-on-and-on-well-past-eighty-columns-of-terminal',
  ];
  const models = ['openai:gpt-4.1-mini', 'anthropic:claude-sonnet-4-5', 'deepseek:deepseek-chat', 'mock:a'];
  const results = prompts.flatMap((promptId) =>
    models.map((model) =>
      cell(promptId, model, {
        text: `# ${promptId}：从一句网络流行语看当代年轻人的情绪消费\n\n${'正文'.repeat(300)}`,
        chars: 600,
        readingMinutes: 2,
        judge: judgement(7),
        outputFile: `/work/output/batch/${promptId}_${model}.md`,
      }),
    ),
  );
  const tableLines = (output: string) => output.split('\n').filter((line) => /^[┌│├└]/.test(line));

  it.each([80, 160])('keeps every table line within %i columns', (width) => {
    const output = renderMatrixTable(results, { colorLevel: 0, maxWidth: width, cwd: '/work' });
    expect(Math.max(...tableLines(output).map((line) => stringWidth(line)))).toBeLessThanOrEqual(width);
    expect(output).toContain('│ 秋天的第一杯奶茶 ');
    expect(output).toMatch(/│ +7\.0\/10 │/);
  });

  it('shows 字数 and reading time when there is room, and sums up many saved files per directory', () => {
    const output = renderMatrixTable(results, { colorLevel: 0, maxWidth: 160, cwd: '/work' });
    expect(output).toMatch(/│ Chars │ Reading │/);
    expect(output).toMatch(/│ +600 │ +2 min │/);
    expect(output).toContain('Files:\n  12 files in output/batch/');
  });

  it('speaks Chinese in a zh-CN run', () => {
    const output = runInLanguage('zh-CN', () => renderMatrixTable(results.slice(0, 2), { colorLevel: 0, maxWidth: 80, cwd: '/work' }));
    expect(output).toMatch(/│ 提示词 \/ 模型 +│/);
    expect(output).toMatch(/│ 模型 +│ 成功 │ 胜出 │/);
    expect(output).toContain('稿件文件：\n  秋天的第一杯奶茶 × openai:gpt-4.1-mini → output/batch/秋天的第一杯奶茶_openai:gpt-4.1-mini.md');
  });
});
