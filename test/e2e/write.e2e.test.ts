import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { issueExample } from '../support/config-example.js';
import { runCliInProcess } from '../support/run-cli-in-process.js';
import { useFakeLlmServer } from '../support/use-fake-llm-server.js';

const fakeServer = useFakeLlmServer();
const localKey = 'sk-local-write-key-4242';
let cwd: string;

const exampleConfig = issueExample;

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-write-'));
  writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), exampleConfig);
  writeFileSync(path.join(cwd, 'brief.md'), '写一篇关于冬天第一杯热可可的公众号文章。');
});

const env = () => ({ LOCAL_BASE: fakeServer().url, LOCAL_KEY: localKey, WECHAT_WRITER_HOME: path.join(cwd, 'home') });

interface WriteJson {
  runId: number;
  stages: {
    stage: string;
    role: string;
    model: string;
    servedBy: string | null;
    status: string;
    text: string | null;
    input: string;
    usage: { inputTokens: number | null; outputTokens: number | null };
    latencyMs: number;
    costUsd: number | null;
    outputFile: string | null;
    fallback: { from: string; error: { type: string } } | null;
  }[];
  review: { score: number | null };
  finalStage: string | null;
}

describe('wechat-writer write with the example config', () => {
  it('runs planner, writer (failing, then its fallback) and reviewer in order, with the role overrides on the wire', async () => {
    const server = fakeServer();
    server.replies.set('planner-model', { chunks: ['# 大纲\n\n', '- 开头：窗外下雪\n', '- 结尾：留言'] });
    server.replies.set('writer-model', { status: 529, errorBody: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } });
    server.replies.set('writer-backup', { chunks: ['# 冬天的第一杯热可可\n\n', '窗外下着雪。'] });
    server.replies.set('reviewer-model', { chunks: ['开头很好，结构清楚。\n\n', '评分：8/10'] });

    const run = await runCliInProcess(['write', '--prompt', 'brief.md', '--json', '--no-check'], { cwd, env: env() });
    expect(run.stderr).not.toContain(localKey);
    expect(run.stdout).not.toContain(localKey);
    expect(run.code).toBe(0);

    expect(server.requests.map((request) => [request.path, request.body.model])).toEqual([
      ['/v1/chat/completions', 'planner-model'],
      ['/v1/messages', 'writer-model'],
      ['/v1/chat/completions', 'writer-backup'],
      ['/v1/chat/completions', 'reviewer-model'],
    ]);
    const [planner, writer, backup, reviewer] = server.requests;
    expect(writer?.body).toMatchObject({ temperature: 0.9, max_tokens: 4000 });
    expect(backup?.body.temperature).toBe(0.9);
    expect(backup?.body.max_tokens ?? backup?.body.max_completion_tokens).toBe(4000);
    expect(planner?.body.temperature).toBeUndefined();
    expect(JSON.stringify(backup?.body.messages)).toContain('开头：窗外下雪');
    expect(JSON.stringify(reviewer?.body.messages)).toContain('窗外下着雪');
    expect(writer?.headers['x-api-key']).toBe(localKey);

    const report = JSON.parse(run.stdout) as WriteJson;
    expect(report.stages.map((stage) => [stage.stage, stage.role, stage.model, stage.servedBy, stage.status])).toEqual([
      ['planner', 'planner', 'local:planner-model', 'local:planner-model', 'ok'],
      ['writer', 'writer', 'claude-proxy:writer-model', 'local:writer-backup', 'ok'],
      ['reviewer', 'reviewer', 'local:reviewer-model', 'local:reviewer-model', 'ok'],
    ]);
    expect(report.stages[1]?.fallback).toMatchObject({ from: 'claude-proxy:writer-model', error: { type: 'OVERLOADED' } });
    expect(report.stages[1]?.text).toContain('冬天的第一杯热可可');
    expect(report.stages[1]?.usage).toMatchObject({ inputTokens: 11, outputTokens: 7 });
    expect(report.review.score).toBe(8);
    expect(report.finalStage).toBe('writer');
    expect(readFileSync(report.stages[1]?.outputFile as string, 'utf8')).toContain('窗外下着雪。');

    expect(run.stderr).toContain('[1/3] planner: local:planner-model');
    expect(run.stderr).toContain('[2/3] writer by local:writer-backup (fallback for claude-proxy:writer-model)');
    expect(run.stderr).toContain('[3/3] reviewer by local:reviewer-model');

    const shown = await runCliInProcess(['history', 'show', String(report.runId), '--json'], { cwd, env: env() });
    const stored = JSON.parse(shown.stdout) as { results: { model: string; servedBy: string; role?: string }[] };
    expect(stored.results.map((result) => result.servedBy)).toEqual(['local:planner-model', 'local:writer-backup', 'local:reviewer-model']);

    const stats = await runCliInProcess(['stats', '--by', 'role', '--json'], { cwd, env: env() });
    expect(stats.code).toBe(0);
    const groups = (JSON.parse(stats.stdout) as { groups: { key: string; calls: number }[] }).groups;
    expect(groups.map((group) => group.key).sort()).toEqual(['planner', 'reviewer', 'writer']);
  });

  it('revises once from the review with --revise, and prints the stage table', async () => {
    const server = fakeServer();
    server.replies.set('writer-model', { chunks: ['# 初稿\n\n第一版。'] });
    server.replies.set('reviewer-model', { chunks: ['太短。评分：5/10'] });
    const run = await runCliInProcess(['write', '热可可', '--revise', '--no-check'], { cwd, env: env() });
    expect(run.code).toBe(0);
    expect(server.requests.map((request) => request.body.model)).toEqual([
      'planner-model',
      'writer-model',
      'reviewer-model',
      'writer-model',
    ]);
    const revision = JSON.stringify(server.requests[3]?.body.messages);
    expect(revision).toContain('第一版。');
    expect(revision).toContain('太短。');
    expect(run.stdout).toMatch(/revise \(writer\)\s+│ claude-proxy:writer-model/);
    expect(run.stdout).toContain('review score: 5/10');
    expect(run.stdout).toMatch(/final draft \(revise\): output\/.+\/4-revise\.md/);
  });

  it('keeps the outline when the writer and its fallback fail, skips the review, and exits 1', async () => {
    const server = fakeServer();
    const overloaded = { status: 529, errorBody: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } };
    server.replies.set('writer-model', overloaded);
    server.replies.set('writer-backup', { status: 500, errorBody: { error: { message: 'down' } } });
    const run = await runCliInProcess(['write', '热可可', '--json'], { cwd, env: env() });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as WriteJson;
    expect(report.stages.map((stage) => [stage.stage, stage.status])).toEqual([
      ['planner', 'ok'],
      ['writer', 'error'],
    ]);
    expect(run.stderr).toContain('reviewer skipped: it needs the writer stage, which failed');
    expect(server.requests.map((request) => request.body.model)).not.toContain('reviewer-model');
  });

  it('names the role when it has no models and there is no default', async () => {
    writeFileSync(
      path.join(cwd, 'wechat-writer.config.yaml'),
      exampleConfig.replace('  default: [local:default-model]\n', '').replace('  reviewer: [local:reviewer-model]\n', ''),
    );
    const run = await runCliInProcess(['write', '热可可'], { cwd, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('role "reviewer" has no models and there is no default role: add roles.reviewer or roles.default to');
    expect(fakeServer().requests).toHaveLength(0);
  });
});
