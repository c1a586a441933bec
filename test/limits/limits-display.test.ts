import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

describe('models and doctor show a limited provider’s use', () => {
  it('counts the calls of this window under the table and in --json, in both languages', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-limits-display-'));
    writeFileSync(path.join(cwd, 'wechat-writer.config.yaml'), 'providers:\n  mock:\n    rateLimit: 5/min\n');
    const env = { WECHAT_WRITER_HOME: path.join(cwd, 'home') };
    expect((await runCliInProcess(['--models', 'mock:alpha', '--out', 'out', '周末咖啡'], { cwd, env })).code).toBe(0);
    const listed = await runCliInProcess(['models'], { cwd, env });
    expect(listed.stdout).toContain('mock limits used: 1/5/min');
    const json = JSON.parse((await runCliInProcess(['models', '--json'], { cwd, env })).stdout) as {
      providers: { id: string; limits?: { keys: { rateLimit?: { limit: string; used: number } }[] } }[];
    };
    expect(json.providers.find((provider) => provider.id === 'mock')?.limits?.keys[0]?.rateLimit).toEqual({ limit: '5/min', used: 1 });
    expect(json.providers.find((provider) => provider.id === 'openai')?.limits).toBeUndefined();
    const chinese = await runCliInProcess(['models', '--lang', 'zh'], { cwd, env });
    expect(chinese.stdout).toContain('mock 限额已用：1/5/min');
  });
});
