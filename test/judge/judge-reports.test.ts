import { describe, expect, it } from 'vitest';
import type { JudgeCall, JudgeScore } from '../../src/judge/judge-score.js';
import { emptyUsage } from '../../src/providers/language-model.js';
import { renderCsvReport } from '../../src/report/csv-report.js';
import { renderHtmlReport } from '../../src/report/html-report.js';
import type { JsonReport } from '../../src/report/json-report.js';
import { renderMarkdownReport } from '../../src/report/markdown-report.js';
import { renderSummaryTable } from '../../src/ui/summary-table.js';
import { okResult } from '../support/model-result-fixture.js';

const judge: JudgeScore = {
  score: 8.2,
  scores: { title: 9, opening: 8, structure: 8, readability: 9, factualCare: 7 },
  reasons: { title: '标题具体', opening: '开头 <抓人>', structure: '清楚', readability: '段落短', factualCare: '有一处数据无来源' },
};
const judgeCall: JudgeCall = {
  model: 'openai:judge',
  servedBy: 'openai:judge',
  status: 'ok',
  labels: { A: 'openai:gpt' },
  usage: { ...emptyUsage(), inputTokens: 900, outputTokens: 100 },
  latencyMs: 2300,
  costUsd: 0.002,
  attempts: 1,
  requestId: null,
  error: null,
};
const judged: JsonReport = {
  version: 1,
  runId: 3,
  startedAt: '2026-11-21T10:00:00.000Z',
  prompt: { source: 'brief.md', chars: 8 },
  results: [
    okResult('openai:gpt', '# 冬日咖啡\n\n正文', { judge, costUsd: 0.01 }),
    okResult('mock:beta', null, { status: 'error', servedBy: null, judge: null }),
  ],
  judgeCall,
};
const plain: JsonReport = { ...judged, results: judged.results.map(({ judge: _judge, ...result }) => result), judgeCall: undefined };

describe('the judge in the table and reports', () => {
  it('the summary table has a Judge column only when judged', () => {
    const table = renderSummaryTable(judged.results, { colorLevel: 0, cwd: '/' });
    // at 80 columns the judge is the last column to give way; wider, it follows the cost
    expect(table).toMatch(/│ +Judge +│\n/);
    expect(renderSummaryTable(judged.results, { colorLevel: 0, cwd: '/', maxWidth: 160 })).toMatch(/Cost +│ +Judge +│/);
    expect(table).toMatch(/openai:gpt .*│ +8\.2\/10 │/);
    expect(table).toMatch(/mock:beta .*│ +— │/);
    expect(renderSummaryTable(plain.results, { colorLevel: 0, cwd: '/' })).not.toContain('Judge');
  });

  it('Markdown: a Judge column, the judge line, and the reasons per criterion', () => {
    const markdown = renderMarkdownReport(judged, '写一篇推文');
    expect(markdown).toContain('| Model | Status | Title | In | Out | Latency | TTFT | Tok/s | Cost | Judge |');
    expect(markdown).toMatch(/\| openai:gpt \| ok \| 冬日咖啡 \|.*\| 8\.2\/10 \|/);
    expect(markdown).toContain('Judged blind by openai:judge · 2.30 s · judge cost $0.00200 · total cost with the judge $0.0120');
    expect(markdown).toContain('**Judge (blind): 8.2/10**\n\n- title 9/10: 标题具体');
    expect(markdown).toContain('- factualCare 7/10: 有一处数据无来源');
    expect(renderMarkdownReport(plain, 'x')).not.toContain('Judge');
  });

  it('HTML: a Judge column and the reasons, escaped', () => {
    const html = renderHtmlReport(judged, { text: 'x', title: 't' }, '1.0.0');
    expect(html).toContain('<th>Judge</th>');
    expect(html).toContain('<td>8.2/10</td>');
    expect(html).toContain('<li>opening 8/10: 开头 &lt;抓人&gt;</li>');
    expect(html).toContain('Judged blind by openai:judge');
    expect(renderHtmlReport(plain, { text: 'x', title: 't' }, '1.0.0')).not.toContain('Judge');
  });

  it('CSV: judge columns before the text, only when judged', () => {
    const [header, first, second] = renderCsvReport(judged).replace('\ufeff', '').split('\r\n');
    expect(header).toMatch(/,costUsd,attempts,incomplete,errorType,errorMessage,outputFile,judgeScore,judgeTitle,.*,judgeReasons,text$/);
    expect(first).toContain(',8.2,9,8,8,9,7,"title: 标题具体\nopening: 开头 <抓人>');
    expect(second).toContain(',,,,,,,,');
    expect(renderCsvReport(plain)).not.toContain('judge');
  });
});
