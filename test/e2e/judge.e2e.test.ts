import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json-report.js';
import { startFakeLlmServer, type FakeLlmServer, type RecordedRequest } from '../support/fake-llm-server.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';

let server: FakeLlmServer;
let cwd: string;
const openaiKey = 'sk-judge-e2e-openai-key-4242';
const anthropicKey = 'sk-ant-judge-e2e-key-4343';
const brief = '# 冬季新品\n为咖啡店写一篇冬季新品推文。';
const gptText = '# 冬日咖啡\n\n肉桂拿铁上新。';
const claudeText = '# 热可可\n\n棉花糖热可可回归。';

const rubric = (value: number) => ({ title: value, opening: value, structure: value, readability: value, factualCare: value });
const reasons = (label: string) => ({
  title: `稿件 ${label} 的标题具体`,
  opening: '开头有钩子',
  structure: '层次清楚',
  readability: '段落短，适合手机',
  factualCare: '没有编造数据',
});
/** The verdict the fake judge gives: draft A gets 9 everywhere, draft B 5, whatever they hold. */
const verdict = `评分如下：\n\`\`\`json\n${JSON.stringify({
  drafts: [
    { label: 'A', scores: rubric(9), reasons: reasons('A') },
    { label: 'B', scores: rubric(5), reasons: reasons('B') },
  ],
})}\n\`\`\``;

beforeAll(async () => {
  server = await startFakeLlmServer({
    'gpt-e2e': { chunks: [gptText], usage: { input: 101, output: 42 } },
    'claude-e2e': { chunks: [claudeText], usage: { input: 77, output: 33 } },
    'gpt-broken': { status: 400, errorBody: { error: { message: 'bad request', type: 'invalid_request_error' } } },
    'judge-e2e': { chunks: [verdict], usage: { input: 900, output: 120 } },
    'judge-one': { chunks: [JSON.stringify({ drafts: [{ label: '稿件 A', scores: rubric(9), reasons: reasons('A') }] })] },
    'judge-prose': { chunks: ['两篇都不错，稿件 A 略好，我给 9 分。'] },
    'judge-down': { status: 500, errorBody: { error: { message: 'judge exploded', type: 'server_error' } } },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-judge-e2e-'));
  writeFileSync(path.join(cwd, 'brief.md'), brief);
});

const env = (extra: Record<string, string> = {}) => ({
  WECHAT_WRITER_HOME: path.join(cwd, 'home'),
  WECHAT_WRITER_PRICES: '{"openai:judge-e2e": {"input": 2, "output": 8}, "openai:gpt-e2e": {"input": 1, "output": 1}}',
  OPENAI_BASE_URL: server.openaiBaseURL,
  OPENAI_API_KEY: openaiKey,
  ANTHROPIC_BASE_URL: server.anthropicBaseURL,
  ANTHROPIC_API_KEY: anthropicKey,
  ...extra,
});
const cli = (args: string[], extra: Record<string, string> = {}) => runCliInProcess(args, { cwd, env: env(extra) });
const compareArgs = ['--models', 'openai:gpt-e2e,anthropic:claude-e2e', '--prompt', 'brief.md', '--retries', '0'];
const judgeRequest = (): RecordedRequest | undefined => server.requests.find((request) => String(request.body.model).startsWith('judge'));
const sentMessages = (request: RecordedRequest | undefined) => JSON.stringify(request?.body.messages ?? null);

/** The label the judge saw in front of a text, read from the request it received. */
function labelOf(request: RecordedRequest | undefined, text: string): string {
  const messages = (request?.body.messages ?? []) as { content: string }[];
  const prompt = messages.map((message) => message.content).join('\n');
  const before = prompt.slice(0, prompt.indexOf(text.trim()));
  return /稿件 ([A-Z]+)（Draft [A-Z]+）开始 =====\n$/.exec(before)?.[1] ?? '?';
}

describe('wechat-writer --judge <model>', () => {
  it('scores every output blind: no model name reaches the judge, scores land on the right model, JSON and history agree', async () => {
    const run = await cli([...compareArgs, '--judge', 'openai:judge-e2e', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('judging 2 drafts with openai:judge-e2e (blind)');
    expect(run.stdout + run.stderr).not.toContain(openaiKey);
    expect(run.stdout + run.stderr).not.toContain(anthropicKey);

    const request = judgeRequest();
    expect(request?.body.model).toBe('judge-e2e');
    const sent = sentMessages(request);
    for (const name of ['gpt-e2e', 'claude-e2e', 'openai', 'anthropic', 'claude', 'gpt']) expect(sent.toLowerCase()).not.toContain(name);
    expect(sent).toContain('为咖啡店写一篇冬季新品推文');

    const gptLabel = labelOf(request, gptText);
    const claudeLabel = labelOf(request, claudeText);
    expect([gptLabel, claudeLabel].sort()).toEqual(['A', 'B']);
    const scoreOf = (label: string) => (label === 'A' ? 9 : 5);

    const report = JSON.parse(run.stdout) as JsonReport;
    const [gpt, claude] = report.results;
    expect(gpt).toMatchObject({ model: 'openai:gpt-e2e', status: 'ok', text: gptText });
    expect(gpt?.judge).toEqual({ score: scoreOf(gptLabel), scores: rubric(scoreOf(gptLabel)), reasons: reasons(gptLabel) });
    expect(claude?.judge).toEqual({ score: scoreOf(claudeLabel), scores: rubric(scoreOf(claudeLabel)), reasons: reasons(claudeLabel) });
    expect(report.judgeCall).toMatchObject({
      model: 'openai:judge-e2e',
      servedBy: 'openai:judge-e2e',
      status: 'ok',
      labels: { [gptLabel]: 'openai:gpt-e2e', [claudeLabel]: 'anthropic:claude-e2e' },
      usage: { inputTokens: 900, outputTokens: 120 },
      attempts: 1,
      error: null,
    });
    expect(report.judgeCall?.costUsd).toBeCloseTo((900 * 2 + 120 * 8) / 1_000_000);
    expect(report.judgeCall?.latencyMs).toEqual(expect.any(Number));

    const shown = await cli(['history', 'show', String(report.runId), '--json']);
    expect(JSON.parse(shown.stdout)).toEqual(report);
    const listing = JSON.parse((await cli(['history', '--json', '-n', '1'])).stdout) as { runs: { totalCostUsd: number }[] };
    expect(listing.runs[0]?.totalCostUsd).toBeCloseTo((gpt?.costUsd ?? 0) + (report.judgeCall?.costUsd ?? 0));
  });

  it('the table gets a Judge column and a line about the judge call; history show and reports show the scores too', async () => {
    const run = await cli([...compareArgs, '--judge', 'openai:judge-e2e', '--report', 'report.md']);
    expect(run.code).toBe(0);
    const header = run.stdout.split('\n').find((line) => line.includes('Model')) ?? '';
    expect(header).toMatch(/│ +Judge +│$/);
    expect(run.stdout).toMatch(/openai:gpt-e2e .*│ +(9\.0|5\.0)\/10 │/);
    expect(run.stdout).toMatch(/anthropic:claude-e2e .*│ +(9\.0|5\.0)\/10 │/);
    expect(run.stdout).toMatch(/Judged blind by openai:judge-e2e · .* · judge cost \$0\.00276 · total cost with the judge \$0\.00290/);
    expect(readFileSync(path.join(cwd, 'report.md'), 'utf8')).toMatch(/\*\*Judge \(blind\): (9\.0|5\.0)\/10\*\*/);

    const shown = await cli(['history', 'show', '1', '--report', 'again.csv']);
    expect(shown.stdout).toMatch(/Judge/);
    expect(shown.stdout).toMatch(/openai:gpt-e2e .*│ +(9\.0|5\.0)\/10 │/);
    expect(shown.stdout).toContain('Judged blind by openai:judge-e2e');
    const csv = readFileSync(path.join(cwd, 'again.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain(
      ',judgeScore,judgeTitle,judgeOpening,judgeStructure,judgeReadability,judgeFactualCare,judgeReasons,',
    );
  });

  it('WECHAT_WRITER_JUDGE_SEED fixes the shuffle, so a judgement can be reproduced', async () => {
    const labels = async () => {
      const run = await cli([...compareArgs, '--judge', 'openai:judge-e2e', '--json', '--no-history'], { WECHAT_WRITER_JUDGE_SEED: '42' });
      return (JSON.parse(run.stdout) as JsonReport).judgeCall?.labels;
    };
    const first = await labels();
    expect(Object.keys(first ?? {}).sort()).toEqual(['A', 'B']);
    expect(await labels()).toEqual(first);
  });

  it('a judge reply that is not JSON keeps the results, warns once, and makes up no score', async () => {
    const run = await cli([...compareArgs, '--judge', 'openai:judge-prose', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /warning: the judge openai:judge-prose failed \(BAD_RESPONSE: the judge's reply holds no JSON verdict \(it began: «两篇都不错/,
    );
    expect(run.stderr.match(/warning: the judge/g)).toHaveLength(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results.map((result) => [result.status, result.text, result.judge])).toEqual([
      ['ok', gptText, null],
      ['ok', claudeText, null],
    ]);
    expect(report.judgeCall).toMatchObject({ model: 'openai:judge-prose', status: 'error', error: { type: 'BAD_RESPONSE' } });
    const stored = JSON.parse((await cli(['history', 'show', String(report.runId), '--json'])).stdout) as JsonReport;
    expect(stored).toEqual(report);

    const table = await cli([...compareArgs, '--judge', 'openai:judge-prose']);
    expect(table.stdout).toContain('Judge');
    expect(table.stdout).not.toMatch(/\d\/10/);
    expect(table.stdout).not.toContain('Judged blind');
  });

  it('a failing judge call never changes the exit code: 0 when every model succeeded, 1 when one failed', async () => {
    const ok = await cli([...compareArgs, '--judge', 'openai:judge-down', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/warning: the judge openai:judge-down failed \(SERVER_ERROR \(HTTP 500\): judge exploded/);
    expect((JSON.parse(ok.stdout) as JsonReport).judgeCall).toMatchObject({ status: 'error', error: { type: 'SERVER_ERROR' } });

    const oneFailed = await cli([
      '-m',
      'openai:gpt-broken,anthropic:claude-e2e',
      '-p',
      'brief.md',
      '--judge',
      'openai:judge-one',
      '--json',
    ]);
    expect(oneFailed.code).toBe(1);
    const report = JSON.parse(oneFailed.stdout) as JsonReport;
    expect(oneFailed.stderr).toContain('judging 1 draft with openai:judge-one (blind)');
    expect(report.results[0]?.judge).toBeNull();
    expect(report.results[1]?.judge?.score).toBe(9);
    expect(report.judgeCall?.labels).toEqual({ A: 'anthropic:claude-e2e' });
  });

  it('a bad judge is a usage error (exit 2) before any call', async () => {
    const unknown = await cli([...compareArgs, '--judge', 'nosuch:model']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^wechat-writer: --judge: unknown model "nosuch:model"/);
    const twoJudges = await cli([...compareArgs, '--judge', 'openai:a,openai:b']);
    expect(twoJudges.code).toBe(2);
    expect(twoJudges.stderr).toContain('--judge takes one model id or alias');
    const noKey = await runCliInProcess([...compareArgs.slice(0, 1), 'openai:gpt-e2e', ...compareArgs.slice(2), '--judge', 'claude'], {
      cwd,
      env: { OPENAI_BASE_URL: server.openaiBaseURL, OPENAI_API_KEY: openaiKey },
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--judge: missing API key: anthropic:.* needs ANTHROPIC_API_KEY/);
    expect(server.requests).toHaveLength(0);
  });

  it('rerun judges again with the same judge', async () => {
    const first = JSON.parse((await cli([...compareArgs, '--judge', 'openai:judge-e2e', '--json'])).stdout) as JsonReport;
    server.requests.length = 0;
    const rerun = await cli(['rerun', String(first.runId), '--json']);
    expect(rerun.code).toBe(0);
    expect(judgeRequest()).toBeDefined();
    const report = JSON.parse(rerun.stdout) as JsonReport;
    expect(report.judgeCall?.model).toBe('openai:judge-e2e');
    expect(report.results.map((result) => result.judge?.score).sort()).toEqual([5, 9]);
  });
});
