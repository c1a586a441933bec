import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parsePromptLines, readPromptBatch } from '../../src/batch/read-prompt-batch.js';
import { UsageError } from '../../src/errors/usage-error.js';

let cwd: string;
const deps = () => ({ cwd, readTextFile: (file: string) => readFile(file, 'utf8') });

beforeEach(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'wechat-writer-batch-'));
});

describe('readPromptBatch', () => {
  it('reads every .md and .txt file of a directory, by name, with the file name as id', async () => {
    mkdirSync(path.join(cwd, 'briefs'));
    writeFileSync(path.join(cwd, 'briefs', '02-奶茶.md'), '写奶茶');
    writeFileSync(path.join(cwd, 'briefs', '01-咖啡.txt'), '写咖啡');
    writeFileSync(path.join(cwd, 'briefs', 'notes.json'), '{}');
    const prompts = await readPromptBatch('briefs', deps());
    expect(prompts).toEqual([
      { id: '01-咖啡', text: '写咖啡', system: null, source: path.join('briefs', '01-咖啡.txt') },
      { id: '02-奶茶', text: '写奶茶', system: null, source: path.join('briefs', '02-奶茶.md') },
    ]);
  });

  it('reports every empty file of a directory at once', async () => {
    mkdirSync(path.join(cwd, 'briefs'));
    writeFileSync(path.join(cwd, 'briefs', 'a.md'), ' \n');
    writeFileSync(path.join(cwd, 'briefs', 'b.md'), '');
    writeFileSync(path.join(cwd, 'briefs', 'c.md'), 'ok');
    await expect(readPromptBatch('briefs', deps())).rejects.toThrow(/briefs has 2 problems[\s\S]*a\.md: is empty[\s\S]*b\.md: is empty/);
  });

  it('reads a JSONL file, one prompt per line, with its own system prompt', async () => {
    writeFileSync(
      path.join(cwd, 'titles.jsonl'),
      '{"id": "t1", "prompt": "标题一"}\n\n{"prompt": "标题二", "system": "只写标题"}\n{"id": 3, "prompt": "标题三"}\n',
    );
    const prompts = await readPromptBatch('titles.jsonl', deps());
    expect(prompts.map((prompt) => [prompt.id, prompt.text, prompt.system, prompt.source])).toEqual([
      ['t1', '标题一', null, 'titles.jsonl:1'],
      ['line-3', '标题二', '只写标题', 'titles.jsonl:3'],
      ['3', '标题三', null, 'titles.jsonl:4'],
    ]);
  });

  it('names the fix for a missing path, a plain file and an empty directory', async () => {
    await expect(readPromptBatch('nope', deps())).rejects.toThrow(
      '--prompts "nope" does not exist: give a directory of .md/.txt briefs or a .jsonl file',
    );
    writeFileSync(path.join(cwd, 'brief.md'), 'x');
    await expect(readPromptBatch('brief.md', deps())).rejects.toThrow('is a file: give a .jsonl file');
    mkdirSync(path.join(cwd, 'empty'));
    await expect(readPromptBatch('empty', deps())).rejects.toThrow('has no .md or .txt files');
  });
});

describe('parsePromptLines', () => {
  it('reports every bad line at once: bad JSON, a missing or empty prompt, an unknown key, a duplicate id', () => {
    const text = [
      '{"id": "a", "prompt": "x"}',
      '{oops',
      '{"id": "b"}',
      '{"id": "c", "prompt": "  "}',
      '{"prompt": "y", "temp": 1}',
      '{"id": "a", "prompt": "z"}',
    ].join('\n');
    let error: unknown;
    try {
      parsePromptLines(text, 'p.jsonl');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain('--prompts p.jsonl has 5 problems; nothing was called');
    expect(message).toContain('line 2: not valid JSON');
    expect(message).toContain('line 3.prompt:');
    expect(message).toContain('line 4.prompt: must not be empty');
    expect(message).toContain('line 5: Unrecognized key: "temp" (allowed: id, prompt, system, tags)');
    expect(message).toContain('p.jsonl:6: id "a" is used twice (first at p.jsonl:1)');
  });
});
