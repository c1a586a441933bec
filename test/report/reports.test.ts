import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../../src/providers/language-model.js';
import { csvField, renderCsvReport } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { demoteHeadings, renderMarkdownReport } from '../../src/report/markdown-report.js';
import { parseReportTarget } from '../../src/report/write-report.js';
import type { ModelResult } from '../../src/run/model-result.js';
import { okResult } from '../support/model-result-fixture.js';

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
    expect(csv).toContain('mock:beta,mock,error,,,,,,,,,1500,200,,,1,false,RATE_LIMIT,RATE_LIMIT: slow down,,');
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
