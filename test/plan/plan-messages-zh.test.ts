import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/usage-error.js';
import { runInLanguage } from '../../src/i18n/language.js';
import { buildRunPlan, type CompareOptions } from '../../src/plan/build-run-plan.js';
import { createMemoryIO } from '../support/memory-io.js';

describe('run plan usage errors in Chinese', () => {
  it.each<[Partial<CompareOptions>, string]>([
    [{ topic: 't' }, '没有选择模型：请用 --models 指定（例如 --models mock:alpha,gpt），或设置 WECHAT_WRITER_MODELS'],
    [{ models: ' ', topic: 't' }, '--models 是空的：请给出用逗号分隔的模型 id 或别名'],
    [{ models: 'mock' }, '没有提示词：请给出主题（wechat-writer "选题"）或 --prompt brief.md（--prompt - 从标准输入读取）'],
    [{ models: 'mock', topic: 't', prompt: 'a.md' }, '主题和 --prompt <file> 只能给一个，不能同时给'],
    [{ models: 'mock', topic: 't', maxTokens: '1.5' }, '--max-tokens 需要一个不小于 1 的整数，收到的是 "1.5"'],
    [{ models: 'mock', topic: 't', temperature: 'hot' }, '--temperature 需要 0 到 2 之间的数字，收到的是 "hot"'],
    [{ models: 'mock', topic: 't', retries: '11' }, '--retries 需要 0 到 10 之间的整数，收到的是 "11"'],
    [{ models: 'mock', topic: 't', concurrency: '0' }, '--concurrency 需要 1 到 500 之间的整数，收到的是 "0"'],
    [{ models: 'mock', topic: 't', fallback: 'a,b' }, '--fallback 只接受一个模型 id 或别名，收到的是 "a,b"'],
    [{ models: 'mock', topic: 't', judge: 'all' }, '--judge 只接受一个模型 id 或别名，收到的是 "all"'],
    [{ models: 'mock', prompt: 'missing.md' }, '--prompt 指定的文件 "missing.md" 不存在：请给 --prompt 一个文本文件的路径'],
  ])('%j', async (options, message) => {
    const io = createMemoryIO();
    const attempt = runInLanguage('zh-CN', () => buildRunPlan({ stream: true, ...options }, io));
    await expect(attempt).rejects.toThrowError(UsageError);
    await expect(attempt).rejects.toThrowError(message);
  });

  it('an empty brief from stdin', async () => {
    const io = createMemoryIO({ readStdin: async () => '  \n' });
    const attempt = runInLanguage('zh-CN', () => buildRunPlan({ models: 'mock', prompt: '-', stream: true }, io));
    await expect(attempt).rejects.toThrowError('来自 stdin 的提示词是空的：请在里面写好写作简报，或改为给出主题');
  });
});
