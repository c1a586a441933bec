import type { DuelsDocument, RunDocument } from '../../../src/view/api/view-documents.js';
import { okResult } from '../../support/model-result-fixture.js';

/** A draft that tries every way to run script or load something. */
export const hostileDraft = [
  '# 标题 <script>alert("draft")</script>',
  '',
  '<img src=x onerror="alert(1)">',
  '',
  '<div onclick="alert(2)"><iframe src="https://evil.example/"></iframe></div>',
  '',
  '[点我](javascript:alert(3)) [再点](JAVASCRIPT:alert(4)) [数据](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [文件](file:///etc/passwd)',
  '',
  '![远程图片](https://images.example/cover.png) ![坏图片](javascript:alert(6))',
  '',
  '[正常链接](https://mp.weixin.qq.com/s/abc "标题")',
  '',
  '<style>body{display:none}</style>',
  '',
  '<a href="https://evil.example" style="color:red">raw anchor</a>',
].join('\n');

const judge = (score: number) => ({
  score,
  scores: { title: 8, opening: 7, structure: 9, readability: 8, factualCare: 8 },
  reasons: { title: '标题抓人', opening: '开头平淡', structure: '层次清楚', readability: '好读', factualCare: '无明显错误' },
});

/** A judged single-prompt compare run: three drafts, one hostile, one with reasoning, one failed. */
export const judgedRun = (): RunDocument => ({
  version: 1,
  runId: 21,
  startedAt: '2026-12-01T09:00:00.000Z',
  prompt: { source: 'topic', chars: 18 },
  kind: 'compare',
  topic: '秋天的第一杯奶茶',
  parentRunId: null,
  tags: ['短文'],
  results: [
    {
      ...okResult('mock:alpha', '# 秋天的奶茶\n\n第一段，**加粗**。\n\n## 小标题\n\n- 一\n- 二', {
        judge: judge(8),
        costUsd: 0.002,
        reasoning: '先想结构，再写开头。',
      }),
      position: 0,
    },
    { ...okResult('mock:beta', hostileDraft, { judge: judge(6.4) }), position: 1 },
    {
      ...okResult('mock:gamma', null, {
        status: 'error',
        servedBy: null,
        error: { type: 'RATE_LIMIT', message: 'too many requests', retryable: true, status: 429, requestId: null, retryAfterMs: null },
      }),
      position: 2,
    },
  ],
  judgeCall: {
    model: 'mock:judge',
    servedBy: 'mock:judge',
    status: 'ok',
    labels: { A: 'mock:alpha', B: 'mock:beta' },
    usage: okResult('x', '').usage,
    latencyMs: 900,
    costUsd: 0.001,
    attempts: 1,
    requestId: null,
    error: null,
  },
  picks: [{ id: 1, promptId: null, position: 0, model: 'mock:alpha', voter: 'lin', createdAt: '2026-12-01T10:00:00.000Z' }],
});

/** A batch run: two prompts × two models. */
export const batchRun = (): RunDocument => ({
  version: 1,
  runId: 22,
  startedAt: '2026-12-01T11:00:00.000Z',
  prompt: { source: 'prompts.jsonl', chars: 40 },
  kind: 'batch',
  topic: 'coffee, titles',
  parentRunId: null,
  prompts: [
    { id: 'coffee', source: 'prompts.jsonl:1', chars: 20, system: false },
    { id: 'titles', source: 'prompts.jsonl:2', chars: 20, system: false },
  ],
  results: [
    { ...okResult('mock:alpha', '# 咖啡 A\n\n手冲。', { promptId: 'coffee' }), position: 0 },
    { ...okResult('mock:beta', '# 咖啡 B\n\n冷萃。', { promptId: 'coffee' }), position: 1 },
    { ...okResult('mock:alpha', '# 标题 A', { promptId: 'titles' }), position: 2 },
    { ...okResult('mock:beta', '# 标题 B', { promptId: 'titles' }), position: 3 },
  ],
});

/** A write run whose writer fell back to its backup, with a routed reviewer. */
export const writeRun = (): RunDocument => ({
  version: 1,
  runId: 23,
  startedAt: '2026-12-01T12:00:00.000Z',
  prompt: { source: 'topic', chars: 10 },
  kind: 'write',
  topic: '城市夜跑',
  parentRunId: null,
  results: [
    { ...okResult('mock:planner', '1. 开头\n2. 结尾'), stage: 'planner', role: 'planner', position: 0 },
    {
      ...okResult('mock:writer?fail=1', '# 夜跑\n\n正文。', {
        servedBy: 'mock:writer-backup',
        fallback: {
          from: 'mock:writer?fail=1',
          error: { type: 'SERVER_ERROR', message: 'boom', retryable: true, status: 500, requestId: null, retryAfterMs: null },
        },
      }),
      stage: 'writer',
      role: 'writer',
      position: 1,
    },
    {
      ...okResult('mock:reviewer', '意见：结尾再收紧。', {
        route: {
          strategy: 'fastest',
          role: 'reviewer',
          order: ['mock:reviewer', 'mock:alpha'],
          reasons: [
            { model: 'mock:reviewer', value: 800, samples: 4, basis: 'role' },
            { model: 'mock:alpha', value: 1200, samples: 3, basis: 'role' },
          ],
        },
      }),
      stage: 'reviewer',
      role: 'reviewer',
      position: 2,
    },
  ],
});

/** The blind duels of the judged run: text only, positions, no model. */
export const duelsDocument = (): DuelsDocument => ({
  version: 1,
  runId: 21,
  reason: null,
  duels: [
    { promptId: null, a: { position: 1, text: '# 稿一\n\n由 [model] 写的正文。' }, b: { position: 0, text: '# 稿二\n\n另一篇。' } },
    { promptId: null, a: { position: 0, text: '# 稿二\n\n另一篇。' }, b: { position: 2, text: hostileDraft } },
  ],
});
