import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import type { NewVote } from '../../src/store/verdicts.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-pick-'));
});
const home = () => path.join(cwd, 'home');
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: home(), ...extraEnv } });
const json = <T>(stdout: string) => JSON.parse(stdout) as T;
const threeModels = ['-m', 'mock:alpha,mock:beta,mock:gamma?fail=1', '--retries', '0'];

async function recordVotes(runId: number, votes: Partial<NewVote>[]): Promise<void> {
  const store = await openHistoryStore(home());
  store.verdicts.recordVotes(
    votes.map((vote) => ({
      runId,
      promptId: null,
      positionA: 0,
      positionB: 1,
      modelA: 'mock:alpha',
      modelB: 'mock:beta',
      outcome: 'a',
      source: 'human',
      voter: 'alice',
      inconsistent: false,
      createdAt: '2026-12-02T06:05:00.000Z',
      ...vote,
    })),
  );
  store.close();
}

describe('--tag and pick', () => {
  it('tags a run, shows the tags in its JSON report and in history show', async () => {
    const run = await cli([...threeModels, '冬季咖啡', '--tag', '标题', '--tag', '长文', '--tag', '标题', '--json', '-o', 'out']);
    const report = json<JsonReport>(run.stdout);
    expect(report.tags).toEqual(['标题', '长文']);
    const shown = json<JsonReport>((await cli(['history', 'show', String(report.runId), '--json'])).stdout);
    expect(shown.tags).toEqual(['标题', '长文']);
    expect(shown).not.toHaveProperty('votes');
    const text = await cli(['history', 'show', String(report.runId)]);
    expect(text.stdout).toContain('Tags: 标题, 长文');
    const blank = await cli([...threeModels, '冬季咖啡', '--tag', ' ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('--tag needs a non-empty tag');
  });

  it('picks a draft by id or short name, copies it to chosen.md, and history show lists the pick', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    const picked = await cli(['pick', '1', 'beta', '--voter', 'alice']);
    expect(picked.code).toBe(0);
    expect(picked.stdout).toContain('Picked mock:beta in run #1 (by alice).');
    // beside the run's drafts in the shared out/, named after the run's own prefix
    const chosenName = readdirSync(path.join(cwd, 'out')).find((name) => name.endsWith('_chosen.md')) ?? '';
    expect(chosenName).toMatch(/^\d{8}-\d{6}_.+_chosen\.md$/);
    expect(picked.stdout).toContain(`Its draft is now in ${path.join('out', chosenName)}.`);
    const chosen = readFileSync(path.join(cwd, 'out', chosenName), 'utf8');
    const shown = json<JsonReport>((await cli(['history', 'show', '1', '--json'])).stdout);
    const beta = shown.results.find((result) => result.model === 'mock:beta');
    expect(chosen).toContain(beta?.text?.trim());
    expect(shown.picks).toEqual([
      { id: 1, promptId: null, position: 1, model: 'mock:beta', voter: 'alice', createdAt: expect.any(String) },
    ]);
    const text = await cli(['history', 'show', '1']);
    expect(text.stdout).toMatch(/Picks:\n {2}mock:beta picked by alice \(\d\d-\d\d \d\d:\d\d\)/);
    // the default voter is the OS user
    expect((await cli(['pick', '1', 'mock:alpha'])).stdout).toMatch(/Picked mock:alpha in run #1 \(by .+\)\./);
  });

  it('refuses a model not in the run (listing its models) and a failed draft, with exit code 2', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    const missing = await cli(['pick', '1', 'mock:zeta']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('model "mock:zeta" is not in run 1; its models: mock:alpha, mock:beta, mock:gamma?fail=1');
    const failed = await cli(['pick', '1', 'mock:gamma?fail=1']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('mock:gamma?fail=1 failed in run 1: a failed draft cannot be picked');
    const noRun = await cli(['pick', '9', 'mock:alpha']);
    expect(noRun.code).toBe(2);
    const store = await openHistoryStore(home());
    expect(store.verdicts.picksOf(1)).toEqual([]);
    store.close();
  });

  it('still records a pick when the outputs directory is gone, and says so', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    rmSync(path.join(cwd, 'out'), { recursive: true });
    const picked = await cli(['pick', '1', 'mock:alpha', '--voter', 'bob']);
    expect(picked.code).toBe(0);
    expect(picked.stdout).toContain(`The output directory ${'out'} is gone: nothing copied (the pick is recorded).`);
    expect(existsSync(path.join(cwd, 'out'))).toBe(false);
    const store = await openHistoryStore(home());
    expect(store.verdicts.picksOf(1).map((pick) => pick.model)).toEqual(['mock:alpha']);
    store.close();
  });

  it('shows the votes of a run in history show, its JSON and the duels of its HTML and Markdown reports', async () => {
    await cli([...threeModels, '冬季咖啡', '-o', 'out']);
    await recordVotes(1, [
      { outcome: 'b' },
      { outcome: 'both-bad', voter: 'bob' },
      { outcome: 'tie', source: 'judge', voter: 'mock:judge', inconsistent: true },
    ]);
    const text = await cli(['history', 'show', '1', '--report', 'voted.html']);
    expect(text.stdout).toContain('Votes (3):');
    expect(text.stdout).toMatch(/ {2}draft B mock:beta beat draft A mock:alpha \(human, alice, \d\d-\d\d \d\d:\d\d\)/);
    expect(text.stdout).toContain('draft A mock:alpha and draft B mock:beta: both bad (human, bob,');
    expect(text.stdout).toMatch(/draft A mock:alpha and draft B mock:beta tied \(judge, mock:judge, .*; the two orders disagreed\)/);
    const shown = json<JsonReport>((await cli(['history', 'show', '1', '--json'])).stdout);
    expect(shown.votes?.map((vote) => [vote.outcome, vote.source, vote.voter, vote.inconsistent])).toEqual([
      ['b', 'human', 'alice', false],
      ['both-bad', 'human', 'bob', false],
      ['tie', 'judge', 'mock:judge', true],
    ]);
    const html = readFileSync(path.join(cwd, 'voted.html'), 'utf8');
    expect(html).toContain('<h2>Duels</h2>');
    expect(html).toContain('<td class="won"><strong>mock:beta</strong></td>');
    expect(html).toContain('<td>both bad (a tie)</td>');
    await cli(['history', 'show', '1', '--report', 'voted.md']);
    expect(readFileSync(path.join(cwd, 'voted.md'), 'utf8')).toContain(
      '## Duels\n\n- draft B mock:beta beat draft A mock:alpha (human, alice,',
    );
  });

  it('batch lines carry tags, a batch pick needs --prompt-id and writes chosen-<id>.md', async () => {
    const lines = [
      { id: 'headline', prompt: '写 5 个标题', tags: ['标题'] },
      { id: 'essay', prompt: '写一篇长文', tags: ['长文', ' 长文 '] },
    ];
    writeFileSync(path.join(cwd, 'week.jsonl'), lines.map((line) => JSON.stringify(line)).join('\n'));
    const run = await cli(['--prompts', 'week.jsonl', '-m', 'mock:alpha,mock:beta', '--tag', '周报', '--json', '-o', 'out']);
    const report = json<JsonReport>(run.stdout);
    expect(report.tags).toEqual(['周报']);
    expect(report.prompts?.map((prompt) => [prompt.id, prompt.tags])).toEqual([
      ['headline', ['标题']],
      ['essay', ['长文']],
    ]);
    const shown = json<JsonReport>((await cli(['history', 'show', '1', '--json'])).stdout);
    expect(shown.prompts).toEqual(report.prompts);
    expect((await cli(['history', 'show', '1'])).stdout).toContain('Tags of headline: 标题');

    const ambiguous = await cli(['pick', '1', 'mock:alpha']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('run 1 is a batch: say which prompt with --prompt-id (one of: headline, essay)');
    const picked = await cli(['pick', '1', 'mock:alpha', '--prompt-id', 'essay', '--voter', 'alice']);
    expect(picked.stdout).toContain('Picked mock:alpha for prompt essay in run #1 (by alice).');
    expect(readdirSync(path.join(cwd, 'out'), { recursive: true }).some((name) => String(name).endsWith('chosen-essay.md'))).toBe(true);
    const store = await openHistoryStore(home());
    expect(store.verdicts.comparisons({ source: 'human', tags: ['长文'] })).toEqual([
      { modelA: 'mock:alpha', modelB: 'mock:beta', outcome: 'a', source: 'human', runId: 1 },
    ]);
    expect(store.verdicts.comparisons({ source: 'human', tags: ['标题'] })).toEqual([]);
    store.close();
  });

  it('reports every bad tags field, one line per line, in English and Chinese', async () => {
    const lines = [
      '{"prompt": "a", "tags": "标题"}',
      '{"prompt": "b", "tags": ["", "x"]}',
      '{"prompt": "c", "tags": [1]}',
      '{"prompt": "d"}',
    ];
    writeFileSync(path.join(cwd, 'bad.jsonl'), lines.join('\n'));
    const en = await cli(['--prompts', 'bad.jsonl', '-m', 'mock:alpha']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('has 3 problems');
    for (const line of [1, 2, 3]) expect(en.stderr).toContain(`line ${line}.tags: must be an array of non-empty strings`);
    const zh = await cli(['--prompts', 'bad.jsonl', '-m', 'mock:alpha'], { WECHAT_WRITER_LANG: 'zh-CN' });
    expect(zh.stderr).toContain('第 2 行的 tags：必须是由非空字符串组成的数组');
  });

  it('a rerun inherits the tags of the run it repeats unless --tag is given; write takes --tag', async () => {
    await cli([...threeModels, '冬季咖啡', '--tag', '标题', '-o', 'out']);
    const inherited = json<JsonReport>((await cli(['rerun', '1', '--json', '-o', 'out'])).stdout);
    expect(inherited.tags).toEqual(['标题']);
    const replaced = json<JsonReport>((await cli(['rerun', '1', '--tag', '长文', '--json', '-o', 'out'])).stdout);
    expect(replaced.tags).toEqual(['长文']);
    const written = json<{ runId: number }>(
      (await cli(['write', '-m', 'mock:a', '热可可', '--tag', '短文', '--json', '-o', 'out'])).stdout,
    );
    const store = await openHistoryStore(home());
    expect([2, 3, written.runId].map((id) => store.verdicts.tagsOf(id).run)).toEqual([['标题'], ['长文'], ['短文']]);
    store.close();
  });

  it('history lists a Tags column only while the table still fits without it giving anything up', async () => {
    await cli(['-m', 'mock:alpha', '咖啡', '--tag', '标题', '-o', 'out']);
    const wide = await cli(['history'], { COLUMNS: '120' });
    expect(wide.stdout).toMatch(/│ Tags +│/);
    expect(wide.stdout).toMatch(/│ 标题 +│/);
    const listing = json<{ runs: { id: number; tags?: string[] }[] }>((await cli(['history', '--json'])).stdout);
    expect(listing.runs[0]?.tags).toEqual(['标题']);
    // at 80 columns the plain table already gives up a column: no room for tags
    const narrow = await cli(['history'], { COLUMNS: '80' });
    expect(narrow.stdout).not.toContain('Tags');
    expect(Math.max(...narrow.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('speaks Chinese: pick and history show', async () => {
    await cli([...threeModels, '冬季咖啡', '--tag', '标题', '-o', 'out']);
    await recordVotes(1, [{ outcome: 'a' }]);
    const zh = { WECHAT_WRITER_LANG: 'zh-CN' };
    const picked = await cli(['pick', '1', 'mock:alpha', '--voter', 'alice'], zh);
    expect(picked.stdout).toContain('已选中运行 #1 中 mock:alpha 的稿件（选择人：alice）。');
    expect(picked.stdout).toMatch(/稿件已复制到 out\/\d{8}-\d{6}_.+_chosen\.md。/);
    const missing = await cli(['pick', '1', 'mock:zeta'], zh);
    expect(missing.stderr).toContain('模型“mock:zeta”不在运行 1 中；该运行的模型：mock:alpha, mock:beta, mock:gamma?fail=1');
    const shown = await cli(['history', 'show', '1'], zh);
    expect(shown.stdout).toContain('标签：标题');
    expect(shown.stdout).toMatch(/选中的稿件：\n {2}mock:alpha，由 alice 选中（\d\d-\d\d \d\d:\d\d）/);
    expect(shown.stdout).toMatch(/投票（1 次）：\n {2}稿件 A mock:alpha 胜过 稿件 B mock:beta（人工，alice，\d\d-\d\d \d\d:\d\d）/);
    const help = await cli(['pick', '--help'], zh);
    expect(help.stdout).toContain('记录你选中要发布的稿件');
  });
});
