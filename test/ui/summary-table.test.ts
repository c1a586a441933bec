import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runInLanguage } from '../../src/i18n/language.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';
import { displayWidth, truncateStartToWidth, truncateToWidth } from '../../src/ui/display-width.js';
import { renderSummaryTable } from '../../src/ui/summary-table.js';

const ok = (model: string, text: string | null, overrides: Partial<ModelResult> = {}): ModelResult =>
  okResult(model, text, { outputFile: `/work/out/${model}.md`, ...overrides });

const failed: ModelResult = {
  ...ok('anthropic:claude', ''),
  status: 'error',
  text: null,
  chars: 0,
  readingMinutes: 0,
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
};

const body = '秋天的奶茶让人想起很多事情。'.repeat(100);
const autumn = [
  ok('openai:gpt-4.1-mini', `# 秋天的第一杯奶茶：从一句网络流行语看当代年轻人的情绪消费\n\n${body}`),
  ok('anthropic:claude-sonnet-4-5', `# 秋天的第一杯奶茶：品牌营销如何抓住季节感\n\n${body}`),
  ok('deepseek:deepseek-chat', `# 🚀 秋天的第一杯奶茶：写给打工人的一封信\n\n${body}`),
];
const tableLines = (output: string) => output.split('\n').filter((line) => /^[┌│├└]/.test(line));

describe('renderSummaryTable', () => {
  it('aligns columns with Chinese titles and shows metrics, dashes for unknowns, and failures', () => {
    const results: ModelResult[] = [
      ok('openai:gpt', '# 如何在手机上写出好读的公众号文章：一份超长的标题测试\n\n正文'),
      ok('mock:alpha', 'Plain English first line', { usage: emptyUsage(), ttftMs: null }),
      failed,
    ];
    const output = renderSummaryTable(results, { colorLevel: 0, cwd: '/work', maxWidth: 160 });
    const lines = tableLines(output);
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
    expect(new Set(lines.filter((line) => line.startsWith('│')).map((line) => line.split('│').length)).size).toBe(1);
    expect(lines[1]).toMatch(/│ Chars │ Reading │ In │ Out │ Latency │ +TTFT │ Tok\/s │ Cost │$/);
    expect(output).toContain('如何在手机上写出好读的公众号文章：一份超长的标题测试');
    expect(output).toContain('1.23 s');
    expect(output).toContain('210 ms');
    expect(output).toMatch(/│ 345 │/);
    expect(output).toMatch(/mock:alpha .*│ *— │ *— │/);
    expect(output).toContain('✗ anthropic:claude: RATE_LIMIT (HTTP 429): slow down');
    expect(output).not.toMatch(/\u001b\[/);
  });

  it('lists the saved files below the table, relative to the working directory, not in a column', () => {
    const output = renderSummaryTable([ok('openai:gpt', '# 标题'), failed], { colorLevel: 0, cwd: '/work', maxWidth: 80 });
    expect(output).not.toMatch(/│ File/);
    expect(output).toContain('Files:\n  openai:gpt → out/openai:gpt.md\n');
    expect(output).not.toContain('anthropic:claude →');
  });

  it.each([80, 160])('fits %i columns with CJK and emoji titles, telling three similar titles apart', (width) => {
    const output = renderSummaryTable(autumn, { colorLevel: 0, cwd: '/work', maxWidth: width });
    expect(Math.max(...tableLines(output).map((line) => stringWidth(line)))).toBeLessThanOrEqual(width);
    const titles = tableLines(output)
      .slice(3, 6)
      .map((line) => line.split('│')[2]?.trim());
    expect(new Set(titles).size).toBe(3);
    for (const title of titles) expect(stringWidth(title ?? '')).toBeGreaterThanOrEqual(20);
  });

  it('at 160 columns the title column gets the room the file path took', () => {
    const output = renderSummaryTable(autumn, { colorLevel: 0, cwd: '/work', maxWidth: 160 });
    expect(output).toContain('秋天的第一杯奶茶：从一句网络流行语看当代年轻人的情绪消费');
    expect(output).toContain('🚀 秋天的第一杯奶茶：写给打工人的一封信');
  });

  it('shows 字数 and reading time', () => {
    const output = renderSummaryTable(autumn.slice(0, 1), { colorLevel: 0, cwd: '/work', maxWidth: 160 });
    expect(output).toMatch(/│ +1\d{3} │ +4 min │/);
  });

  it('flags a title longer than WeChat accepts, in the table and under it', () => {
    const long = ok('mock:long', `# ${'很长的标题'.repeat(14)}\n\n正文`);
    const output = renderSummaryTable([long, ok('mock:short', '# 短标题')], { colorLevel: 0, cwd: '/work', maxWidth: 120 });
    expect(output).toMatch(/mock:long +│ ⚠ 很长的标题/);
    expect(output).not.toMatch(/mock:short +│ ⚠/);
    expect(output).toContain('⚠ mock:long: the title is 70 characters; WeChat accepts at most 64');
  });

  it('speaks Chinese in a zh-CN run', () => {
    const output = runInLanguage('zh-CN', () =>
      renderSummaryTable([...autumn, failed, { ...ok('mock:long', `# ${'很长的标题'.repeat(14)}`) }], {
        colorLevel: 0,
        cwd: '/work',
        maxWidth: 80,
      }),
    );
    expect(output).toMatch(/│ 模型 +│ 状态 +│ 标题 \/ 首行 +│/);
    expect(output).toContain('│ 成功 ');
    expect(output).toContain('稿件文件：\n  openai:gpt-4.1-mini → out/openai:gpt-4.1-mini.md');
    expect(output).toContain('⚠ mock:long：标题有 70 个字，公众号标题最多 64 个字');
    expect(Math.max(...tableLines(output).map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
    const wide = runInLanguage('zh-CN', () => renderSummaryTable(autumn, { colorLevel: 0, cwd: '/work', maxWidth: 160 }));
    expect(wide).toMatch(/│ 字数 │ +阅读 │/);
    expect(wide).toContain('约 4 分钟');
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
