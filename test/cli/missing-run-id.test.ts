import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

describe('a command that needs a run id and got none', () => {
  it.each(['export', 'publish', 'pick', 'rerun'])('%s says where run ids come from, exit 2, in both languages', async (command) => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'ww-run-id-'));
    const english = await runCliInProcess([command], { cwd });
    expect(english.code).toBe(2);
    expect(english.stderr).toContain("missing required argument 'runId': give a run's number (`wechat-writer history` lists them)");
    const chinese = await runCliInProcess([command], { cwd, env: { LANG: 'zh_CN.UTF-8' } });
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toContain('请给出运行编号（`wechat-writer history` 会列出）');
  });
});
