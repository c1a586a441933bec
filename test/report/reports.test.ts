import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/providers/language-model.js';
import { csvField, renderCsvReport } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { demoteHeadings, renderMarkdownReport } from '../../src/report/markdown-report.js';
import { parseReportTarget } from '../../src/report/write-report.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';
import { formatLocalTime } from '../../src/format/format-local-time.js';
import { runInLanguage } from '../../src/i18n/language.js';

const result = (model: string, text: string | null, overrides: Partial<ModelResult> = {}): ModelResult =>
  okResult(model, text, { usage: { ...emptyUsage(), inputTokens: 10, outputTokens: 20 }, latencyMs: 1500, ttftMs: 200, ...overrides });

const report: JsonReport = {
  version: 1,
  runId: null,
  startedAt: '2026-11-21T10:00:00.000Z',
  prompt: { source: 'brief.md', chars: 8 },
  results: [
    result('openai:gpt', '# 冬日咖啡\n\n- 第一点\n- **第二点**\n\n> 引用\n\n<script>alert(1)</script>'),
    result('anthropic:claude', '# Title, "quoted"\nline two'),
    result('mock:beta', null, {
      status: 'error',
      servedBy: null,
      usage: emptyUsage(),
      error: { type: 'RATE_LIMIT', message: 'RATE_LIMIT: slow down', retryable: true, status: 429, requestId: null, retryAfterMs: null },
    }),
  ],
};

describe('HTML report', () => {
  const html = renderHtmlReport(report, { text: '写一篇<冬季>推文', title: '冬季新品' }, '1.2.3');

  it('is one self-contained page: no external resources, no raw HTML from the models', () => {
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('写一篇&lt;冬季&gt;推文');
  });

  it('has the metrics table, three charts and one column per model rendered from Markdown', () => {
    expect(html.match(/<article class="output"/g)).toHaveLength(3);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(3);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<h1>冬日咖啡</h1>');
    expect(html).toContain('<strong>第二点</strong>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('no price data for these models');
    expect(html).toContain('RATE_LIMIT: slow down');
  });
});

describe('Markdown report', () => {
  it('has the metrics table and each output under its heading, headings nested', () => {
    const markdown = renderMarkdownReport(report, '写一篇推文');
    expect(markdown).toContain('| openai:gpt | ok | 冬日咖啡 | 10 | 20 | 1.50 s | 200 ms |');
    expect(markdown).toContain('## openai:gpt\n\n### 冬日咖啡');
    expect(markdown).toContain('> **RATE_LIMIT**: RATE_LIMIT: slow down');
    expect(demoteHeadings('# a\n```\n# not a heading\n```\n## b')).toBe('### a\n```\n# not a heading\n```\n#### b');
  });
});

describe('CSV report', () => {
  it('has one quoted row per model with the full text, and a BOM for Excel', () => {
    const csv = renderCsvReport(report);
    expect(csv.startsWith('\ufeffmodel,provider,status,')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[0]?.endsWith(',text')).toBe(true);
    expect(csv).toContain('"# Title, ""quoted""\nline two"');
    expect(csv).toContain('mock:beta,mock,error,,,0,0,,,,,,,1500,200,,,1,false,RATE_LIMIT,RATE_LIMIT: slow down,,');
    expect(lines[0]).toContain(',title,chars,readingMinutes,');
    expect(lines[1]).toMatch(/^openai:gpt,openai,ok,openai:gpt,冬日咖啡,\d+,1,/);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(null)).toBe('');
  });
});

describe('--report target', () => {
  it('picks the format from the extension, and refuses unknown ones', () => {
    expect(parseReportTarget('out/Report.HTML', '/work')).toEqual({ filePath: '/work/out/Report.HTML', format: 'html' });
    expect(parseReportTarget('r.md', '/w').format).toBe('md');
    expect(() => parseReportTarget('r.pdf', '/w')).toThrowError('--report "r.pdf" has an unknown extension: use .html, .md, .csv or .json');
  });
});

describe('字数, reading time and local time in reports', () => {
  it('show 字数 and reading time in HTML and Markdown', () => {
    const html = renderHtmlReport(report, { text: 'x', title: 't' }, '1.0.0');
    expect(html).toContain('<th>Chars</th><th>Reading</th>');
    expect(html).toMatch(/<td>\d+<\/td><td>1 min<\/td>/);
    expect(html).toMatch(/\d+ chars · 1 min/);
    const markdown = renderMarkdownReport(report, 'x');
    expect(markdown).toMatch(/\| Cost \| Chars \| Reading \|/);
    expect(markdown).toMatch(/\| openai:gpt \| ok \| 冬日咖啡 \|.*\| \d+ \| 1 min \|/);
  });

  it('show the start in local time with its UTC offset, not UTC', () => {
    expect(formatLocalTime('2026-12-02T05:05:00.000Z', 480)).toBe('2026-12-02 13:05 (UTC+08:00)');
    expect(formatLocalTime('2026-12-02T05:05:00.000Z', -330)).toBe('2026-12-01 23:35 (UTC-05:30)');
    const local = formatLocalTime(report.startedAt);
    expect(local).toMatch(/^2026-11-2\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    expect(renderHtmlReport(report, { text: 'x', title: 't' }, '1.0.0')).toContain(local);
    expect(renderMarkdownReport(report, 'x')).toContain(local);
    expect(renderHtmlReport(report, { text: 'x', title: 't' }, '1.0.0')).not.toContain(report.startedAt);
  });

  it('flag a title longer than WeChat accepts', () => {
    const long: JsonReport = { ...report, results: [result('mock:long', `# ${'很长的标题'.repeat(14)}`)] };
    expect(renderHtmlReport(long, { text: 'x', title: 't' }, '1.0.0')).toContain(
      'title="⚠ mock:long: the title is 70 characters; WeChat accepts at most 64"',
    );
  });
});

describe('reports in zh-CN', () => {
  it('the HTML report is lang="zh-CN" with Chinese labels; English otherwise', () => {
    const html = runInLanguage('zh-CN', () => renderHtmlReport(report, { text: 'x', title: '冬季新品' }, '1.0.0'));
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<th>模型</th><th>状态</th><th>标题</th><th>字数</th><th>阅读</th>');
    expect(html).toContain('约 1 分钟');
    expect(html).toContain('显示 Markdown 原文');
    expect(html).toContain('这些模型没有价格数据');
    expect(html).toMatch(/3 个模型 · .* · 提示词来自 brief\.md（8 个字符）/);
    expect(renderHtmlReport(report, { text: 'x', title: 't' }, '1.0.0')).toContain('<html lang="en">');
  });

  it('the Markdown report speaks Chinese', () => {
    const markdown = runInLanguage('zh-CN', () => renderMarkdownReport(report, '写一篇推文'));
    expect(markdown).toContain('# wechat-writer 模型对比');
    expect(markdown).toContain('| 模型 | 状态 | 标题 | 输入 | 输出 | 耗时 | 首字耗时 | Token/秒 | 费用 | 字数 | 阅读 |');
    expect(markdown).toContain('| openai:gpt | 成功 | 冬日咖啡 |');
    expect(markdown).toContain('_没有稿件。_');
  });
});

describe('the batch HTML report', () => {
  const batchResult = (promptId: string, model: string) => ({ ...result(model, `# ${promptId} by ${model}\n\n正文`), promptId });
  const batch: JsonReport = {
    ...report,
    prompt: { source: 'week.jsonl#first', chars: 4 },
    prompts: [
      { id: 'first', source: 'week.jsonl:1', chars: 4, system: false },
      { id: 'second', source: 'week.jsonl:2', chars: 6, system: false },
    ],
    results: [
      batchResult('first', 'mock:a'),
      batchResult('first', 'mock:b'),
      batchResult('second', 'mock:a'),
      batchResult('second', 'mock:b'),
    ],
  };

  it('has its own title and a section per prompt with its drafts', () => {
    const html = renderHtmlReport(batch, { text: 'first prompt', title: 'first' }, '1.0.0');
    expect(html).toContain('<h1>Batch: 2 prompts × 2 models</h1>');
    expect(html).toContain('<title>wechat-writer · Batch: 2 prompts × 2 models</title>');
    const sections = html.split('<section class="prompt-group"').slice(1);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain('<h2>first</h2>');
    expect(sections[0]?.match(/<article class="output"/g)).toHaveLength(2);
    expect(sections[0]).toContain('first by mock:b');
    expect(sections[0]).not.toContain('second by');
    expect(sections[1]).toContain('prompt from week.jsonl:2 (6 characters)');
    expect(html).toContain('<th>OK</th>');
    const zh = runInLanguage('zh-CN', () => renderHtmlReport(batch, { text: 'x', title: 'first' }, '1.0.0'));
    expect(zh).toContain('<h1>批量：2 个提示词 × 2 个模型</h1>');
  });

  it('the Markdown report of a batch has the batch title too', () => {
    expect(renderMarkdownReport(batch, 'first prompt')).toMatch(/^# Batch: 2 prompts × 2 models\n/);
  });
});
