import { describe, expect, it } from 'vitest';
import { chooseDraft } from '../../src/commands/export/choose-draft.js';
import { UsageError } from '../../src/errors/usage-error.js';
import type { ModelResult } from '../../src/run/model-result.js';
import type { StoredRun } from '../../src/store/history-store.js';
import type { StoredPick } from '../../src/store/verdicts.js';
import { okResult } from '../support/model-result-fixture.js';

const failed = (model: string): ModelResult => okResult(model, null, { status: 'error', servedBy: null });
const runOf = (results: ModelResult[], kind: StoredRun['kind'] = 'compare'): StoredRun => ({
  id: 7,
  startedAt: '2026-12-02T06:00:00.000Z',
  kind,
  parentRunId: null,
  prompt: '周末咖啡',
  promptSource: 'topic',
  topic: '周末咖啡',
  systemPrompt: null,
  options: {},
  toolVersion: '0.1.0',
  results: results.map((result) => ({ ...result, role: null })),
});
const pickOf = (model: string, position: number, id = 1): StoredPick => ({
  id,
  runId: 7,
  promptId: null,
  position,
  model,
  voter: 'alice',
  createdAt: '2026-12-02T06:05:00.000Z',
});
const threeDrafts = () => runOf([okResult('mock:alpha', '# A'), okResult('openai:gpt-4o', '# B'), failed('mock:gamma')]);
const fails = (action: () => unknown, message: string | RegExp) => {
  expect(action).toThrow(UsageError);
  expect(action).toThrow(message);
};

describe('chooseDraft', () => {
  it('takes the model --model names: its id, the part after provider:, or an alias', () => {
    const run = threeDrafts();
    expect(chooseDraft(run, [], 'mock:alpha')).toMatchObject({ reason: 'model', result: { model: 'mock:alpha' } });
    expect(chooseDraft(run, [pickOf('mock:alpha', 0)], 'gpt-4o')).toMatchObject({ reason: 'model', result: { model: 'openai:gpt-4o' } });
    expect(chooseDraft(run, [], 'alpha').result.model).toBe('mock:alpha');
  });

  it('refuses a failed draft or a model not in the run, naming what there is', () => {
    const run = threeDrafts();
    fails(
      () => chooseDraft(run, [], 'gamma'),
      'the draft of mock:gamma in run #7 failed; pass one of its successful models with --model: mock:alpha, openai:gpt-4o',
    );
    fails(() => chooseDraft(run, [], 'mock:zeta'), 'run #7 has no draft of mock:zeta; its models: mock:alpha, openai:gpt-4o, mock:gamma');
  });

  it('without --model takes the latest pick, else the only success, else asks', () => {
    const run = threeDrafts();
    const picks = [pickOf('mock:alpha', 0, 1), pickOf('openai:gpt-4o', 1, 2)];
    expect(chooseDraft(run, picks)).toMatchObject({ reason: 'pick', result: { model: 'openai:gpt-4o' }, promptId: null });
    fails(
      () => chooseDraft(run, []),
      'run #7 has 2 successful drafts (mock:alpha, openai:gpt-4o) and no pick: pass --model <id>, or choose one first with `wechat-writer pick 7 <model>`',
    );
    expect(chooseDraft(runOf([failed('mock:beta'), okResult('mock:alpha', '# A')]), [])).toMatchObject({
      reason: 'only',
      result: { model: 'mock:alpha' },
    });
    fails(() => chooseDraft(runOf([failed('mock:beta')]), []), 'run #7 has no successful draft to export');
  });

  it('in a batch needs --prompt-id when there are several prompts, and keeps to that prompt', () => {
    const run = runOf([
      okResult('mock:alpha', '# A1', { promptId: 'one' }),
      okResult('mock:beta', '# B1', { promptId: 'one' }),
      okResult('mock:alpha', '# A2', { promptId: 'two' }),
    ]);
    fails(() => chooseDraft(run, []), 'run 7 is a batch: say which prompt with --prompt-id (one of: one, two)');
    expect(chooseDraft(run, [], undefined, { promptId: 'two' })).toMatchObject({
      reason: 'only',
      promptId: 'two',
      result: { text: '# A2' },
    });
    const picks = [{ ...pickOf('mock:beta', 1), promptId: 'one' }];
    expect(chooseDraft(run, picks, undefined, { promptId: 'one' }).result.text).toBe('# B1');
  });

  it('takes a write run’s final draft', () => {
    const run = runOf(
      [okResult('mock:alpha', '提纲'), okResult('mock:alpha', '# 初稿'), okResult('mock:beta', '审稿'), okResult('mock:alpha', '# 定稿')],
      'write',
    );
    run.results = run.results.map((result, index) => ({
      ...result,
      stage: ['planner', 'writer', 'reviewer', 'revise'][index],
      role: ['planner', 'writer', 'reviewer', 'writer'][index] ?? null,
    }));
    expect(chooseDraft(run, [])).toMatchObject({ reason: 'final', result: { text: '# 定稿' } });
    expect(chooseDraft(run, [], 'mock:alpha')).toMatchObject({ reason: 'model', result: { text: '# 定稿' } });
    fails(() => chooseDraft(run, [], 'mock:beta'), 'run #7 has no draft of mock:beta; its models: mock:alpha');
  });
});
