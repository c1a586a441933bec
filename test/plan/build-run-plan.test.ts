import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.js';
import { buildRunPlan, defaultTimeoutMs } from '../../src/plan/build-run-plan.js';
import { defaultSystemPrompt } from '../../src/plan/default-system-prompt.js';
import { slugify } from '../../src/plan/slugify.js';
import { createMemoryIO } from '../support/memory-io.js';

describe('buildRunPlan', () => {
  it('builds a plan from a topic with defaults', async () => {
    const io = createMemoryIO({ env: { WECHAT_WRITER_MODELS: 'mock:alpha,mock:beta' } });
    const plan = await buildRunPlan({ topic: '秋天的第一杯奶茶', stream: true }, io);
    expect(plan.models.map((model) => model.id)).toEqual(['mock:alpha', 'mock:beta']);
    expect(plan.prompt).toMatchObject({ source: 'topic', topic: '秋天的第一杯奶茶' });
    expect(plan.prompt.text).toContain('秋天的第一杯奶茶');
    expect(plan.system).toBe(defaultSystemPrompt);
    expect(plan).toMatchObject({ maxTokens: null, temperature: null, timeoutMs: defaultTimeoutMs, slug: '秋天的第一杯奶茶' });
    expect(plan.outDir).toBe(path.join(io.cwd, 'output'));
  });

  it('reads the brief and system prompt from files, or the brief from stdin', async () => {
    const io = createMemoryIO({ readStdin: async () => '# 来自管道的简报\n内容' });
    writeFileSync(path.join(io.cwd, 'brief.md'), '写一篇关于早餐的文章');
    writeFileSync(path.join(io.cwd, 'system.txt'), '你是美食作家');
    const fromFile = await buildRunPlan(
      {
        models: 'mock',
        prompt: 'brief.md',
        system: 'system.txt',
        out: 'drafts',
        stream: false,
        maxTokens: '800',
        temperature: '0.9',
        timeout: '5000',
      },
      io,
    );
    expect(fromFile).toMatchObject({
      system: '你是美食作家',
      slug: 'brief',
      maxTokens: 800,
      temperature: 0.9,
      timeoutMs: 5000,
      stream: false,
    });
    expect(fromFile.prompt).toEqual({ text: '写一篇关于早餐的文章', source: 'brief.md', topic: null });
    expect(fromFile.outDir).toBe(path.join(io.cwd, 'drafts'));
    const fromStdin = await buildRunPlan({ models: 'mock', prompt: '-', stream: true }, io);
    expect(fromStdin.prompt.source).toBe('stdin');
    expect(fromStdin.slug).toBe('来自管道的简报');
  });

  it('uses OUTPUT_DIR when --out is absent', async () => {
    const io = createMemoryIO({ env: { OUTPUT_DIR: 'articles' } });
    const plan = await buildRunPlan({ models: 'mock', topic: 't', stream: true }, io);
    expect(plan.outDir).toBe(path.join(io.cwd, 'articles'));
  });

  it.each([
    [{ topic: 't' }, /no models selected: pass --models/],
    [{ models: 'mock' }, /no prompt: pass a topic/],
    [{ models: 'mock', topic: 't', prompt: 'b.md' }, /either a topic or --prompt/],
    [{ models: 'mock', prompt: 'missing.md' }, /the --prompt file "missing.md" does not exist: give the path of a text file to --prompt/],
    [{ models: 'mock', topic: 't', maxTokens: '0' }, /--max-tokens takes a whole number/],
    [{ models: 'mock', topic: 't', maxTokens: '1.5' }, /--max-tokens/],
    [{ models: 'mock', topic: 't', temperature: 'hot' }, /--temperature takes a number from 0 to 2/],
    [{ models: 'mock', topic: 't', timeout: '-1' }, /--timeout/],
    [{ models: 'gpt', topic: 't' }, /needs OPENAI_API_KEY/],
  ])('rejects %j with one clear line', async (options, message) => {
    const io = createMemoryIO();
    const attempt = buildRunPlan({ stream: true, ...options }, io);
    await expect(attempt).rejects.toThrowError(UsageError);
    await expect(attempt).rejects.toThrowError(message);
  });

  it('rejects an empty brief', async () => {
    const io = createMemoryIO({ readStdin: async () => '  \n' });
    await expect(buildRunPlan({ models: 'mock', prompt: '-', stream: true }, io)).rejects.toThrowError(/prompt from stdin is empty/);
  });
});

describe('slugify', () => {
  it('keeps CJK, replaces unsafe characters, and caps the length', () => {
    expect(slugify('openai:gpt-5.6/luna')).toBe('openai-gpt-5.6-luna');
    expect(slugify('  如何写好 公众号: 开头?  ')).toBe('如何写好-公众号-开头');
    expect(Array.from(slugify('长'.repeat(50)))).toHaveLength(30);
    expect(slugify('???')).toBe('untitled');
  });
});
