import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

describe('a new user’s first hour: export, publish, vote, pick, leaderboard with no history yet', () => {
  const fresh = () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-first-hour-'));
    return (args: string[], env: Record<string, string> = {}) =>
      runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), ...env } });
  };

  it('each refusal is one line with the cause and the fix, exit 2; the empty leaderboard says how to fill it, exit 0', async () => {
    const cli = fresh();
    for (const args of [
      ['export', '1'],
      ['pick', '1', 'mock:alpha'],
      ['publish', '1', '--dry-run'],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('list runs with wechat-writer history');
    }
    const publish = await cli(['publish', '1']);
    expect(publish).toMatchObject({ code: 2, stdout: '' });
    expect(publish.stderr).toContain('WECHAT_APPID, WECHAT_APPSECRET not set');
    const vote = await cli(['vote']);
    expect(vote.code).toBe(2);
    expect(vote.stderr).toContain('vote needs a terminal');
    const board = await cli(['leaderboard']);
    expect(board.code).toBe(0);
    expect(board.stdout).toContain('wechat-writer vote');
    expect(JSON.parse((await cli(['leaderboard', '--json'])).stdout)).toMatchObject({ comparisons: 0, models: [] });
    for (const args of [
      ['leaderboard', '--since', 'garbage'],
      ['leaderboard', '--min-votes', '0'],
      ['leaderboard', '--min-votes', '-3'],
    ]) {
      expect(await cli(args)).toMatchObject({ code: 2, stdout: '' });
    }
  });

  it('zh-CN: --help of each command and the refusals are Chinese', async () => {
    const cli = fresh();
    for (const command of ['export', 'publish', 'vote', 'pick', 'leaderboard']) {
      const help = await cli(['--lang', 'zh', command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^用法：/);
    }
    expect((await cli(['export', '1'], { WECHAT_WRITER_LANG: 'zh-CN' })).stderr).toMatch(/[\u4e00-\u9fff]/);
    expect((await cli(['publish', '1'], { WECHAT_WRITER_LANG: 'zh-CN' })).stderr).toContain('未设置 WECHAT_APPID');
    expect((await cli(['leaderboard'], { WECHAT_WRITER_LANG: 'zh-CN' })).stdout).toContain('还没有人工投票和选稿');
  });
});
