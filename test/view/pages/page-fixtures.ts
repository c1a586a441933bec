import type { Language } from '../../../src/i18n/language.js';
import type {
  LeaderboardDocument,
  ProvidersDocument,
  RunListItem,
  RunsDocument,
  StatsDocument,
} from '../../../src/view/api/view-documents.js';
import type { PageContext } from '../../../src/view/pages/index.js';

export * from './run-fixtures.js';

/** The context a page gets for `path` in `language`. */
export const pageContext = (language: Language, path = '/'): PageContext => ({
  language,
  url: new URL(path, 'http://127.0.0.1:7788'),
  assetVersion: 'test1234',
});

const run = (overrides: Partial<RunListItem>): RunListItem => ({
  id: 1,
  startedAt: '2026-12-01T08:30:00.000Z',
  kind: 'compare',
  parentRunId: null,
  topic: '周末咖啡的三种喝法',
  models: ['mock:alpha', 'mock:beta'],
  ok: 2,
  failed: 0,
  bestLatencyMs: 800,
  worstLatencyMs: 1500,
  totalCostUsd: 0.0123,
  chars: 1180,
  readingMinutes: 3,
  promptStart: '写一篇关于周末咖啡的文章',
  ...overrides,
});

/** A runs list of four kinds of runs, newest first. */
export const runsDocument = (overrides: Partial<RunsDocument['query']> = {}, more = false): RunsDocument => ({
  version: 1,
  runs: [
    run({
      id: 14,
      kind: 'batch',
      topic: 'coffee, titles, night-run',
      models: ['mock:alpha', 'mock:beta', 'mock:alpha', 'mock:beta'],
      ok: 5,
      failed: 1,
      tags: ['短文'],
    }),
    run({ id: 13, kind: 'write', topic: '秋天的第一杯奶茶', models: ['mock:planner', 'mock:writer?fail=1', 'mock:reviewer'], ok: 3 }),
    run({ id: 12, kind: 'rerun', parentRunId: 11, totalCostUsd: null, chars: null }),
    run({ id: 11 }),
  ],
  query: { search: null, model: null, tag: null, kind: null, limit: 50, offset: 0, ...overrides },
  more,
  models: ['mock:alpha', 'mock:beta', 'mock:planner'],
});

/** Stats by model over seven days, one day without calls. */
export const statsDocument = (): StatsDocument => ({
  version: 1,
  by: 'model',
  since: '2026-11-24T00:00:00.000Z',
  groups: [
    {
      key: 'mock:alpha',
      calls: 12,
      ok: 11,
      failed: 1,
      successRate: 11 / 12,
      p50LatencyMs: 1200,
      p95LatencyMs: 3400,
      meanTtftMs: 210,
      inputTokens: 1200,
      outputTokens: 34000,
      costUsd: 0.042,
      chars: 1100,
      readingMinutes: 3,
      costPer1000Chars: 0.0031,
    },
    {
      key: '(none)',
      calls: 1,
      ok: 0,
      failed: 1,
      successRate: 0,
      p50LatencyMs: null,
      p95LatencyMs: null,
      meanTtftMs: null,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: null,
      chars: null,
      readingMinutes: null,
      costPer1000Chars: null,
    },
  ],
  trend: ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-28', '2026-11-29', '2026-11-30'].map((day, index) => ({
    day,
    calls: index + 2,
    ok: index + 1,
    failed: 1,
    p50LatencyMs: index === 3 ? null : 1000 + index * 100,
    costUsd: index === 0 ? null : 0.01 * index,
  })),
});

/** A leaderboard with two ranked models and one with too few votes. */
export const leaderboardDocument = (): LeaderboardDocument => ({
  source: 'human',
  tags: [],
  since: null,
  comparisons: 9,
  models: [
    {
      model: 'mock:alpha',
      rating: 1080.4,
      low: 1010.2,
      high: 1150.9,
      wins: 6,
      ties: 1,
      losses: 2,
      votes: 9,
      medianLatencyMs: 1200,
      costPer1000Chars: 0.003,
    },
    {
      model: 'mock:beta',
      rating: 919.6,
      low: 850.1,
      high: 990,
      wins: 2,
      ties: 1,
      losses: 6,
      votes: 9,
      medianLatencyMs: null,
      costPer1000Chars: null,
    },
  ],
  tooFewVotes: [
    {
      model: 'mock:gamma',
      rating: 1000,
      low: 900,
      high: 1100,
      wins: 1,
      ties: 0,
      losses: 0,
      votes: 1,
      medianLatencyMs: 800,
      costPer1000Chars: null,
    },
  ],
});

/** Providers: one resting with limits, one without a key, one local without health. */
export const providersDocument = (): ProvidersDocument => ({
  version: 1,
  providers: [
    {
      id: 'deepseek',
      name: 'DeepSeek',
      defaultModel: 'deepseek-chat',
      keyRequired: true,
      keyConfigured: true,
      usable: true,
      health: {
        state: 'resting',
        until: '2026-12-01T10:05:00.000Z',
        type: null,
        failures: 3,
        recent: { calls: 20, ok: 17 },
        label: 'resting until 10:05',
        text: 'resting until 10:05 · 85% ok',
      },
      limits: { keys: [{ key: 1, rateLimit: { limit: '5/min', used: 3 } }], text: 'key 1: 3/5/min' },
    },
    { id: 'openai', name: 'OpenAI', defaultModel: 'gpt-4o-mini', keyRequired: true, keyConfigured: false, usable: false },
    { id: 'ollama', name: 'Ollama', defaultModel: 'qwen2.5', keyRequired: false, keyConfigured: false, usable: true },
  ],
});
