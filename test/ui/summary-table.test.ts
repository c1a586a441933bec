import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/providers/language-model.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';
import { displayWidth, truncateStartToWidth, truncateToWidth } from '../../src/ui/display-width.js';
import { renderSummaryTable } from '../../src/ui/summary-table.js';

const ok = (model: string, text: string | null, overrides: Partial<ModelResult> = {}): ModelResult =>
  okResult(model, text, { outputFile: `/work/out/${model}.md`, ...overrides });

describe('renderSummaryTable', () => {
  it('aligns columns with Chinese titles and shows metrics, dashes for unknowns, and failures', () => {
    const results: ModelResult[] = [
      ok('openai:gpt', '# 如何在手机上写出好读的公众号文章：一份超长的标题测试\n\n正文'),
      ok('mock:alpha', 'Plain English first line', { usage: emptyUsage(), ttftMs: null }),
      {
        ...ok('anthropic:claude', ''),
        status: 'error',
        text: null,
        outputFile: null,
        usage: emptyUsage(),
        error: {
          type: 'RATE_LIMIT',
          message: 'RATE_LIMIT (HTTP 429): slow down',
          retryable: true,
          status: 429,
          requestId: null,
          retryAfterMs: null,
        },
      },
    ];
    const output = renderSummaryTable(results, { colorLevel: 0, cwd: '/work' });
    const lines = output.trimEnd().split('\n');
    const tableLines = lines.filter((line) => /^[┌│├└]/.test(line));
    expect(new Set(tableLines.map(displayWidth)).size).toBe(1);
    expect(new Set(tableLines.filter((line) => line.startsWith('│')).map((line) => line.split('│').length)).size).toBe(1);
    expect(lines[1]).toMatch(/│ Tok\/s │ Cost │ File /);
    expect(output).toContain('如何在手机上写出好读的公众号…');
    expect(output).toContain('1.23 s');
    expect(output).toContain('210 ms');
    expect(output).toContain('out/openai:gpt.md');
    expect(output).toMatch(/│ 345 │/);
    expect(output).toMatch(/mock:alpha .*│ *— │ *— │/);
    expect(output).toContain('✗ anthropic:claude: RATE_LIMIT (HTTP 429): slow down');
    expect(output).not.toMatch(/\u001b\[/);
  });

  it('shrinks the title and file columns to fit the terminal, keeping the end of the path', () => {
    const long = ok('openai:gpt', '# 一个很长很长很长很长很长很长很长的中文标题', {
      outputFile: '/work/output/20261121-100000_一个很长的选题_openai-gpt.md',
    });
    const output = renderSummaryTable([long], { colorLevel: 0, cwd: '/work', maxWidth: 110 });
    const widths = output.trimEnd().split('\n').map(displayWidth);
    expect(Math.max(...widths)).toBeLessThanOrEqual(110);
    expect(output).toContain('openai-gpt.md');
    expect(output).toContain('…');
  });

  it('uses colors only when asked', () => {
    expect(renderSummaryTable([ok('mock:a', 'x')], { colorLevel: 1, cwd: '/' })).toMatch(/\u001b\[/);
  });
});

describe('display width', () => {
  it('counts CJK as two columns and truncates by columns', () => {
    expect(displayWidth('ab中文')).toBe(6);
    expect(truncateToWidth('中文标题很长', 7)).toBe('中文标…');
    expect(truncateToWidth('short', 10)).toBe('short');
    expect(truncateStartToWidth('output/长文件名.md', 10)).toBe('…文件名.md');
  });
});
