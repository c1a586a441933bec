import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/run-cli-in-process.js';

// `history` and `stats` tables fit the terminal (COLUMNS) without wrapping, in English and Chinese.

let cwd: string;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliInProcess(args, { cwd, env: { WECHAT_WRITER_HOME: path.join(cwd, 'home'), ...env } });
const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

beforeAll(async () => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-history-tables-'));
  writeFileSync(path.join(cwd, 'brief.md'), '# 🚀 火箭发射：一篇写给普通读者的航天科普长文\n\n写一篇推文。');
  writeFileSync(path.join(cwd, 'week.jsonl'), '{"id":"mon","prompt":"周一"}\n{"id":"tue","prompt":"周二"}\n');
  const prices = { WECHAT_WRITER_PRICES: '{"mock:alpha": {"input": 1, "output": 2}}' };
  await cli(['-m', 'mock:alpha,mock:beta,mock:gamma?fail=1', '秋天的第一杯奶茶', '--retries', '0'], prices);
  await cli(['-m', 'mock:alpha', '-p', 'brief.md'], prices);
  await cli(['--prompts', 'week.jsonl', '-m', 'mock:alpha,mock:beta']);
  await cli(['write', '-m', 'mock:a', '周末咖啡']);
});

describe('history and stats tables', () => {
  it.each(['80', '160'])('fit %s columns, with the topic and the kind', async (columns) => {
    const history = await cli(['history'], { COLUMNS: columns });
    expect(history.code).toBe(0);
    expect(widest(history.stdout)).toBeLessThanOrEqual(Number(columns));
    for (const text of ['Topic', 'Kind', 'write', 'batch', 'compare', 'mon, tue', '周末咖啡', '秋天的第一杯奶茶']) {
      expect(history.stdout).toContain(text);
    }
    expect(history.stdout).not.toContain('请围绕选题');
    const stats = await cli(['stats', '--by', 'model'], { COLUMNS: columns });
    expect(stats.code).toBe(0);
    expect(widest(stats.stdout)).toBeLessThanOrEqual(Number(columns));
    expect(stats.stdout).toContain('Success');
    expect(stats.stdout).toContain('mock:gamma?fail=1');
  });

  it('at 160 columns show every column, 字数 and reading time included', async () => {
    const history = await cli(['history'], { COLUMNS: '160' });
    for (const header of ['Run', 'Time', 'Models', 'OK', 'Chars', 'Best', 'Worst', 'Cost']) expect(history.stdout).toContain(header);
    expect(history.stdout).toContain('🚀 火箭发射：一篇写给普通读者的航天科普长文');
    const stats = await cli(['stats'], { COLUMNS: '160' });
    for (const header of ['Calls', 'p50', 'p95', 'TTFT', 'Cost', 'Chars', 'Read', '/1k chars']) expect(stats.stdout).toContain(header);
  });

  it('speak Chinese with WECHAT_WRITER_LANG=zh-CN, within 80 columns', async () => {
    const zh = { WECHAT_WRITER_LANG: 'zh-CN', COLUMNS: '80' };
    const history = await cli(['history'], zh);
    expect(history.stdout).toMatch(/运行.*时间.*类型.*主题/);
    for (const kind of ['对比', '批量', '写作']) expect(history.stdout).toContain(kind);
    expect(widest(history.stdout)).toBeLessThanOrEqual(80);
    const stats = await cli(['stats'], zh);
    expect(stats.stdout).toMatch(/模型.*调用.*成功率/);
    expect(stats.stdout).toContain('字数');
    expect(widest(stats.stdout)).toBeLessThanOrEqual(80);
    const none = await cli(['stats', '--since', '2099-01-01'], zh);
    expect(none.stdout).toMatch(/^没有调用记录（自 .+ 起）。\n$/);
    const bad = await cli(['stats', '--by', 'day'], zh);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by 只能是 model、provider 或 role');
    const missing = await cli(['history', 'show', '42'], zh);
    expect(missing.stderr).toContain('中没有运行“42”');
  });
});
