import { describe, expect, it } from 'vitest';
import { parsePromptLines } from '../../src/batch/read-prompt-batch.js';
import { runInLanguage } from '../../src/i18n/language.js';

const problems = (text: string) => {
  try {
    parsePromptLines(text, 'week.jsonl');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('batch lines: tags', () => {
  it('keeps a line’s tags, trimmed and without repeats, and none when absent or empty', () => {
    const prompts = parsePromptLines(
      [
        '{"id": "a", "prompt": "x", "tags": ["标题", " 标题 ", "长文"]}',
        '{"id": "b", "prompt": "y"}',
        '{"id": "c", "prompt": "z", "tags": []}',
      ].join('\n'),
      'week.jsonl',
    );
    expect(prompts.map((prompt) => prompt.tags)).toEqual([['标题', '长文'], undefined, undefined]);
    expect(prompts[1]).not.toHaveProperty('tags');
  });

  it('reports each bad tags field once, with the line’s other problems', () => {
    const message = problems(['{"prompt": "x", "tags": "标题"}', '{"prompt": "x", "tags": ["", 3, "ok"]}', '{"tags": [" "]}'].join('\n'));
    expect(message).toContain('has 4 problems');
    expect(message.match(/\.tags: must be an array of non-empty strings/g)).toHaveLength(3);
    expect(message).toContain('line 3.prompt');
  });

  it('says so in Chinese', () => {
    const message = runInLanguage('zh-CN', () => problems('{"prompt": "x", "tags": {"a": 1}}'));
    expect(message).toContain('第 1 行的 tags：必须是由非空字符串组成的数组，例如 "tags": ["标题", "长文"]');
  });
});
