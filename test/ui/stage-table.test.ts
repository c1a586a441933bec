import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import type { StageResult } from '../../src/pipeline/run-pipeline.js';
import { renderStageTable } from '../../src/ui/stage-table.js';
import { okResult } from '../support/model-result-fixture.js';

const stage = (name: StageResult['stage'], model: string, overrides: Partial<StageResult> = {}): StageResult => ({
  ...okResult(model, `# ${name}\n\n秋天的第一杯奶茶，写给每一个在写字楼里加班的人。`, {
    outputFile: `/work/output/20261202-130500_秋天的第一杯奶茶/${name}.md`,
  }),
  stage: name,
  role: name === 'revise' ? 'writer' : name,
  input: '',
  inputFile: null,
  ...overrides,
});

const stages: StageResult[] = [
  stage('planner', 'deepseek:deepseek-reasoner'),
  stage('writer', 'anthropic:claude-sonnet-4-5', {
    servedBy: 'openai:gpt-4.1-mini',
    fallback: {
      from: 'anthropic:claude-sonnet-4-5',
      error: { type: 'TIMEOUT', message: 'TIMEOUT', retryable: true, status: null, requestId: null, retryAfterMs: null },
    },
  }),
  stage('reviewer', 'openai:gpt-4.1'),
  stage('revise', 'anthropic:claude-sonnet-4-5'),
];
const tableLines = (output: string) => output.split('\n').filter((line) => /^[┌│├└]/.test(line));

describe('renderStageTable', () => {
  it.each([80, 160])('fits %i columns and lists the saved files below the table', (width) => {
    const output = renderStageTable(stages, { colorLevel: 0, cwd: '/work', maxWidth: width });
    expect(Math.max(...tableLines(output).map((line) => stringWidth(line)))).toBeLessThanOrEqual(width);
    expect(output).toMatch(/revise \(writer\) +│ anthropic:claude-sonnet-4-5 +│/);
    expect(output).toContain('Files:\n  planner → output/20261202-130500_秋天的第一杯奶茶/planner.md');
    expect(output).toContain('→ writer: anthropic:claude-sonnet-4-5 failed (TIMEOUT); served by openai:gpt-4.1-mini');
    expect(output).toMatch(/^total: 48 in \/ 1380 out, 4\.94 s, —$/m);
  });

  it('shows who served a stage only when a fallback did', () => {
    const plain = renderStageTable([stages[0] as StageResult], { colorLevel: 0, cwd: '/work', maxWidth: 160 });
    expect(plain).not.toContain('Served by');
    expect(renderStageTable(stages, { colorLevel: 0, cwd: '/work', maxWidth: 160 })).toContain('Served by');
  });

  it('speaks Chinese in a zh-CN run', () => {
    const output = runInLanguage('zh-CN', () => renderStageTable(stages, { colorLevel: 0, cwd: '/work', maxWidth: 80 }));
    expect(output).toMatch(/│ 阶段 +│ 模型 +│/);
    expect(output).toContain('稿件文件：');
    expect(output).toContain('→ 撰写：anthropic:claude-sonnet-4-5 失败（TIMEOUT），由备用模型 openai:gpt-4.1-mini 完成');
    expect(output).toMatch(/^合计：输入 48 \/ 输出 1380 Token，4\.94 s，—$/m);
  });
});
